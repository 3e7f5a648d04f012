package io.cardops.domain.roster;

/**
 * The outcome of validating one roster row: the student, or the first failing field.
 *
 * @param student the accepted student, or {@code null} when rejected
 * @param error the first failing field, or {@code null} when accepted
 */
public record RosterRowResult(RosterStudent student, FieldError error) {

	/**
	 * Creates an outcome, requiring exactly one of the two values.
	 * @param student the accepted student, or {@code null} when rejected
	 * @param error the first failing field, or {@code null} when accepted
	 */
	public RosterRowResult {
		if ((student == null) == (error == null)) {
			throw new IllegalArgumentException("Exactly one of student and error must be given");
		}
	}

	/**
	 * Returns the outcome of an accepted row.
	 * @param student the student
	 * @return an accepted outcome
	 */
	public static RosterRowResult of(RosterStudent student) {
		return new RosterRowResult(student, null);
	}

	/**
	 * Returns the outcome of a rejected row.
	 * @param field the first failing field
	 * @param reason why it failed
	 * @return a rejected outcome
	 */
	public static RosterRowResult rejected(RosterField field, String reason) {
		return new RosterRowResult(null, new FieldError(field, reason));
	}

	/**
	 * Tells whether the row was accepted.
	 * @return {@code true} when {@link #student()} holds the student
	 */
	public boolean accepted() {
		return this.error == null;
	}

}
