package io.cardops.domain.reconcile;

/**
 * What an exception does to the money of the row it is raised on (domain.md's table).
 */
public enum SettlementEffect {

	/** The row is paid (or counted) as usual; the exception is a flag for follow-up. */
	NONE,
	/** The row is dropped: it is a copy of one already accepted. */
	DROPPED,
	/** The row is held: not paid until someone resolves it. */
	HELD,
	/** The channel is liable for the top-up's money. */
	CHANNEL_LIABLE,
	/** A refund is due to the cardholder. */
	REFUND_DUE

}
