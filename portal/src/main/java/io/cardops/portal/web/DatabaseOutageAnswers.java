package io.cardops.portal.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.cardops.jobs.support.DatabaseOutage;

/**
 * While the node cannot reach its database ({@link DatabaseOutage}), every page and API
 * request is answered 503 at once, ahead of the sign-in (which reads the accounts from
 * the database): the page says that nothing was done and to try again in a few minutes,
 * the API's problem detail the same with the time the database went away, and
 * {@code Retry-After} says when to try. Without it each request waited the pool's 30
 * seconds for a connection and ended in "Something went wrong" (500). The health check
 * answers itself (DOWN, with its status alone, even to an OPS account, whose token the
 * database holds), and the style sheets and scripts the error page uses are served as
 * usual. A request that fails because the database went away while it was answered is
 * answered 503 too, by the page's and the API's own handlers.
 */
final class DatabaseOutageAnswers extends OncePerRequestFilter {

	/** The page's reason (messages.properties). */
	static final String REASON = "error.databaseDown";

	/** Seconds a client is asked to wait before trying again. */
	static final String RETRY_AFTER = "30";

	private final DatabaseOutage outage;

	DatabaseOutageAnswers(DatabaseOutage outage) {
		this.outage = outage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		DatabaseOutage.Down down = this.outage.down();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (down != null && !answersItself(path)) {
			refuse(request, response, down);
			return;
		}
		try {
			// The health check of an OPS account would first read its token or password
			// from the database: while it is away, the check answers as to anyone, with
			// its status alone (DOWN), at once.
			chain.doFilter((down != null && isHealth(path)) ? signedOut(request) : request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			// The sign-in's own reading of an account or a token, which no handler of
			// the pages or the API sees.
			if (response.isCommitted() || !this.outage.failed(ex)) {
				throw ex;
			}
			refuse(request, response, this.outage.down());
		}
	}

	/**
	 * Answers a request 503 because the database cannot be reached.
	 * @param request the request
	 * @param response its answer, not committed
	 * @param down the outage, or null when it is not known since when
	 * @throws IOException when the answer cannot be written
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, DatabaseOutage.Down down)
			throws IOException {
		request.setAttribute(PortalErrorController.REASON, REASON);
		request.setAttribute(PortalErrorController.DETAIL, detail(down));
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
		// Answered ahead of the security filters, which write these on other answers.
		ServerRefusals.securityHeaders(response);
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

	/**
	 * The API's words for a request the database's absence stopped.
	 * @param down the outage, or null when it is not known since when
	 * @return the detail
	 */
	static String detail(DatabaseOutage.Down down) {
		return "The database cannot be reached" + ((down != null) ? " (since " + down.shownSince() + ")" : "")
				+ ": nothing was done. Send the request again in a few minutes; /actuator/health shows when the"
				+ " database is back.";
	}

	private static boolean answersItself(String path) {
		return isHealth(path) || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
	}

	private static boolean isHealth(String path) {
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}

	/** The request without its credentials. */
	private static HttpServletRequest signedOut(HttpServletRequest request) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getHeader(String name) {
				return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
						: super.getHeaders(name);
			}

		};
	}

}
