package io.cardops.portal.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;

/**
 * The portal's accounts as {@code cardops users} changes them (shared/spec/http.md,
 * "Accounts"): every rule is checked before anything changes, and every change is
 * audited.
 */
@Service
public class Accounts {

	/** The prefix of every API token. */
	public static final String TOKEN_PREFIX = "cdt_";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	private final AccountStore store;

	private final AuditLog audit;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param store the tables
	 * @param audit the audit log
	 * @param clock the business clock
	 */
	public Accounts(AccountStore store, AuditLog audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Creates an account.
	 * @param actor who makes it
	 * @param name its sign-in name
	 * @param role its role
	 * @param institution its institution (UNIVERSITY only), or null
	 * @param password its password, or null to generate one
	 * @return the password (the one generated, or the one given)
	 * @throws AccountRefusedException when a rule refuses it
	 */
	@Transactional
	public String add(Actor actor, String name, Role role, String institution, String password) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new AccountRefusedException(
					"a name is 1 to 64 ASCII letters (a-z, A-Z), digits, '.', '_', '@' or '-',"
							+ " starting with a letter or digit");
		}
		if (this.store.exists(name)) {
			throw new AccountRefusedException("the name " + name + " is taken");
		}
		this.store.sameButForCase(name).ifPresent((taken) -> {
			throw new AccountRefusedException("the name " + name + " is taken: " + taken
					+ " differs only in letter case, and would read as the same person in the audit log");
		});
		if (role == Role.UNIVERSITY) {
			if (institution == null || institution.isBlank()) {
				throw new AccountRefusedException("a UNIVERSITY account needs --institution CODE");
			}
			if (!this.store.isInstitution(institution)) {
				throw new AccountRefusedException(
						institution + " is not an INSTITUTION partner of the reference data (cardops reference)");
			}
		}
		else if (institution != null) {
			throw new AccountRefusedException("--institution is only for UNIVERSITY accounts, not " + role);
		}
		String chosen = (password != null) ? checked(password) : Secrets.password();
		this.store.insert(name, role, institution, Secrets.hash(chosen), now());
		this.audit.record(actor, "user.add", name, AuditLog.OK,
				"role " + role + ((institution != null) ? " institution " + institution : ""));
		return chosen;
	}

	/**
	 * Every account, by name.
	 * @return the accounts, without secrets
	 */
	public List<Account> list() {
		return this.store.list();
	}

	/**
	 * Stops an account from signing in (its tokens too).
	 * @param actor who does it
	 * @param name the account
	 */
	@Transactional
	public void disable(Actor actor, String name) {
		known(name);
		this.store.setEnabled(name, false);
		this.audit.record(actor, "user.disable", name, AuditLog.OK, null);
	}

	/**
	 * Lets a disabled account sign in again.
	 * @param actor who does it
	 * @param name the account
	 */
	@Transactional
	public void enable(Actor actor, String name) {
		known(name);
		this.store.setEnabled(name, true);
		this.audit.record(actor, "user.enable", name, AuditLog.OK, null);
	}

	/**
	 * Replaces an account's password (and lifts its lock).
	 * @param actor who does it
	 * @param name the account
	 * @param password the new password, or null to generate one
	 * @return the new password
	 */
	@Transactional
	public String password(Actor actor, String name, String password) {
		known(name);
		String chosen = (password != null) ? checked(password) : Secrets.password();
		this.store.setPassword(name, Secrets.hash(chosen));
		this.audit.record(actor, "user.password", name, AuditLog.OK, null);
		return chosen;
	}

	/**
	 * Issues a new API token for an account.
	 * @param actor who does it
	 * @param name the account
	 * @param expiresOn the last business date it works on, or null for no end
	 * @return the token, {@code cdt_<id>_<secret>}: shown once, kept only as a hash
	 */
	@Transactional
	public String token(Actor actor, String name, LocalDate expiresOn) {
		known(name);
		if (expiresOn != null && expiresOn.isBefore(LocalDate.now(this.clock))) {
			throw new AccountRefusedException("--expires " + expiresOn + " is in the past");
		}
		String id = Secrets.tokenId();
		String secret = Secrets.tokenSecret();
		this.store.insertToken(id, name, Secrets.hash(secret), expiresOn, now());
		this.audit.record(actor, "user.token", name, AuditLog.OK,
				"token " + id + ((expiresOn != null) ? " expires " + expiresOn : ""));
		return TOKEN_PREFIX + id + "_" + secret;
	}

	/**
	 * Revokes every token of an account.
	 * @param actor who does it
	 * @param name the account
	 * @return how many tokens were revoked
	 */
	@Transactional
	public int revoke(Actor actor, String name) {
		known(name);
		int revoked = this.store.revokeTokens(name, now());
		this.audit.record(actor, "user.revoke", name, AuditLog.OK, revoked + " token(s)");
		return revoked;
	}

	private void known(String name) {
		if (name == null || !this.store.exists(name)) {
			throw new AccountRefusedException("there is no account " + name);
		}
	}

	private static String checked(String password) {
		if (password.length() < Secrets.MINIMUM_PASSWORD_LENGTH) {
			throw new AccountRefusedException(
					"a password has at least " + Secrets.MINIMUM_PASSWORD_LENGTH + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > Secrets.MAXIMUM_BYTES) {
			throw new AccountRefusedException("a password has at most " + Secrets.MAXIMUM_BYTES + " bytes");
		}
		// Length alone lets twelve spaces or one key held down through: a password has
		// at least four different characters, not all of them spaces.
		if (password.isBlank() || password.codePoints().distinct().count() < 4) {
			throw new AccountRefusedException("a password has at least 4 different characters, not only spaces"
					+ " (twelve of one key, or blanks, are guessed first)");
		}
		return password;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
