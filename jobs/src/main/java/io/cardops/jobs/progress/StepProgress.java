package io.cardops.jobs.progress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of one running step, in the order the step first counted them.
 */
final class StepProgress {

	private final long executionId;

	private final String job;

	private final String businessDate;

	private final String step;

	private final Instant startedAt;

	private final Map<String, ProgressCounter> counters = new LinkedHashMap<>();

	StepProgress(long executionId, String job, String businessDate, String step, Instant startedAt) {
		this.executionId = executionId;
		this.job = job;
		this.businessDate = businessDate;
		this.step = step;
		this.startedAt = startedAt;
	}

	synchronized ProgressCounter counter(String name) {
		return this.counters.computeIfAbsent(name, (key) -> ProgressCounter.counting());
	}

	synchronized ProgressSnapshot snapshot() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.counters.forEach((name, counter) -> counts.put(name, counter.value()));
		return new ProgressSnapshot(this.executionId, this.job, this.businessDate, this.step, this.startedAt, counts);
	}

}
