package io.cardops.domain.eligibility;

/**
 * Why a student may not hold a student card, declared in order of precedence: when
 * several apply, the first one is reported.
 */
public enum IneligibilityReason {

	/**
	 * The student is not in the latest roster snapshot of their institution.
	 */
	NOT_ON_ROSTER,

	/**
	 * The student's status is not ENROLLED.
	 */
	NOT_ENROLLED,

	/**
	 * The student has salary income.
	 */
	SALARIED,

	/**
	 * The student is expected to graduate before the date the card must cover.
	 */
	GRADUATING

}
