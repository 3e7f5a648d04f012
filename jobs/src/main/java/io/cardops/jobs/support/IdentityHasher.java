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

	private final SecretKeySpec key;

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
