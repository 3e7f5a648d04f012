package io.cardops.portal.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a sign-in through the login form (the audit tells it from HTTP Basic).
 */
public class FormSignInDetails extends WebAuthenticationDetails {

	private static final long serialVersionUID = 1L;

	/**
	 * Takes the details of the form's request.
	 * @param request the request
	 */
	public FormSignInDetails(HttpServletRequest request) {
		super(request);
	}

}
