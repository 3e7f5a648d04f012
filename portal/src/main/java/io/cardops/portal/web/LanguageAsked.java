package io.cardops.portal.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Takes a page's {@code ?lang=} before the security filters: a link opened signed out
 * ({@code /finance?lang=zh-CN}) redirects to the sign-in form, which then speaks the
 * language asked for (Spring's interceptor, which sets it on the pages, never sees that
 * request). Only for a GET, whose query is all its parameters: any other request's
 * parameters would be read from its body.
 */
final class LanguageAsked extends OncePerRequestFilter {

	private static final String TAKEN = LanguageAsked.class.getName() + ".taken";

	private final LocaleResolver locales;

	LanguageAsked(LocaleResolver locales) {
		this.locales = locales;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!PortalErrorController.isApi(request.getRequestURI(), request.getContextPath())) {
			apply(request, response, this.locales);
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether a request's language was set here already, so that nothing sets it again.
	 * @param request the request
	 * @return whether its {@code ?lang=} was taken
	 */
	static boolean taken(HttpServletRequest request) {
		return request.getAttribute(TAKEN) != null;
	}

	/**
	 * Sets the language a GET's {@code ?lang=} asks for, if it names one.
	 * @param request the request
	 * @param response its answer (the language cookie)
	 * @param locales the language of a request
	 */
	static void apply(HttpServletRequest request, HttpServletResponse response, LocaleResolver locales) {
		if (!"GET".equals(LayoutModel.method(request))) {
			return;
		}
		String query = request.getQueryString();
		if (query == null || !query.contains("lang=")) {
			return;
		}
		try {
			// Read from the query as sent: asking the server for the parameters would
			// parse them all here, and a value it cannot read (%FF) would no longer be
			// refused where the page reads it.
			String lang = null;
			for (String pair : query.split("&")) {
				if (pair.startsWith("lang=")) {
					lang = URLDecoder.decode(pair.substring("lang=".length()), StandardCharsets.UTF_8);
				}
			}
			Locale asked = (lang != null) ? StringUtils.parseLocale(lang) : null;
			if (asked != null) {
				locales.setLocale(request, response, asked);
				request.setAttribute(TAKEN, Boolean.TRUE);
			}
		}
		catch (RuntimeException ex) {
			// not UTF-8, or no language: the language stays as it was
		}
	}

}
