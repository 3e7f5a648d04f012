package io.cardops.portal.ops;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.runs.RunView;

/**
 * How the operations pages print times, durations and runs.
 */
final class OpsView {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** After an {@code =}: a path from the root (or a drive) up to its last separator. */
	private static final Pattern ABSOLUTE_PATH = Pattern
		.compile("(?<==)(?:/|[A-Za-z]:[\\\\/])[^\\s]*[\\\\/]([^\\s\\\\/]+)");

	/**
	 * After an {@code =}: a relative path to a file (the default outbox is
	 * {@code data/outbox}), up to its last separator; the file's name has an extension,
	 * so that a value with a slash of another kind is left as it is.
	 */
	private static final Pattern RELATIVE_PATH = Pattern
		.compile("(?<==)[^\\s/\\\\=][^\\s]*[\\\\/]([^\\s\\\\/]+\\.[A-Za-z0-9]+)(?=\\s|$)");

	private OpsView() {
	}

	/**
	 * An instant as Beijing's wall clock.
	 * @param time the instant, or null
	 * @return {@code 2026-09-02 03:00:05}, or empty
	 */
	static String time(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(AcademicCalendar.ZONE).format(TIME) : "";
	}

	/**
	 * A duration as {@code 4.2s}, {@code 3m05s} or {@code 5h30m}.
	 * @param duration the duration, or null
	 * @return the text, or empty
	 */
	static String duration(Duration duration) {
		if (duration == null) {
			return "";
		}
		long millis = duration.toMillis();
		if (millis < 60_000) {
			return String.format("%.1fs", millis / 1000.0);
		}
		if (millis < 3_600_000) {
			return String.format("%dm%02ds", millis / 60_000, (millis / 1000) % 60);
		}
		return String.format("%dh%02dm", millis / 3_600_000, (millis / 60_000) % 60);
	}

	/**
	 * A run's parameters or counts with each path cut to its file's name
	 * ({@code file=/srv/cardops/data/uploads/7/roster_UCAS_20260901.csv} becomes
	 * {@code file=roster_UCAS_20260901.csv}): the server's folders mean nothing to the
	 * reader and made the cell three lines long, and a server's layout is not the API's
	 * to tell. The command line, on the server, keeps them.
	 * @param text the parameters or counts, or null
	 * @return the text, or empty
	 */
	static String fileNames(String text) {
		return (text != null) ? RELATIVE_PATH.matcher(ABSOLUTE_PATH.matcher(text).replaceAll("$1")).replaceAll("$1")
				: "";
	}

	/**
	 * A run as a row of the pages.
	 * @param run the run
	 * @return the row
	 */
	static Row row(RunView run) {
		return new Row(run.id(), run.jobCommand(), run.status(), time(run.startedAt()), duration(run.duration()),
				fileNames(run.businessKey()), fileNames(run.summary()),
				(run.progress() != null) ? run.progress().step() : null,
				(run.progress() != null) ? run.progress().rowsDone() : null, run.running());
	}

	/**
	 * A run as the pages show it.
	 *
	 * @param id the run
	 * @param job its job
	 * @param status its status
	 * @param started when it started
	 * @param duration how long it took (so far)
	 * @param businessKey its parameters
	 * @param summary its counts
	 * @param step its current step, for a run not ended
	 * @param rowsDone the rows done so far, for a run not ended
	 * @param running whether it is still going
	 */
	record Row(long id, String job, String status, String started, String duration, String businessKey, String summary,
			String step, Long rowsDone, boolean running) {
	}

}
