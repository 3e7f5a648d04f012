package io.cardops.jobs.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of identity numbers (HMAC-SHA256): the only form in which the system keeps
 * them, so that rosters and card holders can be matched without storing the numbers in
 * clear.
 */
public final class IdentityHasher {

	/**
	 * The key the embedded development default falls back to; never used with PostgreSQL.
	 */
	public static final String DEVELOPMENT_KEY = "cardops-development-key-not-for-production";

	/**
	 * The label whose HMAC under a key is that key's check value. Never the input of an
	 * identity hash, which always holds a {@code ':'}.
	 */
	public static final String CHECK_LABEL = "cardops id-key check v1";

	private final SecretKeySpec key;

	private final boolean development;

	// Mac instances are not thread-safe and costly to look up; each thread keeps one.
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	/**
	 * Creates a hasher.
	 * @param secret the configured secret
	 */
	public IdentityHasher(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException("the identity-number key is empty");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.development = DEVELOPMENT_KEY.equals(secret);
	}

	/**
	 * Hashes a normalized identity number. The type is part of the input, so that equal
	 * strings of different document types never match.
	 * @param idType the document type
	 * @param normalizedIdNo the normalized number
	 * @return lower-case hex HMAC-SHA256
	 */
	public String hash(String idType, String normalizedIdNo) {
		return HexFormat.of()
			.formatHex(this.macs.get().doFinal((idType + ":" + normalizedIdNo).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The key's check value: the HMAC of {@link #CHECK_LABEL}, which tells two keys apart
	 * without revealing either (the database records it; never print it whole).
	 * @return lower-case hex HMAC-SHA256
	 */
	public String checkValue() {
		return HexFormat.of().formatHex(this.macs.get().doFinal(CHECK_LABEL.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Whether this is the embedded default's development key, which anybody can read in
	 * the source.
	 * @return true for {@link #DEVELOPMENT_KEY}
	 */
	public boolean developmentKey() {
		return this.development;
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is always available in the JDK", ex);
		}
	}

}
