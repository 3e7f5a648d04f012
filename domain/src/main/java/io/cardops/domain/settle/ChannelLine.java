package io.cardops.domain.settle;

import io.cardops.domain.money.Money;

/**
 * A channel's settlement for a clearing date: the accepted top-ups of its recharge files
 * and the commission it keeps, rounded half-up once on the total (never per top-up).
 *
 * @param channel the channel's partner code
 * @param recharges the accepted top-ups
 * @param amountFen their amount
 * @param commissionBp the channel's commission in basis points
 */
public record ChannelLine(String channel, long recharges, long amountFen, int commissionBp) {

	/**
	 * The commission: Σ amount × commission_bp / 10000, rounded half-up on the total.
	 * @return the commission in fen
	 */
	public long commissionFen() {
		return Money.basisPointsHalfUp(this.amountFen, this.commissionBp);
	}

	/**
	 * What the channel owes the issuer: Σ amount − commission.
	 * @return the net receivable in fen
	 */
	public long netReceivableFen() {
		return Money.subtract(this.amountFen, commissionFen());
	}

}
