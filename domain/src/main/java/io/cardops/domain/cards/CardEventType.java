package io.cardops.domain.cards;

/**
 * The kinds of event in the channels' card-event feed.
 */
public enum CardEventType {

	/**
	 * A new card for an eligible student without an ACTIVE card.
	 */
	ISSUE,

	/**
	 * Extends a card's validity by an academic year, and makes an EXPIRED card ACTIVE
	 * again.
	 */
	RENEW,

	/**
	 * The holder reports the card lost.
	 */
	REPORT_LOST,

	/**
	 * The holder hands the card back and its balance is refunded (退卡).
	 */
	RETURN

}
