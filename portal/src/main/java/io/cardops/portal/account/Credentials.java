package io.cardops.portal.account;

import java.time.OffsetDateTime;

/**
 * What signing in with a password checks: the account's hash, whether it is enabled, its
 * lock.
 *
 * @param name the sign-in name
 * @param role what it may do
 * @param institution the institution of a UNIVERSITY account, else null
 * @param passwordHash the slow salted hash of its password
 * @param enabled whether it may sign in
 * @param failedSignIns wrong passwords in a row
 * @param lockedUntil until when it is locked, or null
 */
public record Credentials(String name, Role role, String institution, String passwordHash, boolean enabled,
		int failedSignIns, OffsetDateTime lockedUntil) {

	/**
	 * Whether the account is locked at a given instant.
	 * @param now the instant
	 * @return true while locked
	 */
	public boolean lockedAt(OffsetDateTime now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

}
