package io.cardops.readers.ledger;

import java.time.Instant;
import java.util.Objects;

import io.cardops.domain.ledger.PaymentType;

/**
 * One well-formed row of a {@code payments_<PSP>_<YYYYMMDD>_<NN>.csv} file: a line of a
 * payment service provider's statement.
 *
 * @param paymentRef the provider's reference of this line
 * @param type a payment or a refund
 * @param paidAt when the money moved
 * @param amountFen the amount in fen, more than 0 for both types
 * @param feeFen the provider's fee in fen, at least 0
 * @param originalRef the reference of the PAYMENT a REFUND gives back; {@code null} on a
 * PAYMENT
 */
public record Payment(String paymentRef, PaymentType type, Instant paidAt, long amountFen, long feeFen,
		String originalRef) {

	/**
	 * Checks that the required fields are present.
	 * @param paymentRef the provider's reference of this line
	 * @param type a payment or a refund
	 * @param paidAt when the money moved
	 * @param amountFen the amount in fen
	 * @param feeFen the provider's fee in fen
	 * @param originalRef the refunded PAYMENT's reference, or {@code null}
	 */
	public Payment {
		Objects.requireNonNull(paymentRef, "paymentRef");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(paidAt, "paidAt");
	}

}
