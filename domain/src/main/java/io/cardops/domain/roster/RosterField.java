package io.cardops.domain.roster;

/**
 * The columns of a roster file, declared in the order of the file format, which is also
 * the order in which a row's fields are checked and its first failing field reported.
 */
public enum RosterField {

	/**
	 * The institution's student number.
	 */
	STUDENT_NO("student_no", true),

	/**
	 * The student's name.
	 */
	NAME("name", true),

	/**
	 * The identity document type; a missing column or blank cell means a resident ID.
	 */
	ID_TYPE("id_type", false),

	/**
	 * The identity document number.
	 */
	ID_NO("id_no", true),

	/**
	 * The level of study.
	 */
	LEVEL("level", true),

	/**
	 * Whether the student has salary income ({@code Y} or {@code N}).
	 */
	SALARIED("salaried", true),

	/**
	 * The enrollment status.
	 */
	STATUS("status", true),

	/**
	 * The date the student enrolled.
	 */
	ENROLLED_ON("enrolled_on", true),

	/**
	 * The date the student is expected to graduate.
	 */
	EXPECTED_GRADUATION("expected_graduation", true);

	private final String header;

	private final boolean required;

	RosterField(String header, boolean required) {
		this.header = header;
		this.required = required;
	}

	/**
	 * Returns the column's header name as written in files.md (matched case-insensitively
	 * by readers).
	 * @return the header name, lower case
	 */
	public String header() {
		return this.header;
	}

	/**
	 * Tells whether the column must be present in the file.
	 * @return {@code true} for a required column
	 */
	public boolean required() {
		return this.required;
	}

}
