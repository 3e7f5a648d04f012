package io.cardops.domain.settle;

import io.cardops.domain.money.Money;

/**
 * One mode and line of an operator's settlement for a clearing date: a row of
 * {@code settlement_<D>_<OPERATOR>.csv}, with the paid, held and dropped tap counts the
 * control totals need.
 *
 * @param operator the operator's partner code
 * @param mode METRO, BUS, or UNREADABLE for malformed rows whose mode could not be read
 * @param line the line as the operator named it (empty when unreadable)
 * @param taps every tap row: paid, held and dropped, malformed ones included
 * @param trips paid EXIT and SINGLE taps
 * @param fullFareFen full fare of paid and held taps
 * @param chargedFen charged of paid and held taps
 * @param heldFen charged of held taps
 * @param payableFen charged of paid taps
 * @param paidTaps taps judged paid
 * @param heldTaps taps judged held (malformed rows included)
 * @param droppedTaps taps dropped as duplicates
 */
public record OperatorLine(String operator, String mode, String line, long taps, long trips, long fullFareFen,
		long chargedFen, long heldFen, long payableFen, long paidTaps, long heldTaps, long droppedTaps) {

	/** The mode shown on an operator's total row. */
	public static final String TOTAL = "TOTAL";

	/**
	 * The student and other discounts given on paid and held taps: full fare − charged.
	 * @return the discount in fen
	 */
	public long discountFen() {
		return Money.subtract(this.fullFareFen, this.chargedFen);
	}

	/**
	 * This line and another added up, as the total row of the operator.
	 * @param other the other line
	 * @return the sum, with mode {@value #TOTAL} and an empty line
	 */
	public OperatorLine plus(OperatorLine other) {
		return new OperatorLine(this.operator, TOTAL, "", this.taps + other.taps, this.trips + other.trips,
				Money.add(this.fullFareFen, other.fullFareFen), Money.add(this.chargedFen, other.chargedFen),
				Money.add(this.heldFen, other.heldFen), Money.add(this.payableFen, other.payableFen),
				this.paidTaps + other.paidTaps, this.heldTaps + other.heldTaps, this.droppedTaps + other.droppedTaps);
	}

	/**
	 * An empty total for an operator, to add lines to.
	 * @param operator the operator
	 * @return the zero total
	 */
	public static OperatorLine zero(String operator) {
		return new OperatorLine(operator, TOTAL, "", 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

}
