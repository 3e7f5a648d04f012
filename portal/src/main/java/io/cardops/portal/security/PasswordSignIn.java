package io.cardops.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.cardops.jobs.audit.AuditLog;
import io.cardops.portal.account.AccountStore;
import io.cardops.portal.account.Credentials;
import io.cardops.portal.account.Secrets;

/**
 * Signs in with a name and password (the form and HTTP Basic): five wrong passwords in a
 * row lock the account for 15 minutes, a correct one is refused meanwhile, and every
 * refusal says the same thing, whether the name exists or not.
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class PasswordSignIn implements AuthenticationProvider {

	/** Wrong passwords in a row that lock an account. */
	public static final int LOCK_AFTER = 5;

	/** How long a lock lasts. */
	public static final Duration LOCK_FOR = Duration.ofMinutes(15);

	/** The one message of every refusal. */
	public static final String REFUSED = "Sign-in refused";

	/**
	 * Compared with when the name is unknown, so that a refusal takes as long either way.
	 */
	private static final String UNKNOWN_NAME_HASH = Secrets.encoder().encode("no such account, no such password");

	private final AccountStore accounts;

	private final SignInAudit audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/**
	 * Creates the provider.
	 * @param accounts the accounts
	 * @param audit the sign-in audit
	 * @param clock the clock of locks
	 * @param transactions the database's transactions, one per attempt
	 */
	public PasswordSignIn(AccountStore accounts, SignInAudit audit, Clock clock,
			PlatformTransactionManager transactions) {
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : null;
		String address = address(authentication);
		String method = (authentication.getDetails() instanceof FormSignInDetails) ? "form" : "basic";
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		// Checked and counted in one transaction that holds the account's row: attempts
		// sent at the same moment are judged one after another (a sixth is refused as
		// locked even when it was sent with the first five).
		Outcome outcome = this.transactions.execute((status) -> judge(name, password, now));
		if (outcome.user() == null) {
			throw refused(name, address, method, outcome.audit());
		}
		this.audit.record(outcome.user().name(), address, method, AuditLog.OK);
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(outcome.user(),
				null, outcome.user().authorities());
		signedIn.setDetails(authentication.getDetails());
		return signedIn;
	}

	/**
	 * Judges one attempt in the caller's transaction; a refusal takes as long whatever
	 * its reason (every path compares one password hash), so that its time does not tell
	 * whether the name exists or is locked.
	 */
	private Outcome judge(String name, String password, OffsetDateTime now) {
		Optional<Credentials> found = this.accounts.credentialsForSignIn(name);
		if (found.isEmpty()) {
			Secrets.matches(password, UNKNOWN_NAME_HASH);
			return Outcome.refused(AuditLog.FAILED);
		}
		Credentials credentials = found.get();
		if (credentials.lockedAt(now)) {
			Secrets.matches(password, UNKNOWN_NAME_HASH);
			return Outcome.refused(SignInAudit.LOCKED);
		}
		if (!Secrets.matches(password, credentials.passwordHash())) {
			boolean locked = this.accounts.recordFailure(credentials.name(), LOCK_AFTER, now.plus(LOCK_FOR));
			return Outcome.refused(locked ? SignInAudit.LOCKED : AuditLog.FAILED);
		}
		if (!credentials.enabled()) {
			return Outcome.refused(AuditLog.FAILED);
		}
		this.accounts.recordSuccess(credentials.name(), now);
		return new Outcome(new PortalUser(credentials.name(), credentials.role(), credentials.institution()), null);
	}

	/**
	 * What an attempt came to: the user signed in, or the refusal's audit outcome.
	 */
	private record Outcome(PortalUser user, String audit) {

		static Outcome refused(String audit) {
			return new Outcome(null, audit);
		}

	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private BadCredentialsException refused(String name, String address, String method, String outcome) {
		this.audit.record(name, address, method, outcome);
		return new BadCredentialsException(REFUSED);
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

}
