package io.cardops.portal.web;

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

	private static String withLang(HttpServletRequest request, String lang) {
		// The query is taken as sent (still encoded) and only its lang parameter is
		// replaced.
		return UriComponentsBuilder.newInstance()
			.query(request.getQueryString())
			.replaceQueryParam("lang", lang)
			.build()
			.toUriString();
	}

}
