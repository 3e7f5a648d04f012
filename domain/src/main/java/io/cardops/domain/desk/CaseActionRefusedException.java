package io.cardops.domain.desk;

/**
 * An action the desk's rules forbid: the message says why, in words for the person who
 * tried (the command line exits 2 with it, the API answers 409).
 */
public class CaseActionRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the refusal.
	 * @param reason why, in words
	 */
	public CaseActionRefusedException(String reason) {
		super(reason);
	}

}
