package io.cardops.domain.settle;

import io.cardops.domain.money.Money;

/**
 * One operator and mode of the subsidy fund's settlement: the student discount given on
 * paid STUDENT EXIT and SINGLE taps, of which the discount on taps after the card's
 * validity ended (EXPIRED_DISCOUNT) is clawed back.
 *
 * @param operator the operator's partner code
 * @param mode METRO or BUS, or {@value OperatorLine#TOTAL} on the total row
 * @param studentTaps the paid STUDENT EXIT and SINGLE taps
 * @param discountFen Σ (full − charged) of those taps
 * @param clawbackFen the part of the discount on EXPIRED_DISCOUNT taps
 */
public record SubsidyLine(String operator, String mode, long studentTaps, long discountFen, long clawbackFen) {

	/**
	 * What the issuer claims from the fund for the operator: discount − clawback.
	 * @return the claimable amount in fen
	 */
	public long claimableFen() {
		return Money.subtract(this.discountFen, this.clawbackFen);
	}

	/**
	 * This line and another added up, as the total row.
	 * @param other the other line
	 * @return the sum, with an empty operator and mode {@value OperatorLine#TOTAL}
	 */
	public SubsidyLine plus(SubsidyLine other) {
		return new SubsidyLine("", OperatorLine.TOTAL, this.studentTaps + other.studentTaps,
				Money.add(this.discountFen, other.discountFen), Money.add(this.clawbackFen, other.clawbackFen));
	}

}
