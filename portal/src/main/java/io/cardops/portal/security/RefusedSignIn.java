package io.cardops.portal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Where a refused sign-in goes: back to the login form ({@code /login?error}), which
 * shows the name that was typed again, so that a mistyped password costs only the
 * password. The name is kept in the session until the form is shown once.
 */
public final class RefusedSignIn extends SimpleUrlAuthenticationFailureHandler {

	/** The session attribute that holds the name typed, until the form shows it. */
	private static final String NAME = RefusedSignIn.class.getName() + ".name";

	/** Longer names are not shown again (no account has one). */
	private static final int MAX_NAME = 100;

	RefusedSignIn() {
		super("/login?error");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String name = request.getParameter("username");
		if (name != null && !name.isBlank() && name.length() <= MAX_NAME) {
			request.getSession().setAttribute(NAME, name.strip());
		}
		super.onAuthenticationFailure(request, response, exception);
	}

	/**
	 * The name typed in the last refused sign-in of this session, once.
	 * @param request the request of the login form
	 * @return the name, or null
	 */
	public static String takeName(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Object name = session.getAttribute(NAME);
		session.removeAttribute(NAME);
		return (name instanceof String text) ? text : null;
	}

}
