package io.cardops.schedules.schedule;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.springframework.stereotype.Repository;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.runs.RunFilter;
import io.cardops.jobs.runs.RunView;
import io.cardops.jobs.runs.StepView;

/**
 * The history of each schedule: the runs of its job ({@link ScheduleKind#job()}) as
 * {@code cardops runs} shows them, whoever started them (the source says: QUARTZ,
 * RECOVERY, CLI, PORTAL, or none for a {@code cardops run}).
 */
@Repository
public class ScheduleHistory {

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRuns runs;

	/**
	 * Creates the read model.
	 * @param runs the job runs
	 */
	public ScheduleHistory(JobRuns runs) {
		this.runs = runs;
	}

	/**
	 * The newest run of a schedule's job.
	 * @param kind the schedule
	 * @return the run, if there was one
	 */
	public Optional<ScheduleRun> last(ScheduleKind kind) {
		return last(kind, null);
	}

	/**
	 * The newest run of a schedule's job for a date.
	 * @param kind the schedule
	 * @param date the business date, or null for any
	 * @return the run, if there was one
	 */
	public Optional<ScheduleRun> last(ScheduleKind kind, LocalDate date) {
		// Two runs, not one: a run Spring Batch has just created is listed before its
		// process registered it (its business key is still unknown); without a date to
		// give it, the run before it is the newest whose date is known.
		return this.runs.recent(new RunFilter(kind.job(), null, date, 2), true)
			.stream()
			.map((run) -> ScheduleRun.of(kind, run, date))
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * The newest run of a schedule's job for a date as a refusal names it: its number and
	 * start, so that {@code cardops runs} finds it.
	 * @param kind the schedule
	 * @param date the business date
	 * @return for example {@code  (run 57, since 2026-12-07 02:00:03 Asia/Shanghai)}, or
	 * "" when none started
	 */
	public String named(ScheduleKind kind, LocalDate date) {
		return last(kind, date).filter((run) -> run.startedAt() != null)
			.map((run) -> " (run " + run.runId() + ", since "
					+ run.startedAt().atZoneSameInstant(AcademicCalendar.ZONE).format(SINCE) + " "
					+ AcademicCalendar.ZONE + ")")
			.orElse("");
	}

	/**
	 * Whether a live process runs a schedule's job for a date (a run whose process died
	 * does not: the next run restarts it).
	 * @param kind the schedule
	 * @param date the business date
	 * @return true when a run of it is in progress
	 */
	public boolean inProgress(ScheduleKind kind, LocalDate date) {
		return last(kind, date).filter((run) -> "RUNNING".equals(run.status())).isPresent();
	}

	/**
	 * One run of a schedule's job.
	 *
	 * @param runId its job execution
	 * @param schedule the schedule
	 * @param businessDate the date it ran for
	 * @param source what started it, or null
	 * @param status its status as {@code cardops runs} shows it (the outcome it reported,
	 * else RUNNING or DIED by its process, else Spring Batch's)
	 * @param startedAt when it started, null before it started
	 * @param finishedAt when it ended, null while running (or when its process died)
	 * @param failedStep the step that stopped it: the chain's step, the job itself for a
	 * schedule of one job; null unless it failed
	 */
	public record ScheduleRun(long runId, ScheduleKind schedule, LocalDate businessDate, String source, String status,
			OffsetDateTime startedAt, OffsetDateTime finishedAt, String failedStep) {

		/**
		 * The schedule's view of a run of its job.
		 * @param kind the schedule
		 * @param run the run
		 * @param date the date the run was asked for, or null when any
		 * @return the run, empty when its date is not known yet (Spring Batch created it
		 * and its process has not registered it)
		 */
		static Optional<ScheduleRun> of(ScheduleKind kind, RunView run, LocalDate date) {
			String failedStep = null;
			if ("FAILED".equals(run.status())) {
				failedStep = (kind != ScheduleKind.NIGHTLY_CHAIN) ? kind.job().command()
						: run.steps()
							.stream()
							.filter((step) -> "FAILED".equals(step.status()))
							.map(StepView::name)
							.findFirst()
							.orElse(null);
			}
			// A schedule's key is date=YYYY-MM-DD.
			String key = run.businessKey();
			LocalDate businessDate = (key != null && key.startsWith("date="))
					? LocalDate.parse(key.substring("date=".length())) : date;
			if (businessDate == null) {
				return Optional.empty();
			}
			return Optional.of(new ScheduleRun(run.id(), kind, businessDate, run.source(), run.status(),
					run.startedAt(), run.endedAt(), failedStep));
		}

	}

}
