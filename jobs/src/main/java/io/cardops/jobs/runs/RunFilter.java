package io.cardops.jobs.runs;

import java.time.LocalDate;

import io.cardops.jobs.JobName;

/**
 * Which runs to list.
 *
 * @param job only this job, or null for every job
 * @param status only this status (one of {@link JobRuns#STATUSES}), or null for any
 * @param date only runs for this business date, or null for any
 * @param limit at most this many, the newest; at least 1
 */
public record RunFilter(JobName job, String status, LocalDate date, int limit) {
}
