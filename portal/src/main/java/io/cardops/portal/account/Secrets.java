package io.cardops.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords and token secrets are made and kept: random from {@link SecureRandom},
 * stored only as slow salted hashes (Spring Security's delegating encoder, BCrypt).
 */
public final class Secrets {

	/** BCrypt reads at most this many bytes of a secret; longer ones are refused. */
	public static final int MAXIMUM_BYTES = 72;

	/** The shortest password accepted. */
	public static final int MINIMUM_PASSWORD_LENGTH = 12;

	/** Letters and digits that cannot be misread for one another. */
	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private Secrets() {
	}

	/**
	 * The encoder of passwords and token secrets.
	 * @return the encoder
	 */
	public static PasswordEncoder encoder() {
		return ENCODER;
	}

	/**
	 * Whether a secret fits the hash (BCrypt ignores what is past 72 bytes: such a secret
	 * never matches).
	 * @param secret the secret given
	 * @param hash the stored hash
	 * @return true when it matches
	 */
	public static boolean matches(String secret, String hash) {
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length > MAXIMUM_BYTES) {
			return false;
		}
		return ENCODER.matches(secret, hash);
	}

	static String hash(String secret) {
		return ENCODER.encode(secret);
	}

	static String password() {
		return random(ALPHABET, 20);
	}

	static String tokenId() {
		return random(TOKEN_ALPHABET, 12);
	}

	static String tokenSecret() {
		return random(ALPHABET, 32);
	}

	private static String random(String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
