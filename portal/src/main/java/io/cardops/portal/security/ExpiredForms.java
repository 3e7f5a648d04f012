package io.cardops.portal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

import io.cardops.portal.web.LayoutModel;
import io.cardops.portal.web.PortalErrorController;

/**
 * A page's refusal when the role may not do it, and when a form came without its valid
 * CSRF token, which is nearly always a form older than its session: signed out, such a
 * post leads to the login form, which says that what was sent was not done, and signing
 * in leads back to the page the form was on; signed in, the error page says the form
 * expired and to reload it, instead of "not for your account".
 */
final class ExpiredForms implements AccessDeniedHandler {

	private static final String RETURN_TO = ExpiredForms.class.getName() + ".page";

	private final AccessDeniedHandler refused = new AccessDeniedHandlerImpl();

	private final DeskRoleRefusals deskRefusals;

	/**
	 * Creates the handler.
	 * @param deskRefusals records a desk action refused for its role
	 */
	ExpiredForms(DeskRoleRefusals deskRefusals) {
		this.deskRefusals = deskRefusals;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (denied instanceof CsrfException) {
			Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
			if (signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()) {
				// A form posted after its session ended: what it sent is not done. The
				// page
				// it was on is kept for the sign-in to return to (a posted address takes
				// no
				// GET, and the form's input cannot be kept).
				String page = LayoutModel.formPage(request);
				HttpSession session = request.getSession(true);
				if (page.equals(request.getContextPath() + "/")) {
					session.removeAttribute(RETURN_TO);
				}
				else {
					session.setAttribute(RETURN_TO, page);
				}
				response.sendRedirect(request.getContextPath() + "/login?expired");
				return;
			}
			request.setAttribute(PortalErrorController.REASON, "error.formExpired");
		}
		else {
			this.deskRefusals.record(request);
		}
		this.refused.handle(request, response, denied);
	}

	/**
	 * The page whose form was posted after its session ended, taken once.
	 * @param request the sign-in
	 * @return the page's path and query, or null
	 */
	static String takePage(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(RETURN_TO) instanceof String page)) {
			return null;
		}
		session.removeAttribute(RETURN_TO);
		return page;
	}

}
