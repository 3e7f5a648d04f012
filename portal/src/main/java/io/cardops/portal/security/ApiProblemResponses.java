package io.cardops.portal.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.cardops.portal.web.ProblemJson;

/**
 * The API's answers when signing in is missing or refused (401, with
 * {@code WWW-Authenticate}) and when the account may not do what it asked (403): RFC 9457
 * problem details, the same words whatever the reason, but for the roles a 403 names
 * (fixed words of the part asked for, nothing echoed).
 */
final class ApiProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	/** The challenge of a 401: a token, or a name and password. */
	static final String CHALLENGE = "Bearer, Basic realm=\"cardops\"";

	private final List<ApiArea> areas;

	private final DeskRoleRefusals deskRefusals;

	/**
	 * Creates the answers.
	 * @param areas who may use which part, for a 403 to name
	 * @param deskRefusals records a desk action refused for its role
	 */
	ApiProblemResponses(List<ApiArea> areas, DeskRoleRefusals deskRefusals) {
		this.areas = List.copyOf(areas);
		this.deskRefusals = deskRefusals;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		ProblemJson.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
				"Sign in with an API token (Authorization: Bearer) or HTTP Basic.", null);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.deskRefusals.record(request);
		String who = this.areas.stream()
			.filter((area) -> area.covers(request))
			.findFirst()
			.map((area) -> ": it is for " + area.who())
			.orElse("");
		// A signed-in account is told the address it was refused, as every other
		// problem of the API does (the 401 echoes nothing to whoever is not signed in).
		ProblemJson.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				"This account may not do this" + who + ".", request.getRequestURI());
	}

}
