package io.cardops.portal.web;

import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.DisconnectedClientHelper;

import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.jobs.support.Failures;

/**
 * A page controller's unexpected failure (one no other resolver answered: not a bad
 * parameter, not a refusal): the error page with 500, one line in the server's log that
 * names the exception's type, never its text (which may hold data or SQL), and the stack
 * trace in the error log, as {@link ApiExceptionHandler} does for the API. Without it the
 * servlet container would write the whole trace, SQL included, to the server's log.
 * Spring Security's refusals go on to it (sign-in, 403); the API's failures are the API's
 * handler's.
 */
final class PageFailures implements HandlerExceptionResolver {

	private static final Log log = LogFactory.getLog(PageFailures.class);

	private final Path errorLog;

	private final DatabaseOutage outage;

	PageFailures(Path errorLog, DatabaseOutage outage) {
		this.errorLog = errorLog;
		this.outage = outage;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException
				|| PortalErrorController.isApi(request.getRequestURI(), request.getContextPath())) {
			return null;
		}
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// The browser went away mid-answer (a download cancelled): no one to answer,
			// nothing failed here.
			return new ModelAndView();
		}
		if (this.outage.failed(ex) && !response.isCommitted()) {
			// The database went away: said once by the watch, answered as every page is
			// while it is away.
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutageAnswers.RETRY_AFTER);
			return PortalErrorController.page(request, HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutageAnswers.REASON);
		}
		String what = request.getMethod() + " " + request.getRequestURI();
		Path written = Failures.log(this.errorLog, what, ex);
		log.error(what + " failed unexpectedly: " + ex.getClass().getName()
				+ ((written != null) ? "; the stack trace is in " + written : ""));
		if (response.isCommitted()) {
			// Part of the answer is sent (a download broke off): nothing more
			// can be said.
			return new ModelAndView();
		}
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		return PortalErrorController.page(request, status, PortalErrorController.reasonKey(status));
	}

}
