package io.cardops.portal.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.cardops.domain.text.VisibleText;

/**
 * Refuses a request whose query carries a NUL character ({@code %00}): no field takes
 * one, and PostgreSQL refuses it in any text, so a filter with one would otherwise fail
 * as the server's error instead of the sender's. Answered 400 naming the parameter (never
 * its value), before anything reads the query. The query is looked at as sent, so that
 * the server's own reading of the parameters (and its refusals: not UTF-8, too many, a
 * form too large) stays where it was. A form's body and an upload are checked where they
 * are read.
 */
final class NulValues extends OncePerRequestFilter {

	/** The page's reason (messages.properties). */
	static final String REASON = "error.nulValue";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String name = withNul(request.getQueryString());
		if (name != null) {
			request.setAttribute(PortalErrorController.REASON, REASON);
			request.setAttribute(PortalErrorController.DETAIL, "the value of " + name
					+ " carries a NUL character (%00), which no field takes: send it without one");
			// Refused ahead of the security filters, which write these on other answers.
			ServerRefusals.securityHeaders(response);
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		chain.doFilter(request, response);
	}

	/** The name of the first query parameter with a NUL in its name or value, shown. */
	static String withNul(String query) {
		if (query == null || (!query.contains("%00") && query.indexOf('\0') < 0)) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.contains("%00") || pair.indexOf('\0') >= 0) {
				int equals = pair.indexOf('=');
				return shown((equals < 0) ? pair : pair.substring(0, equals));
			}
		}
		return null;
	}

	/** A parameter's name as the answer may show it: decoded, printable, not too long. */
	private static String shown(String raw) {
		String name;
		try {
			name = URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			name = raw;
		}
		String printable = name.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return "'" + VisibleText.cut(printable, 64) + "'";
	}

}
