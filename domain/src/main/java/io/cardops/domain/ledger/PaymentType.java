package io.cardops.domain.ledger;

/**
 * The kind of a line in a payment service provider's statement.
 */
public enum PaymentType {

	/** Money the cardholder paid for a top-up. */
	PAYMENT,
	/** Money given back for an earlier PAYMENT, which it cancels. */
	REFUND

}
