package io.cardops.portal.rosters;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.DispatcherServlet;

import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.PortalWebConfiguration;

/**
 * Records in the audit log a roster upload whose body could not be read: the client went
 * away mid-file, or sent more than {@code cardops.http.max-upload}. The container reads a
 * multipart body before any controller runs, so such an upload never reaches the roster
 * service: nothing of it is stored or imported, and this is its record.
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class BrokenUploadAudit extends OncePerRequestFilter {

	/** Set once the upload's record is written, so that an error dispatch adds none. */
	private static final String AUDITED = BrokenUploadAudit.class.getName() + ".audited";

	private final RosterRequests requests;

	/**
	 * Creates the filter.
	 * @param requests the audit
	 */
	public BrokenUploadAudit(RosterRequests requests) {
		this.requests = requests;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// A page's upload carries its CSRF token in its address: the security
		// filters read it before any controller, and a body that cannot be read
		// fails there, to the error page. Its record is written on that dispatch.
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		boolean error = request.getDispatcherType() == DispatcherType.ERROR && failed != null;
		String path = (error ? failed.toString() : request.getRequestURI())
			.substring(request.getContextPath().length());
		// (the error dispatch of a failed post reads as a GET; only a body fails to be
		// read)
		return !(error || "POST".equals(request.getMethod()))
				|| !(path.equals("/api/rosters") || path.equals("/university/rosters"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Object failure = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
			if (failure == null) {
				failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
			}
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean unread = failure instanceof MultipartException || failure instanceof InvalidParameterException;
			if (unread && request.getAttribute(AUDITED) == null && authentication != null
					&& authentication.getPrincipal() instanceof PortalUser user) {
				request.setAttribute(AUDITED, Boolean.TRUE);
				boolean headers = PortalWebConfiguration.partHeadersTooLong((Throwable) failure);
				boolean tooLarge = (failure instanceof MaxUploadSizeExceededException
						|| (failure instanceof InvalidParameterException invalid
								&& invalid.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE))
						&& !headers;
				this.requests.audit(user, request, "roster.upload", "(body not read)",
						(tooLarge || headers) ? RosterRequests.REFUSED : "FAILED",
						tooLarge ? "larger than cardops.http.max-upload; nothing was stored" : headers
								? "its file name (the part's headers) is longer than 8192 bytes; nothing was stored"
								: "the upload broke off or was not a readable multipart body; nothing was stored");
			}
		}
	}

}
