package io.cardops.domain.cards;

/**
 * Where a card is in its life; only an {@link #ACTIVE} card is normally usable, and a
 * student holds at most one.
 */
public enum CardState {

	/**
	 * Issued and within its validity, or renewed.
	 */
	ACTIVE,

	/**
	 * Past its {@code valid_until}, set by the expiry job; it still pays fares without
	 * the student discount and can be renewed.
	 */
	EXPIRED,

	/**
	 * Reported lost by the holder; blocked at the gates for good.
	 */
	LOST,

	/**
	 * Handed back with its balance refunded (退卡); blocked at the gates for good.
	 */
	RETURNED

}
