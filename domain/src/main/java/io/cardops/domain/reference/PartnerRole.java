package io.cardops.domain.reference;

/**
 * What a partner does in the programme (domain.md, "Parties").
 */
public enum PartnerRole {

	/** The card company itself. */
	ISSUER("an issuer"),
	/** A university whose students may hold a student card. */
	INSTITUTION("an institution"),
	/** A metro or bus operator, paid the fares. */
	OPERATOR("an operator"),
	/** Issues cards and sells top-ups for a commission. */
	CHANNEL("a channel"),
	/** Collects the cardholder's payment for a top-up. */
	PSP("a PSP"),
	/** Pays operators the student discount. */
	SUBSIDY("a subsidy payer");

	private final String inWords;

	PartnerRole(String inWords) {
		this.inWords = inWords;
	}

	/**
	 * The role as a message says it, with its article: "X is not an operator".
	 * @return for example {@code an operator}
	 */
	public String inWords() {
		return this.inWords;
	}

}
