package io.cardops.portal.account;

/**
 * A change to the accounts that is refused as asked (a name taken, an unknown name, a
 * short password, a wrong institution): nothing was changed.
 */
public class AccountRefusedException extends RuntimeException {

	/**
	 * Creates the refusal.
	 * @param message why, in words for the operator
	 */
	public AccountRefusedException(String message) {
		super(message);
	}

}
