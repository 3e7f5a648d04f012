package io.cardops.domain.reconcile;

/**
 * The reconciliation exception categories and their settlement effect (domain.md,
 * "Reconciliation").
 */
public enum ExceptionCategory {

	/** A (card_no, card_seq) already accepted arrives again with the same content. */
	DUPLICATE(SettlementEffect.DROPPED),
	/** A (card_no, card_seq) already seen arrives with different content. */
	SEQ_CONFLICT(SettlementEffect.HELD),
	/** The card number is not in the card master. */
	UNKNOWN_CARD(SettlementEffect.HELD),
	/** A card's sequence jumps by more than one. */
	SEQ_GAP(SettlementEffect.NONE),
	/** A balance does not follow from the previous one. */
	BALANCE_BREAK(SettlementEffect.NONE),
	/**
	 * A student discount on a tap after the card's validity (paid; not claimable from the
	 * fund).
	 */
	EXPIRED_DISCOUNT(SettlementEffect.NONE),
	/** A tap after the card was reported lost or returned (paid). */
	LOST_CARD_TAP(SettlementEffect.NONE),
	/** The charge is not the fare rule's share of the full fare (paid at the charge). */
	FARE_MISMATCH(SettlementEffect.NONE),
	/** A journey started below the minimum balance. */
	BELOW_MIN_BALANCE(SettlementEffect.NONE),
	/** An entry not followed by an exit of the same mode. */
	INCOMPLETE_TRIP(SettlementEffect.NONE),
	/** A top-up with a payment reference and no payment. */
	UNPAID_RECHARGE(SettlementEffect.CHANNEL_LIABLE),
	/** A payment with no top-up and no refund. */
	UNLOADED_PAYMENT(SettlementEffect.REFUND_DUE),
	/** A payment and its top-up differ in amount. */
	AMOUNT_MISMATCH(SettlementEffect.NONE),
	/** A top-up whose payment was refunded. */
	REFUNDED_BUT_LOADED(SettlementEffect.CHANNEL_LIABLE),
	/** A tap dated more than seven days before the clearing date (paid). */
	LATE_RECORD(SettlementEffect.NONE),
	/** A row that cannot be parsed or breaks its format. */
	MALFORMED_RECORD(SettlementEffect.HELD);

	private final SettlementEffect effect;

	ExceptionCategory(SettlementEffect effect) {
		this.effect = effect;
	}

	/**
	 * What the exception does to its row's money.
	 * @return the effect
	 */
	public SettlementEffect effect() {
		return this.effect;
	}

}
