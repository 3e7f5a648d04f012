package io.cardops.domain.money;

/**
 * An amount left the range of a {@code long}. Inbound amounts are bounded so that this
 * cannot happen (files.md allows ±10,000,000 fen a cell); when it does all the same, the
 * operation is named rather than the sum wrapping round silently.
 */
public class AmountOverflowException extends ArithmeticException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param operation the operation that overflowed, with its operands
	 */
	public AmountOverflowException(String operation) {
		super("amount out of range: " + operation + " does not fit in 64 bits");
	}

}
