package io.cardops.portal.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import io.cardops.portal.account.AccountStore;

/**
 * Where the login form sends a user who signed in: back to the page that sent them to it
 * (a link opened signed out, or a page whose session had ended, or the page of a form
 * sent after its session ended), when their role may open it; otherwise their home page
 * ({@code /}, which leads on by role). A university account that follows a colleague's
 * settlement link lands on its uploads, not on a refusal.
 */
final class ReturnToAskedPage extends SavedRequestAwareAuthenticationSuccessHandler {

	private final RequestCache requests = new HttpSessionRequestCache();

	private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

	private final AccountStore accounts;

	/**
	 * @param privileges the filter chains' rules, asked once the chains exist
	 * @param accounts the accounts, whose state the new session records
	 */
	ReturnToAskedPage(ObjectProvider<WebInvocationPrivilegeEvaluator> privileges, AccountStore accounts) {
		this.privileges = privileges;
		this.accounts = accounts;
		setDefaultTargetUrl("/");
	}

	/**
	 * What is kept as the page to return to: a page a browser asked for (GET, accepting
	 * HTML), not an icon or a tool's probe it sent meanwhile. The address returned to is
	 * the one asked for, without the {@code ?continue} Spring Security would add to it.
	 * @return the cache of the page asked for
	 */
	static RequestCache pagesAskedFor() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setMatchingRequestParameterName(null);
		cache.setRequestMatcher((request) -> "GET".equals(request.getMethod()) && request.getHeader("Accept") != null
				&& request.getHeader("Accept").contains("text/html"));
		return cache;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		SessionAccountCheck.signedIn(request, this.accounts, authentication.getName());
		SavedRequest asked = this.requests.getRequest(request, response);
		String formPage = ExpiredForms.takePage(request);
		if (asked != null && !mayOpen(asked.getRedirectUrl(), request, authentication)) {
			this.requests.removeRequest(request, response);
		}
		else if (asked == null && formPage != null && mayOpen(formPage, request, authentication)) {
			// A form sent after its session ended leads back to its page.
			clearAuthenticationAttributes(request);
			getRedirectStrategy().sendRedirect(request, response, formPage);
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	private boolean mayOpen(String address, HttpServletRequest request, Authentication authentication) {
		String path;
		try {
			path = URI.create(address).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		String context = request.getContextPath();
		if (path == null || !path.startsWith(context + "/")) {
			return false;
		}
		WebInvocationPrivilegeEvaluator evaluator = this.privileges.getIfAvailable();
		return evaluator != null
				&& evaluator.isAllowed(context, path.substring(context.length()), "GET", authentication);
	}

}
