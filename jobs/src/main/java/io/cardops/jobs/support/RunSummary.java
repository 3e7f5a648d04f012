package io.cardops.jobs.support;

import java.time.LocalDate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome and counts a run reports, in the order they are printed.
 */
public final class RunSummary {

	private final RunOutcome outcome;

	private final Map<String, Object> counts;

	private final String message;

	private RunSummary(RunOutcome outcome, Map<String, Object> counts, String message) {
		this.outcome = outcome;
		this.counts = counts;
		this.message = message;
	}

	/**
	 * Starts a summary.
	 * @param outcome the outcome
	 * @return the summary
	 */
	public static RunSummary of(RunOutcome outcome) {
		return new RunSummary(outcome, new LinkedHashMap<>(), null);
	}

	/**
	 * The summary line of a run keyed by a date, as cli.md gives it:
	 * {@code job=<command> date=<date> status=<outcome>} and the counts.
	 * @param command the job's command name
	 * @param date the run's date
	 * @param outcome how it ended
	 * @param counts the {@code key=value} counts, may be blank
	 * @return the line
	 */
	public static String line(String command, LocalDate date, RunOutcome outcome, String counts) {
		return "job=" + command + " date=" + date + " status=" + outcome
				+ ((counts == null || counts.isBlank()) ? "" : " " + counts);
	}

	/**
	 * One value of a summary line or of its counts, as {@link #line} writes them.
	 * @param line the line ({@code job=reconcile date=… files_rejected=1 …}), or null
	 * @param key the key
	 * @return its value, empty when the line has no such key
	 */
	public static Optional<String> value(String line, String key) {
		if (line != null) {
			for (String pair : line.split(" ")) {
				if (pair.startsWith(key + "=")) {
					return Optional.of(pair.substring(key.length() + 1));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Adds a count (or other value) to the summary.
	 * @param key the key
	 * @param value the value
	 * @return this summary
	 */
	public RunSummary with(String key, Object value) {
		this.counts.put(key, value);
		return this;
	}

	/**
	 * Adds {@code key=value} pairs already formatted (by an earlier step of the run).
	 * @param pairs the pairs, separated by spaces; blank adds nothing
	 * @return this summary
	 */
	public RunSummary withPairs(String pairs) {
		if (pairs != null && !pairs.isBlank()) {
			this.counts.put(pairs, null);
		}
		return this;
	}

	/**
	 * A copy with a message for the operator (why a file was rejected or held).
	 * @param text the message, one line
	 * @return the copy
	 */
	public RunSummary withMessage(String text) {
		return new RunSummary(this.outcome, this.counts, text);
	}

	/**
	 * The outcome.
	 * @return the outcome
	 */
	public RunOutcome outcome() {
		return this.outcome;
	}

	/**
	 * The operator message, if any.
	 * @return the message or null
	 */
	public String message() {
		return this.message;
	}

	/**
	 * The counts as {@code key=value} pairs separated by spaces.
	 * @return the pairs
	 */
	public String countsText() {
		return this.counts.entrySet()
			.stream()
			.map((entry) -> (entry.getValue() != null) ? entry.getKey() + "=" + entry.getValue() : entry.getKey())
			.collect(Collectors.joining(" "));
	}

}
