package io.cardops.domain.roster;

/**
 * The level of study a student is enrolled at.
 */
public enum StudyLevel {

	/**
	 * Bachelor's degree studies (本科).
	 */
	UNDERGRADUATE,

	/**
	 * Master's degree studies (硕士).
	 */
	MASTER,

	/**
	 * Doctoral studies (博士).
	 */
	DOCTORAL,

	/**
	 * Vocational college studies (高职).
	 */
	VOCATIONAL

}
