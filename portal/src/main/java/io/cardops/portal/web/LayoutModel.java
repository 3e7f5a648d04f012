package io.cardops.portal.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import io.cardops.portal.security.PortalUser;

/**
 * What the page layout (templates/layout.html) shows on every page: who is signed in, and
 * the language switch's links.
 */
@ControllerAdvice
@ConditionalOnWebApplication(type = Type.SERVLET)
public class LayoutModel {

	/**
	 * The signed-in user for the header and the navigation.
	 * @param user who is signed in, or null on the login page
	 * @return the user, as {@code currentUser}
	 */
	@ModelAttribute("currentUser")
	PortalUser currentUser(@AuthenticationPrincipal PortalUser user) {
		return user;
	}

	/**
	 * The language switch's link to Chinese: this page with its query (the filters a user
	 * chose) kept and {@code lang} set.
	 * @param request the page's request
	 * @return a relative link, {@code ?…&lang=zh-CN}
	 */
	@ModelAttribute("langZh")
	String langZh(HttpServletRequest request) {
		return withLang(request, "zh-CN");
	}

	/**
	 * The language switch's link to English, as {@link #langZh}.
	 * @param request the page's request
	 * @return a relative link, {@code ?…&lang=en}
	 */
	@ModelAttribute("langEn")
	String langEn(HttpServletRequest request) {
		return withLang(request, "en");
	}

	static String withLang(HttpServletRequest request, String lang) {
		String method = method(request);
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			// A page answering a form's post (a refusal, an expired form): its
			// address takes no GET, so the switch leads back to the page the form
			// was on, or home.
			return UriComponentsBuilder.fromUriString(formPage(request))
				.replaceQueryParam("lang", lang)
				.build()
				.toUriString();
		}
		// The query is taken as sent (still encoded) and only its lang parameter is
		// replaced.
		return UriComponentsBuilder.newInstance()
			.query(request.getQueryString())
			.replaceQueryParam("lang", lang)
			.build()
			.toUriString();
	}

	/**
	 * The method the browser used: on the error page, that of the request that failed
	 * (the server forwards every failure there as a GET).
	 * @param request a request
	 * @return for example {@code POST}
	 */
	static String method(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_METHOD);
		return (request.getDispatcherType() == DispatcherType.ERROR && failed instanceof String method) ? method
				: request.getMethod();
	}

	/**
	 * The page a posted form was on: the Referer's path and query when the browser sends
	 * one of this site (and not the address posted to), else the portal's home.
	 * @param request a posted form, or the error dispatch of one
	 * @return the page's path and query, or the home page's path
	 */
	public static String formPage(HttpServletRequest request) {
		String home = request.getContextPath() + "/";
		String referer = request.getHeader("Referer");
		if (referer == null) {
			return home;
		}
		URI from;
		try {
			from = new URI(referer);
		}
		catch (URISyntaxException ex) {
			return home;
		}
		String path = from.getRawPath();
		Object posted = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		boolean sameSite = request.getServerName().equalsIgnoreCase(from.getHost())
				&& request.getServerPort() == ((from.getPort() != -1) ? from.getPort()
						: "https".equalsIgnoreCase(from.getScheme()) ? 443 : 80);
		if (!sameSite || path == null || !path.startsWith(home) || path.startsWith("//")
				|| path.equals(request.getRequestURI()) || path.equals(posted)) {
			return home;
		}
		return (from.getRawQuery() != null) ? path + "?" + from.getRawQuery() : path;
	}

}
