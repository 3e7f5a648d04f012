package io.cardops.domain.roster;

/**
 * What the validator needs to know about the rest of the file to reject duplicate
 * students, kept behind an interface because only the reader sees the whole file.
 */
public interface RosterDuplicates {

	/**
	 * Tells whether a student number occurs more than once in the file, in which case
	 * every copy is rejected because none of them can be trusted to be the right one.
	 * @param studentNo the trimmed student number
	 * @return {@code true} when the file holds it more than once
	 */
	boolean isDuplicateStudentNo(String studentNo);

	/**
	 * Claims an identity number for a student number, in file order.
	 * @param normalizedIdNo the normalized identity number
	 * @param studentNo the student number of the row claiming it
	 * @return {@code false} when an earlier row already claimed the number under another
	 * student number; otherwise {@code true}, the claim being recorded
	 */
	boolean claimIdNo(String normalizedIdNo, String studentNo);

}
