package io.cardops.readers.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One well-formed row of a {@code recharges_<CHANNEL>_<YYYYMMDD>_<NN>.csv} file: a top-up
 * loaded onto a card.
 *
 * @param rechargeId the channel's id of the top-up
 * @param cardNo the card, 19 digits
 * @param cardSeq the card's offline transaction counter, at least 1
 * @param rechargedAt when the money was loaded
 * @param amountFen the amount loaded in fen, more than 0
 * @param balanceAfterFen the card balance after the top-up in fen
 * @param paymentRef the payment service provider's reference, or {@code null} for cash at
 * a COUNTER (the cell was empty)
 */
public record Recharge(String rechargeId, String cardNo, long cardSeq, Instant rechargedAt, long amountFen,
		long balanceAfterFen, String paymentRef) {

	/**
	 * Checks that the required fields are present.
	 * @param rechargeId the channel's id of the top-up
	 * @param cardNo the card
	 * @param cardSeq the card's offline transaction counter
	 * @param rechargedAt when the money was loaded
	 * @param amountFen the amount loaded in fen
	 * @param balanceAfterFen the card balance after the top-up in fen
	 * @param paymentRef the payment reference, or {@code null} for cash
	 */
	public Recharge {
		Objects.requireNonNull(rechargeId, "rechargeId");
		Objects.requireNonNull(cardNo, "cardNo");
		Objects.requireNonNull(rechargedAt, "rechargedAt");
	}

}
