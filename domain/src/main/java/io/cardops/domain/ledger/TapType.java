package io.cardops.domain.ledger;

/**
 * What a gate or bus validator recorded a tap as; it decides where the fare is charged.
 */
public enum TapType {

	/** The start of a journey charged on exit (metro); charges nothing. */
	ENTRY,
	/** The end of a journey; charges the fare for it. */
	EXIT,
	/** A journey charged on one tap (bus). */
	SINGLE

}
