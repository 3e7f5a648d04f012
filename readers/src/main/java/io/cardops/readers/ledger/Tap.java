package io.cardops.readers.ledger;

import java.time.Instant;
import java.util.Objects;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;

/**
 * One well-formed row of a {@code taps_<OPERATOR>_<YYYYMMDD>_<NN>.csv} file.
 *
 * @param txnId the operator's transaction id
 * @param cardNo the card, 19 digits
 * @param cardSeq the card's offline transaction counter, at least 1
 * @param tappedAt when the card was tapped
 * @param mode metro or bus
 * @param line the line as the operator names it
 * @param station the station or stop as the operator names it
 * @param deviceId the gate or validator
 * @param tapType entry, exit or single
 * @param fullFareFen the undiscounted fare in fen (0 on an ENTRY)
 * @param chargedFen what the card was charged in fen, at most the full fare (0 on an
 * ENTRY)
 * @param discount the discount the gate applied
 * @param balanceAfterFen the card balance after the tap in fen, negative when overdrawn
 */
public record Tap(String txnId, String cardNo, long cardSeq, Instant tappedAt, TravelMode mode, String line,
		String station, String deviceId, TapType tapType, long fullFareFen, long chargedFen, Discount discount,
		long balanceAfterFen) {

	/**
	 * Checks that every field is present.
	 * @param txnId the operator's transaction id
	 * @param cardNo the card, 19 digits
	 * @param cardSeq the card's offline transaction counter
	 * @param tappedAt when the card was tapped
	 * @param mode metro or bus
	 * @param line the line
	 * @param station the station or stop
	 * @param deviceId the gate or validator
	 * @param tapType entry, exit or single
	 * @param fullFareFen the undiscounted fare in fen
	 * @param chargedFen what the card was charged in fen
	 * @param discount the discount the gate applied
	 * @param balanceAfterFen the card balance after the tap in fen
	 */
	public Tap {
		Objects.requireNonNull(txnId, "txnId");
		Objects.requireNonNull(cardNo, "cardNo");
		Objects.requireNonNull(tappedAt, "tappedAt");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(line, "line");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(deviceId, "deviceId");
		Objects.requireNonNull(tapType, "tapType");
		Objects.requireNonNull(discount, "discount");
	}

}
