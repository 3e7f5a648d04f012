package io.cardops.domain.settle;

/**
 * Who pays whom for a line of the settlement summary.
 */
public enum Direction {

	/** The issuer pays an operator its fares. */
	ISSUER_PAYS,
	/** A channel remits top-up money, less its commission, to the issuer. */
	ISSUER_RECEIVES,
	/**
	 * The subsidy fund pays the operators the student discount, on the issuer's claim.
	 */
	FUND_PAYS_OPERATORS

}
