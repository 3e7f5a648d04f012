package io.cardops.domain.roster;

/**
 * A student's enrollment status in the institution's roster; only {@link #ENROLLED}
 * students may hold a student card.
 */
public enum EnrollmentStatus {

	/**
	 * Currently studying.
	 */
	ENROLLED,

	/**
	 * Studies interrupted (休学), for example on leave.
	 */
	SUSPENDED,

	/**
	 * Studies completed.
	 */
	GRADUATED,

	/**
	 * Left without completing (退学).
	 */
	WITHDRAWN

}
