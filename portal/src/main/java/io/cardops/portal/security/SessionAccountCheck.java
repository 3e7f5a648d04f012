package io.cardops.portal.security;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.cardops.portal.account.AccountStore;

/**
 * Ends a page session whose account changed since it signed in: disabled or deleted
 * ({@code cardops users disable}), or given a new password, role or institution. The
 * request then goes on signed out (a page redirects to {@code /login}), so a person whose
 * account an operator disabled loses the portal at the next click, not after 30 minutes
 * idle; an API token or HTTP Basic is checked at every request anyway.
 *
 * <p>
 * A session keeps a digest of what its account stood on (AccountStore.sessionStamp) from
 * its sign-in (ReturnToAskedPage records it in the new session), and each request
 * compares it with the account as it is now: one lookup by the account's name. Recorded
 * any later, a session signed in and kept unused would take the changed account's digest
 * as its own and outlive a new password.
 */
public final class SessionAccountCheck extends OncePerRequestFilter {

	/** The session attribute holding the account's digest. */
	static final String STAMP = SessionAccountCheck.class.getName() + ".STAMP";

	/**
	 * The attribute of the new session that tells the sign-in page why the last one
	 * ended.
	 */
	private static final String ENDED = SessionAccountCheck.class.getName() + ".ENDED";

	private final AccountStore accounts;

	SessionAccountCheck(AccountStore accounts) {
		this.accounts = accounts;
	}

	/**
	 * Whether this browser's last session ended because its account changed; the answer
	 * is given once.
	 * @param request the sign-in page's request
	 * @return true once after such an end
	 */
	public static boolean takeEnded(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || session.getAttribute(ENDED) == null) {
			return false;
		}
		session.removeAttribute(ENDED);
		return true;
	}

	/**
	 * Records in a session just signed in what its account stands on.
	 * @param request the sign-in's request, in its new session
	 * @param accounts the accounts
	 * @param name the account signed in
	 */
	static void signedIn(HttpServletRequest request, AccountStore accounts, String name) {
		accounts.sessionStamp(name).ifPresent((stamp) -> request.getSession().setAttribute(STAMP, stamp));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && signedIn != null && signedIn.getPrincipal() instanceof PortalUser user) {
			Optional<String> now = this.accounts.sessionStamp(user.name());
			Object then = session.getAttribute(STAMP);
			if (now.isEmpty() || (then != null && !Objects.equals(then, now.get()))) {
				SecurityContextHolder.clearContext();
				session.invalidate();
				// the sign-in page says why, once (a redirect to it would otherwise
				// look like a sign-out nobody asked for)
				request.getSession(true).setAttribute(ENDED, Boolean.TRUE);
			}
			else if (then == null) {
				// signed in by another way than the form (a test's session)
				session.setAttribute(STAMP, now.get());
			}
		}
		chain.doFilter(request, response);
	}

}
