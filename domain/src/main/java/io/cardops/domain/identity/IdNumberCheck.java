package io.cardops.domain.identity;

/**
 * The outcome of checking an identity number: either the normalized number or the reason
 * it was refused.
 *
 * @param normalized the number to hash and to take the last 4 characters of, or
 * {@code null} when refused
 * @param error a short reason a university clerk understands, or {@code null} when valid
 */
public record IdNumberCheck(String normalized, String error) {

	/**
	 * Creates a check outcome, requiring exactly one of the two values.
	 * @param normalized the normalized number, or {@code null} when refused
	 * @param error the reason, or {@code null} when valid
	 */
	public IdNumberCheck {
		if ((normalized == null) == (error == null)) {
			throw new IllegalArgumentException("Exactly one of normalized and error must be given");
		}
	}

	/**
	 * Returns the outcome for a valid number.
	 * @param normalized the normalized number
	 * @return a valid outcome
	 */
	public static IdNumberCheck accepted(String normalized) {
		return new IdNumberCheck(normalized, null);
	}

	/**
	 * Returns the outcome for a refused number.
	 * @param error the reason
	 * @return an invalid outcome
	 */
	public static IdNumberCheck refused(String error) {
		return new IdNumberCheck(null, error);
	}

	/**
	 * Tells whether the number was accepted.
	 * @return {@code true} when {@link #normalized()} holds the number
	 */
	public boolean valid() {
		return this.error == null;
	}

}
