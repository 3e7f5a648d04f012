package io.cardops.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.digest.Sha256;

/**
 * The tables {@code portal_account} and {@code api_token} (V32).
 */
@Repository
public class AccountStore {

	private final JdbcClient jdbc;

	/**
	 * Creates the store.
	 * @param jdbc the database
	 */
	public AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM portal_account WHERE name = ?")
			.params(name)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The account whose name differs from this one in letter case only, if any: two such
	 * names would read as one person in the audit log and on the desk's trail.
	 */
	Optional<String> sameButForCase(String name) {
		return this.jdbc.sql("SELECT name FROM portal_account WHERE LOWER(name) = LOWER(?) AND name <> ?")
			.params(name, name)
			.query(String.class)
			.optional();
	}

	boolean isInstitution(String code) {
		return this.jdbc.sql("SELECT COUNT(*) FROM partner WHERE partner_code = ? AND role = 'INSTITUTION'")
			.params(code)
			.query(Long.class)
			.single() > 0;
	}

	void insert(String name, Role role, String institution, String passwordHash, OffsetDateTime now) {
		this.jdbc.sql("""
				INSERT INTO portal_account (name, role, institution, password_hash, enabled, failed_sign_ins,
					locked_until, last_sign_in_at, created_at)
				VALUES (?, ?, ?, ?, TRUE, 0, NULL, NULL, ?)""")
			.params(name, role.name(), institution, passwordHash, now)
			.update();
	}

	void setEnabled(String name, boolean enabled) {
		this.jdbc.sql("UPDATE portal_account SET enabled = ? WHERE name = ?").params(enabled, name).update();
	}

	/**
	 * A new password also lifts a lock: the operator who set it chose to let the person
	 * in.
	 */
	void setPassword(String name, String passwordHash) {
		this.jdbc
			.sql("UPDATE portal_account SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE name = ?")
			.params(passwordHash, name)
			.update();
	}

	List<Account> list() {
		return this.jdbc.sql("""
				SELECT name, role, institution, enabled, locked_until, last_sign_in_at
				FROM portal_account ORDER BY name""")
			.query((rs, n) -> new Account(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
					rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
			.list();
	}

	/**
	 * What signing in as a name checks.
	 * @param name the name tried
	 * @return the account's credentials, or empty when there is no such account
	 */
	public Optional<Credentials> credentials(String name) {
		return credentials(name, "");
	}

	/**
	 * What signing in as a name checks, the account's row locked until the caller's
	 * transaction ends: sign-ins to one account are judged one after another, so that
	 * attempts sent at the same moment cannot all pass the lock before any failure is
	 * counted (on every node: the lock is the database's).
	 * @param name the name tried
	 * @return the account's credentials, or empty when there is no such account
	 */
	public Optional<Credentials> credentialsForSignIn(String name) {
		return credentials(name, " FOR UPDATE");
	}

	private Optional<Credentials> credentials(String name, String lock) {
		if (name == null || name.indexOf('\0') >= 0) {
			// No account's name has one (Accounts), and PostgreSQL refuses it in any
			// text.
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT name, role, institution, password_hash, enabled, failed_sign_ins, locked_until
				FROM portal_account WHERE name = ?""" + lock)
			.params(name)
			.query((rs, n) -> new Credentials(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getBoolean(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class)))
			.optional();
	}

	/**
	 * What a signed-in session of an account stands on: a digest of its password hash,
	 * role and institution while it is enabled. A session whose account was disabled,
	 * deleted, or given a new password, role or institution since it signed in no longer
	 * matches it.
	 * @param name the account
	 * @return the digest, or empty when the account is gone or disabled
	 */
	public Optional<String> sessionStamp(String name) {
		return this.jdbc.sql("SELECT password_hash, role, institution FROM portal_account WHERE name = ? AND enabled")
			.params(name)
			.query((rs, n) -> {
				MessageDigest digest = Sha256.newDigest();
				digest.update((rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3))
					.getBytes(StandardCharsets.UTF_8));
				return Sha256.hex(digest);
			})
			.optional();
	}

	/**
	 * Counts a wrong password; the one that reaches the limit locks the account and
	 * starts the count again.
	 * @param name the account
	 * @param limit the wrong passwords in a row that lock it
	 * @param lockUntil until when it is locked when this one reaches the limit
	 * @return true when this failure locked the account
	 */
	public boolean recordFailure(String name, int limit, OffsetDateTime lockUntil) {
		this.jdbc.sql("UPDATE portal_account SET failed_sign_ins = failed_sign_ins + 1 WHERE name = ?")
			.params(name)
			.update();
		int locked = this.jdbc.sql("""
				UPDATE portal_account SET failed_sign_ins = 0, locked_until = ?
				WHERE name = ? AND failed_sign_ins >= ?""").params(lockUntil, name, limit).update();
		return locked > 0;
	}

	/**
	 * Records a successful sign-in: the count of wrong passwords starts again.
	 * @param name the account
	 * @param now when
	 */
	public void recordSuccess(String name, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE portal_account SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = ?
				WHERE name = ?""").params(now, name).update();
	}

	/**
	 * Records a sign-in with an API token: the account's last sign-in, as {@code users
	 * list} shows it (a system signing in with a token alone would look unused). A lock
	 * of its password and its count of wrong passwords stay as they are: a token is not
	 * the password. A system calls the API many times a minute: the row is written again
	 * only when its last sign-in is a minute old or more.
	 * @param name the account
	 * @param now when
	 */
	public void recordTokenSignIn(String name, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE portal_account SET last_sign_in_at = ?
				WHERE name = ? AND (last_sign_in_at IS NULL OR last_sign_in_at <= ?)""")
			.params(now, name, now.minusMinutes(1))
			.update();
	}

	void insertToken(String tokenId, String account, String tokenHash, LocalDate expiresOn, OffsetDateTime now) {
		this.jdbc.sql("""
				INSERT INTO api_token (token_id, account, token_hash, expires_on, created_at, revoked_at)
				VALUES (?, ?, ?, ?, ?, NULL)""").params(tokenId, account, tokenHash, expiresOn, now).update();
	}

	int revokeTokens(String account, OffsetDateTime now) {
		return this.jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL")
			.params(now, account)
			.update();
	}

	/**
	 * An API token's row.
	 * @param tokenId the token's id (its public part)
	 * @return the row, or empty when there is none
	 */
	public Optional<StoredToken> token(String tokenId) {
		return this.jdbc.sql("""
				SELECT token_id, account, token_hash, expires_on, revoked_at FROM api_token WHERE token_id = ?""")
			.params(tokenId)
			.query((rs, n) -> new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, LocalDate.class), rs.getObject(5, OffsetDateTime.class)))
			.optional();
	}

}
