package io.cardops.portal.account;

import java.time.OffsetDateTime;

/**
 * An account as {@code cardops users list} shows it: never a secret.
 *
 * @param name the sign-in name
 * @param role what it may do
 * @param institution the institution of a UNIVERSITY account, else null
 * @param enabled whether it may sign in
 * @param lockedUntil until when it is locked after failed sign-ins, or null
 * @param lastSignInAt its last successful sign-in, or null
 */
public record Account(String name, Role role, String institution, boolean enabled, OffsetDateTime lockedUntil,
		OffsetDateTime lastSignInAt) {

}
