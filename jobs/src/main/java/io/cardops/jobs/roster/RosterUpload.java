package io.cardops.jobs.roster;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One roster upload as judged: what was sent, by whom, and what the roster-import job
 * made of it.
 *
 * @param id the upload id
 * @param file the file name as sent
 * @param institution the institution of the file name
 * @param snapshotDate the date of the file name
 * @param uploadedAt when it arrived
 * @param uploadedBy the account that sent it
 * @param status {@code RUNNING}, {@code COMPLETED}, {@code NOOP}, {@code REJECTED},
 * {@code HELD} or {@code FAILED}
 * @param rows the data rows, or null when the file was never read
 * @param accepted the rows accepted, or null
 * @param rejected the rows rejected, or null
 * @param eligibleBefore the students eligible before it, or null
 * @param dropped the eligible students it drops, or null
 * @param reason what the university should know, in a sentence, or null
 * @param rejectsFile the name of its rejects file, or null when no row was rejected
 * @param forcedBy who applied it although it was held, or null
 * @param forcedAt when, or null
 * @param forceable whether it is held and may still be forced: no later roster of its
 * institution was sent or applied since
 */
public record RosterUpload(long id, String file, String institution, LocalDate snapshotDate, OffsetDateTime uploadedAt,
		String uploadedBy, String status, Long rows, Long accepted, Long rejected, Long eligibleBefore, Long dropped,
		String reason, String rejectsFile, String forcedBy, OffsetDateTime forcedAt, boolean forceable) {

	/** The status of an upload whose import is still running. */
	public static final String RUNNING = "RUNNING";

	/** The status of an upload that could not be received or imported. */
	public static final String FAILED = "FAILED";

	/** The status of an upload held by the drop rule until forced. */
	public static final String HELD = "HELD";

	/**
	 * Whether the upload has a rejects file to download.
	 * @return true when one was published for it
	 */
	public boolean hasRejects() {
		return this.rejectsFile != null;
	}

}
