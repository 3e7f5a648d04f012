package io.cardops.portal.security;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;

import io.cardops.jobs.audit.AuditLog;
import io.cardops.portal.account.AccountStore;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Credentials;
import io.cardops.portal.account.Secrets;
import io.cardops.portal.account.StoredToken;

/**
 * Signs in with an API token {@code cdt_<id>_<secret>}: the id finds the token, the
 * secret is checked against its slow hash; a revoked or expired token, or one of a
 * disabled account, is refused.
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class TokenSignIn {

	private final AccountStore accounts;

	private final SignInAudit audit;

	private final Clock clock;

	/**
	 * Creates the checker.
	 * @param accounts the accounts and tokens
	 * @param audit the sign-in audit
	 * @param clock the business clock (a token works through its expiry date)
	 */
	public TokenSignIn(AccountStore accounts, SignInAudit audit, Clock clock) {
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Checks a token.
	 * @param token the token as sent
	 * @param address the client's address
	 * @return who it signs in as
	 * @throws BadCredentialsException when it is refused
	 */
	public PortalUser signIn(String token, String address) {
		Optional<StoredToken> stored = parseId(token).flatMap(this.accounts::token);
		if (stored.isEmpty()) {
			throw refused("", address);
		}
		StoredToken row = stored.get();
		String secret = token.substring(Accounts.TOKEN_PREFIX.length() + row.tokenId().length() + 1);
		boolean usable = row.revokedAt() == null
				&& (row.expiresOn() == null || !row.expiresOn().isBefore(LocalDate.now(this.clock)));
		if (!Secrets.matches(secret, row.tokenHash()) || !usable) {
			throw refused(row.account(), address);
		}
		Credentials account = this.accounts.credentials(row.account()).orElseThrow(() -> refused("", address));
		if (!account.enabled()) {
			throw refused(row.account(), address);
		}
		this.audit.record(account.name(), address, "bearer", AuditLog.OK);
		this.accounts.recordTokenSignIn(account.name(), OffsetDateTime.now(this.clock));
		return new PortalUser(account.name(), account.role(), account.institution());
	}

	private BadCredentialsException refused(String name, String address) {
		this.audit.record(name, address, "bearer", AuditLog.FAILED);
		return new BadCredentialsException(PasswordSignIn.REFUSED);
	}

	private static Optional<String> parseId(String token) {
		if (!token.startsWith(Accounts.TOKEN_PREFIX)) {
			return Optional.empty();
		}
		int end = token.indexOf('_', Accounts.TOKEN_PREFIX.length());
		if (end <= Accounts.TOKEN_PREFIX.length() || end > Accounts.TOKEN_PREFIX.length() + 32) {
			return Optional.empty();
		}
		return Optional.of(token.substring(Accounts.TOKEN_PREFIX.length(), end));
	}

}
