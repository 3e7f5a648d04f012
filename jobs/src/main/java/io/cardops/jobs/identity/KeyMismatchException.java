package io.cardops.jobs.identity;

/**
 * The key this process was given is not the database's identity-number key, or a rotation
 * cannot be made as asked. Its message is a sentence for the operator naming the setting
 * to fix ({@code CARDOPS_ID_KEY}, {@code CARDOPS_NEW_ID_KEY}); it never holds a key or a
 * whole check value.
 */
public class KeyMismatchException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong and what to do
	 */
	public KeyMismatchException(String message) {
		super(message);
	}

}
