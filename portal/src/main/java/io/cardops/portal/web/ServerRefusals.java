package io.cardops.portal.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.cardops.portal.security.SecurityConfiguration;

/**
 * The answer to a request the server refuses before the application sees it (an encoded
 * slash or a NUL in the path): Tomcat's own report, an HTML page naming the server,
 * without the headers every other answer carries. This one is a problem detail under
 * {@code /api} and a short page elsewhere, with the security headers
 * (SecurityConfiguration) and nothing of the request in it. An answer the application
 * wrote itself, including its error pages, is left as it is. (A request line Tomcat
 * cannot parse at all is answered by its connector, before any valve.)
 */
public class ServerRefusals extends ErrorReportValve {

	/**
	 * Sets the headers every answer carries (SecurityConfiguration writes them on the
	 * answers that pass its filters) on one refused before them.
	 * @param response the answer
	 */
	public static void securityHeaders(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Cache-Control", "no-store");
	}

	@Override
	protected void report(Request request, Response response, Throwable failure) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = HttpStatus.BAD_REQUEST;
		}
		securityHeaders(response);
		String uri = request.getRequestURI();
		boolean api = uri != null && PortalErrorController.isApi(uri, request.getContextPath());
		String body;
		if (api) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// (nothing of the request: no instance)
			body = ProblemJson.json(code, status.getReasonPhrase(),
					(status != HttpStatus.BAD_REQUEST) ? PortalErrorController.detail(status)
							: PortalErrorController.pathRefused(uri) ? PortalErrorController.PATH_REFUSED
									: PortalErrorController.HEADERS_REFUSED,
					null);
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			body = page(request, status);
		}
		// The problem detail is ASCII and goes without a charset, as the API's others do;
		// the page is UTF-8.
		try {
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ignored) {
			// the client has gone: there is no one left to answer
		}
	}

	/**
	 * The page: in the request's language as the portal's pages choose it (its
	 * {@code cardops-lang} cookie, else a browser asking for Chinese), in the portal's
	 * style and readable on a phone, with the words of the application's own error pages
	 * (the message bundles, read here without the application: the server refuses the
	 * request before it).
	 */
	private static String page(Request request, HttpStatus status) {
		Locale locale = chinese(request) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
		ResourceBundle words = ResourceBundle.getBundle("messages", locale,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		String key = PortalErrorController.reasonKey(status);
		String title = words.containsKey(key + ".title") ? words.getString(key + ".title")
				: words.getString("error.title");
		String home = request.getContextPath() + "/";
		// the shape of the application's error page (templates/error.html)
		return "<!DOCTYPE html><html lang=\"" + ((locale == Locale.ENGLISH) ? "en" : "zh-CN") + "\"><head>"
				+ "<meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<title>" + title + " · cardops</title><link rel=\"stylesheet\" href=\"" + home + "css/cardops.css\">"
				+ "</head><body><main class=\"narrow\"><h1>" + title + "</h1><p class=\"status\">" + status.value()
				+ "</p><p>" + words.getString(key) + "</p><p><a href=\"" + home + "\">" + words.getString("error.home")
				+ "</a></p></main></body></html>";
	}

	/** Whether the portal would speak Chinese to this request. */
	private static boolean chinese(Request request) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (PortalWebConfiguration.LANGUAGE_COOKIE.equals(cookie.getName())) {
					return cookie.getValue() != null && cookie.getValue().toLowerCase(Locale.ROOT).startsWith("zh");
				}
			}
		}
		return PortalWebConfiguration.browsers(request).getLanguage().equals("zh");
	}

}
