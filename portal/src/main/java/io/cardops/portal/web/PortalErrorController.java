package io.cardops.portal.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

import io.cardops.portal.security.PortalUser;

/**
 * Answers every error no controller answered (an unknown path, a body too large, a
 * failure outside a controller): a problem detail for {@code /api/**}, the friendly error
 * page otherwise. Neither shows an exception's text or a stack trace.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class PortalErrorController implements ErrorController {

	/**
	 * The request attribute by which a refusal gives the error page its reason's message
	 * key, when its status alone would say less.
	 */
	public static final String REASON = "cardops.error.reason";

	/**
	 * The request attribute by which a refusal of a request the server could not take
	 * (400) gives the API's problem detail its words, when the status alone would say
	 * less; the page takes its reason's message key from {@link #REASON}.
	 */
	public static final String DETAIL = "cardops.error.detail";

	/**
	 * The detail of an API request refused for its address before any endpoint read it
	 * (by the server, or by the security filters' firewall).
	 */
	public static final String PATH_REFUSED = "The address has something the server refuses in a path: an encoded"
			+ " slash (%2F) or backslash (%5C), a doubled slash (//), a dot segment (.. or %2e), a path parameter"
			+ " (;name=value) or a control character (%00). Send the address without it.";

	/**
	 * The detail of an API request the server refused before the application read it,
	 * with nothing in its address the server refuses: its headers.
	 */
	public static final String HEADERS_REFUSED = "The server could not read the request's headers: they are longer"
			+ " than it reads (8 KB), or not readable. Send the request with shorter headers.";

	/**
	 * The detail of an API request the security filters' firewall refused for its method.
	 * @param method the method sent
	 * @return the detail, naming the method when it is one (not whatever was sent)
	 */
	public static String methodRefused(String method) {
		String named = (method != null && method.matches("[A-Z]{1,16}")) ? method : "such a";
		return "The server takes no " + named + " request: send it as GET, HEAD, POST, PUT, PATCH or DELETE,"
				+ " as the address takes.";
	}

	/**
	 * Whether a refused address holds what the server refuses in a path (PATH_REFUSED).
	 * @param uri the address as sent
	 * @return true when it does
	 */
	public static boolean pathRefused(String uri) {
		String lower = (uri != null) ? uri.toLowerCase(Locale.ROOT) : "";
		return lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("..")
				|| lower.contains("//") || lower.contains(";") || lower.contains("%00") || lower.contains("\\")
				|| lower.chars().anyMatch(Character::isISOControl);
	}

	private final LocaleResolver locales;

	/**
	 * Creates the controller.
	 * @param locales the pages' language, for a refused page's {@code ?lang=}
	 */
	public PortalErrorController(LocaleResolver locales) {
		this.locales = locales;
	}

	/**
	 * The error's answer.
	 * @param request the failed request (forwarded here by the server)
	 * @param model the page's model
	 * @return a problem detail or the error page
	 */
	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
		HttpStatus status = status(request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString() : request.getRequestURI();
		boolean saysWhy = status == HttpStatus.BAD_REQUEST || status == HttpStatus.SERVICE_UNAVAILABLE;
		if (isApi(path, request.getContextPath()) || (status == HttpStatus.SERVICE_UNAVAILABLE
				&& path.startsWith(request.getContextPath() + "/actuator/"))) {
			// (the metrics' scrape too, when the database is away: a program reads it)
			Object said = request.getAttribute(DETAIL);
			String detail = (said instanceof String words && saysWhy) ? words : detail(status);
			String allowed = response.getHeader(HttpHeaders.ALLOW);
			if (status == HttpStatus.METHOD_NOT_ALLOWED && allowed != null && !allowed.isBlank()) {
				detail = "This address takes only " + allowed + ".";
			}
			ProblemDetail problem = Problems.complete(ProblemDetail.forStatusAndDetail(status, detail), path);
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		languageAsked(request, response);
		// A refusal that knows better than its status why names its reason
		// (ExpiredForms: a form without its valid CSRF token; NulValues: a value with a
		// NUL character).
		Object reason = request.getAttribute(REASON);
		if (status == HttpStatus.METHOD_NOT_ALLOWED && "GET".equals(LayoutModel.method(request))
				&& String.valueOf(response.getHeader(HttpHeaders.ALLOW)).contains("POST")) {
			// a form's address opened as a page (typed, a bookmark, a link copied from
			// the
			// address bar after a refusal)
			return page(request, status, "error.formOnly");
		}
		return page(request, status, (reason instanceof String key && (status == HttpStatus.FORBIDDEN || saysWhy)) ? key
				: reasonKey(status));
	}

	/**
	 * The error page, for this controller and for the exception resolvers that answer a
	 * page's failure themselves: its status, its reason and the language switch as on
	 * every page: for a failed post, back to the form's page (LayoutModel); for a failed
	 * GET, the layout's own link to this address without its query, which may be what
	 * failed (%FF).
	 * @param request the failed request
	 * @param status the answer's status
	 * @param reason the message key of its words
	 * @return the page
	 */
	static ModelAndView page(HttpServletRequest request, HttpStatus status, String reason) {
		return page(request, status, reason, null);
	}

	/**
	 * The error page with what to change, when the refusal said it (a 400 of a
	 * controller: {@code format must be csv or xlsx}), as the API's detail does.
	 * @param request the failed request
	 * @param status the answer's status
	 * @param reason the message key of its words
	 * @param detail what to change, in the server's words, or null
	 * @return the page
	 */
	static ModelAndView page(HttpServletRequest request, HttpStatus status, String reason, String detail) {
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("reason", reason);
		page.addObject("detail", detail);
		// An exception resolver's view gets no model attributes of the controller
		// advice: the header's account, navigation and language switch are added here,
		// as on every other page.
		page.addObject("langZh", LayoutModel.withLang(request, "zh-CN"));
		page.addObject("langEn", LayoutModel.withLang(request, "en"));
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn != null && signedIn.getPrincipal() instanceof PortalUser user) {
			page.addObject("currentUser", user);
		}
		return page;
	}

	/**
	 * A page refused (403 to an account not allowed there, 404) speaks the language its
	 * address asks for ({@code ?lang=zh-CN}), as the page itself would have. Only for a
	 * GET: the parameters of any other request would be read from its body, which may be
	 * the reason it failed (too large, not readable).
	 */
	private void languageAsked(HttpServletRequest request, HttpServletResponse response) {
		LanguageAsked.apply(request, response, this.locales);
	}

	/**
	 * Whether a path is the API's.
	 * @param path the request's path
	 * @param context the application's context path
	 * @return true under {@code /api}
	 */
	static boolean isApi(String path, String context) {
		return path.startsWith(context + "/api/") || path.equals(context + "/api");
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// /error asked for directly, not an error forwarded: no such page.
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * The status of parameters the server could not read, as Tomcat judged them: 413 for
	 * a form body too large, else 400 (not UTF-8, too many).
	 * @param ex the refusal
	 * @return the status
	 */
	static HttpStatus parametersRefused(InvalidParameterException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
		return (status != null && status.is4xxClientError()) ? status : HttpStatus.BAD_REQUEST;
	}

	static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case METHOD_NOT_ALLOWED -> "This address does not take this method.";
			// (413 resolves to CONTENT_TOO_LARGE, the name that replaced
			// PAYLOAD_TOO_LARGE)
			case CONTENT_TOO_LARGE ->
				"The request body is larger than the server accepts: a roster file up to cardops.http.max-upload"
						+ " (50 MB unless set otherwise), any other body up to cardops.http.max-body (1 MB unless set otherwise).";
			case BAD_REQUEST -> "The request is not one the server understands.";
			case UNAUTHORIZED -> "Sign in with an API token (Authorization: Bearer) or HTTP Basic.";
			case FORBIDDEN -> "This account may not do this.";
			default -> status.is5xxServerError() ? "The server could not answer this request."
					: status.getReasonPhrase() + ".";
		};
	}

	static String reasonKey(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "error.notFound";
			case FORBIDDEN -> "error.forbidden";
			case CONTENT_TOO_LARGE -> "error.tooLarge";
			case BAD_REQUEST, METHOD_NOT_ALLOWED -> "error.badRequest";
			default -> status.is5xxServerError() ? "error.server" : "error.badRequest";
		};
	}

}
