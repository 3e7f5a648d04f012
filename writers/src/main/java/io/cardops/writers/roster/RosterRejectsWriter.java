package io.cardops.writers.roster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.cardops.domain.text.VisibleText;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundCsvWriter.Published;
import io.cardops.writers.csv.OutboundFile;

/**
 * {@code roster_rejects_<INSTITUTION>_<YYYYMMDD>.csv}: every rejected roster row with its
 * line, field and reason, so the university can fix its export.
 */
public final class RosterRejectsWriter implements AutoCloseable {

	/** The columns, as files.md lists them. */
	public static final List<String> HEADER = OutboundFile.ROSTER_REJECTS.header();

	private final OutboundCsvWriter csv;

	private RosterRejectsWriter(Path target) {
		this.csv = OutboundCsvWriter.create(target, HEADER);
	}

	/**
	 * Where the rejects file of an upload goes.
	 * @param outbox the outbox folder
	 * @param institution the institution code
	 * @param date the upload's date
	 * @return the path
	 */
	public static Path target(Path outbox, String institution, LocalDate date) {
		return OutboundFile.ROSTER_REJECTS.path(outbox, date, institution);
	}

	/**
	 * Starts a rejects file; nothing is visible until {@link #publish()}.
	 * @param target the path from {@link #target}
	 * @return the writer
	 */
	public static RosterRejectsWriter create(Path target) {
		return new RosterRejectsWriter(target);
	}

	/**
	 * Writes one rejected row.
	 * @param line the physical line
	 * @param studentNo the student_no as sent: a control or invisible character in it is
	 * written as U+FFFD (VisibleText.masked, as the card-event rejects do), since a
	 * spreadsheet or CSV reader may cut a cell at a NUL
	 * @param field the failing field
	 * @param reason why
	 */
	public void reject(long line, String studentNo, String field, String reason) {
		this.csv.row(line, VisibleText.masked(studentNo), field, reason);
	}

	/**
	 * Publishes the file with its control file.
	 * @return what was published
	 */
	public Published publish() {
		return this.csv.publish();
	}

	@Override
	public void close() {
		this.csv.close();
	}

}
