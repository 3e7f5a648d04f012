package io.cardops.portal.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A part of the API and the roles that may use it.
 *
 * @param patterns its paths, as Spring Security matches them
 * @param roles the roles the security chain lets through to it
 * @param named the roles a refusal names: those its endpoints serve, when they refuse
 * some of the roles let through themselves (and audit the refusal)
 */
record ApiArea(List<String> patterns, List<String> roles, List<String> named) {

	/**
	 * A part whose refusals name the roles let through.
	 * @param patterns its paths
	 * @param roles the roles that may use it
	 */
	ApiArea(List<String> patterns, List<String> roles) {
		this(patterns, roles, roles);
	}

	/**
	 * Whether a request is for this part.
	 * @param request the request
	 * @return true when one of the patterns matches it
	 */
	boolean covers(HttpServletRequest request) {
		return this.patterns.stream()
			.anyMatch((pattern) -> PathPatternRequestMatcher.withDefaults().matcher(pattern).matches(request));
	}

	/**
	 * The refusal's words: who may use this part.
	 * @return e.g. {@code FINANCE and OPS accounts}
	 */
	String who() {
		return String.join(" and ", this.named) + ((this.named.size() == 1) ? " accounts only" : " accounts");
	}

}
