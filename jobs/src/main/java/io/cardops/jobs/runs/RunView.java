package io.cardops.jobs.runs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.cardops.jobs.JobName;
import io.cardops.jobs.progress.RunProgressRepository.Progress;

/**
 * One job run as {@code cardops runs} and {@code /api/runs} show it.
 *
 * @param id the Spring Batch job execution
 * @param job the job, null for a Spring Batch job cardops does not name
 * @param batchJobName the Spring Batch job name
 * @param status the reported outcome, else RUNNING or DIED while Spring Batch has it
 * running, else Spring Batch's status
 * @param startedAt when it started (Asia/Shanghai), null before it started
 * @param endedAt when it ended, null while running
 * @param duration how long it took, or has taken so far when running; null otherwise
 * @param businessKey its business parameters
 * @param summary the counts it reported
 * @param progress its current (or last) step and that step's counts, null when none were
 * written
 * @param steps its steps, in the order they started (empty in a listing that asked for
 * none)
 * @param source what started it (QUARTZ, RECOVERY, CLI, PORTAL: a schedule's run and the
 * jobs it ran), or null for a run started directly
 */
public record RunView(long id, JobName job, String batchJobName, String status, OffsetDateTime startedAt,
		OffsetDateTime endedAt, Duration duration, String businessKey, String summary, Progress progress,
		List<StepView> steps, String source) {

	/**
	 * The job's command name, or the Spring Batch name when cardops does not name it.
	 * @return for example {@code reconcile}
	 */
	public String jobCommand() {
		return (this.job != null) ? this.job.command() : this.batchJobName;
	}

	/**
	 * Whether the run is still going.
	 * @return true when its status is RUNNING
	 */
	public boolean running() {
		return "RUNNING".equals(this.status);
	}

}
