package io.cardops.domain.settle;

import io.cardops.domain.reference.PartnerRole;

/**
 * One row of {@code settlement_<D>_summary.csv}: one partner file in four figures.
 *
 * @param partner the partner code
 * @param role OPERATOR, CHANNEL or SUBSIDY
 * @param items taps, recharges or student taps
 * @param grossFen charged, amount or discount
 * @param deductionsFen held, commission or clawback
 * @param netFen payable, net receivable or claimable
 * @param direction who pays whom
 */
public record SummaryRow(String partner, PartnerRole role, long items, long grossFen, long deductionsFen, long netFen,
		Direction direction) {

}
