package io.cardops.portal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

import io.cardops.portal.web.PortalErrorController;

/**
 * A page's refusal when the role may not do it, and when a form came without its valid
 * CSRF token, which is nearly always a form older than its session: signed out, such a
 * post leads to the login form like any page; signed in, the error page says the form
 * expired and to reload it, instead of "not for your account".
 */
final class ExpiredForms implements AccessDeniedHandler {

	private final AccessDeniedHandler refused = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (denied instanceof CsrfException) {
			Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
			if (signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()) {
				response.sendRedirect(request.getContextPath() + "/login");
				return;
			}
			request.setAttribute(PortalErrorController.REASON, "error.formExpired");
		}
		this.refused.handle(request, response, denied);
	}

}
