package io.cardops.jobs.identity;

import java.time.OffsetDateTime;

/**
 * One key the database's identity hashes were made with, as {@code id_key} records it:
 * never the key, only its check value.
 *
 * @param generation 1 for the first key, one more for each rotation
 * @param checkValue HMAC-SHA256 of the fixed label under the key, hex (never print it
 * whole)
 * @param recordedAt when the key was first used (or rotated to)
 * @param recordedBy who recorded it ({@code user@host})
 * @param recordedWith what recorded it (the first roster import, or a rotation)
 * @param retiredAt when a rotation replaced it, or null for the current key
 * @param retiredBy who rotated it away, or null
 */
public record KeyGeneration(int generation, String checkValue, OffsetDateTime recordedAt, String recordedBy,
		String recordedWith, OffsetDateTime retiredAt, String retiredBy) {

	/** How many hex digits of a check value are shown. */
	public static final int FINGERPRINT_LENGTH = 8;

	/**
	 * A short fingerprint that tells keys apart in messages and listings: the first
	 * {@value #FINGERPRINT_LENGTH} hex digits of the check value.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return fingerprint(this.checkValue);
	}

	/**
	 * Whether this is the key in use (not retired by a rotation).
	 * @return true for the current key
	 */
	public boolean current() {
		return this.retiredAt == null;
	}

	/**
	 * The fingerprint of a check value.
	 * @param checkValue the check value
	 * @return its first {@value #FINGERPRINT_LENGTH} hex digits
	 */
	public static String fingerprint(String checkValue) {
		return checkValue.substring(0, FINGERPRINT_LENGTH);
	}

}
