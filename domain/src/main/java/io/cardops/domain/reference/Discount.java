package io.cardops.domain.reference;

/**
 * The discount a gate applied to a tap.
 */
public enum Discount {

	/** The student discount, claimable from the subsidy fund. */
	STUDENT,
	/** The ordinary card discount. */
	STANDARD,
	/** No discount. */
	NONE

}
