package io.cardops.readers.roster;

import io.cardops.domain.roster.RosterStudent;

/**
 * Receives the rows of a roster file as they are judged, in file order.
 */
public interface RosterRowSink {

	/**
	 * A row passed every rule.
	 * @param line its physical line
	 * @param student the student (identity number normalized, still in clear: the sink
	 * hashes it)
	 * @throws Exception when the sink cannot store it (the read stops)
	 */
	void accepted(long line, RosterStudent student) throws Exception;

	/**
	 * A row broke a rule.
	 * @param line its physical line
	 * @param studentNo the student_no cell as sent (trimmed)
	 * @param field the first failing field, in files.md column order
	 * @param reason why
	 * @throws Exception when the sink cannot store it (the read stops)
	 */
	void rejected(long line, String studentNo, String field, String reason) throws Exception;

}
