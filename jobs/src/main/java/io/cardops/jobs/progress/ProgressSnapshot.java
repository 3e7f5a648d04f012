package io.cardops.jobs.progress;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a running step had done at one moment.
 *
 * @param executionId the job execution
 * @param job the job's command name ({@code reconcile})
 * @param businessDate the run's {@code date} parameter, or null
 * @param step the step's name ({@code loadLedgerStep})
 * @param startedAt when the step started
 * @param counts each count, in the order the step first counted it
 */
public record ProgressSnapshot(long executionId, String job, String businessDate, String step, Instant startedAt,
		Map<String, Long> counts) {

	/**
	 * The sum of the counts: the rows done.
	 * @return the total
	 */
	public long total() {
		return this.counts.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The counts as {@code key=value} pairs, as a run's summary line writes them.
	 * @return for example {@code taps=1234 recharges=0}, empty when the step counts
	 * nothing
	 */
	public String countsText() {
		return this.counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
	}

	/**
	 * What the step counts, as a word: its one count's name, or {@code rows} when it has
	 * several (or none yet).
	 * @return for example {@code events}
	 */
	public String unit() {
		return (this.counts.size() == 1) ? this.counts.keySet().iterator().next() : "rows";
	}

}
