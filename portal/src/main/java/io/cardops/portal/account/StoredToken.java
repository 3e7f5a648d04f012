package io.cardops.portal.account;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An API token's row: its hash and whether it still works.
 *
 * @param tokenId the public part of the token, finds the row
 * @param account the account it signs in as
 * @param tokenHash the slow salted hash of its secret
 * @param expiresOn the last business date it works on, or null for no end
 * @param revokedAt when it was revoked, or null
 */
public record StoredToken(String tokenId, String account, String tokenHash, LocalDate expiresOn,
		OffsetDateTime revokedAt) {

}
