package io.cardops.jobs.runs;

import java.time.OffsetDateTime;

/**
 * One step of a job run with Spring Batch's counts.
 *
 * @param name the step's name
 * @param status Spring Batch's status of the step
 * @param exitCode its exit code
 * @param startedAt when it started (Asia/Shanghai)
 * @param endedAt when it ended, null while running
 * @param read items read
 * @param written items written
 * @param filtered items filtered
 * @param skipped items skipped (read, process and write skips)
 * @param commits transactions committed
 * @param rollbacks transactions rolled back
 */
public record StepView(String name, String status, String exitCode, OffsetDateTime startedAt, OffsetDateTime endedAt,
		long read, long written, long filtered, long skipped, long commits, long rollbacks) {
}
