package io.cardops.portal.rosters;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	private final RosterRequests requests;

	/**
	 * Creates the filter.
	 * @param requests the audit
	 */
	public BrokenUploadAudit(RosterRequests requests) {
		this.requests = requests;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !"POST".equals(request.getMethod())
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
			if (failure instanceof MultipartException && authentication != null
					&& authentication.getPrincipal() instanceof PortalUser user) {
				boolean headers = PortalWebConfiguration.partHeadersTooLong((Throwable) failure);
				boolean tooLarge = failure instanceof MaxUploadSizeExceededException && !headers;
				this.requests.audit(user, request, "roster.upload", "(body not read)",
						(tooLarge || headers) ? RosterRequests.REFUSED : "FAILED",
						tooLarge ? "larger than cardops.http.max-upload; nothing was stored" : headers
								? "its file name (the part's headers) is longer than 8192 bytes; nothing was stored"
								: "the upload broke off or was not a readable multipart body; nothing was stored");
			}
		}
	}

}
