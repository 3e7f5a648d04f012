package io.cardops.domain.reference;

/**
 * What a partner does in the programme (domain.md, "Parties").
 */
public enum PartnerRole {

	/** The card company itself. */
	ISSUER,
	/** A university whose students may hold a student card. */
	INSTITUTION,
	/** A metro or bus operator, paid the fares. */
	OPERATOR,
	/** Issues cards and sells top-ups for a commission. */
	CHANNEL,
	/** Collects the cardholder's payment for a top-up. */
	PSP,
	/** Pays operators the student discount. */
	SUBSIDY

}
