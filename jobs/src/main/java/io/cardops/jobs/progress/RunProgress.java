package io.cardops.jobs.progress;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import io.cardops.jobs.JobName;

/**
 * What the steps running in this process have done so far.
 *
 * <p>
 * A service counts through {@link #counter(String)}, called on the step's own thread (a
 * service that hands work to a pool of its own takes its counters before, and shares
 * them: they are thread-safe). Outside a step the counters count nothing, so the services
 * run the same in a test or a benchmark. Spring Batch's own counts of a tasklet step are
 * written only when its transaction commits, and another process writing them while the
 * step runs would collide with Spring Batch's optimistic locking of the step execution:
 * the counts live here, and {@link ProgressListener} writes them to a table of their own.
 */
@Component
public class RunProgress {

	private final Map<Long, StepProgress> running = new ConcurrentHashMap<>();

	private final ThreadLocal<StepProgress> current = new ThreadLocal<>();

	/**
	 * A count of the step running on this thread, created at its first use.
	 * @param name what it counts, as the runs list names it ({@code taps})
	 * @return the counter; one that counts nothing when no step runs on this thread
	 */
	public ProgressCounter counter(String name) {
		StepProgress step = this.current.get();
		return (step != null) ? step.counter(name) : ProgressCounter.NONE;
	}

	/**
	 * The steps running in this process now, oldest first.
	 * @return what each has done so far
	 */
	public List<ProgressSnapshot> snapshots() {
		return this.running.values()
			.stream()
			.map(StepProgress::snapshot)
			.sorted(Comparator.comparing(ProgressSnapshot::startedAt))
			.toList();
	}

	/**
	 * Starts tracking a step on the calling thread (the step's).
	 * @param step the step execution
	 * @param now when it starts
	 */
	void started(StepExecution step, Instant now) {
		String batchName = step.getJobExecution().getJobInstance().getJobName();
		JobName job = JobName.ofBatchName(batchName);
		String date = step.getJobExecution().getJobParameters().getString("date");
		StepProgress progress = new StepProgress(step.getJobExecutionId(), (job != null) ? job.command() : batchName,
				date, step.getStepName(), now);
		this.running.put(step.getId(), progress);
		this.current.set(progress);
	}

	/**
	 * What a running step has done so far.
	 * @param step the step execution
	 * @return its counts, or null when it is not tracked
	 */
	ProgressSnapshot snapshot(StepExecution step) {
		StepProgress progress = this.running.get(step.getId());
		return (progress != null) ? progress.snapshot() : null;
	}

	/**
	 * Stops tracking a step.
	 * @param step the step execution
	 */
	void ended(StepExecution step) {
		this.running.remove(step.getId());
		this.current.remove();
	}

}
