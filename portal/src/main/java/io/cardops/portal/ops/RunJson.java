package io.cardops.portal.ops;

import java.time.OffsetDateTime;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.progress.RunProgressRepository.Progress;
import io.cardops.jobs.runs.RunView;
import io.cardops.jobs.runs.StepView;

/**
 * A job run as {@code /api/runs} answers it.
 *
 * @param id the run (its Spring Batch job execution)
 * @param job the job ({@code reconcile}, {@code settle}...)
 * @param status its outcome, or RUNNING or DIED while it has none
 * @param startedAt when it started
 * @param endedAt when it ended, null while running
 * @param durationMs how long it took, or has taken so far; null when unknown
 * @param businessKey its business parameters, each absolute path cut to its file's name
 * as on the pages
 * @param summary the counts it reported, paths cut the same way
 * @param progress for a run still going (or dead): its current step and rows done so far
 * @param steps its steps with their counts, in order
 * @param url where it is answered
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunJson(long id, String job, String status, OffsetDateTime startedAt, OffsetDateTime endedAt,
		Long durationMs, String businessKey, String summary, ProgressJson progress, List<StepJson> steps, String url) {

	/**
	 * The answer of a run.
	 * @param run the run
	 * @return its JSON
	 */
	public static RunJson of(RunView run) {
		return new RunJson(run.id(), run.jobCommand(), run.status(), run.startedAt(), run.endedAt(),
				(run.duration() != null) ? run.duration().toMillis() : null, OpsView.fileNames(run.businessKey()),
				OpsView.fileNames(run.summary()), (run.progress() != null) ? ProgressJson.of(run.progress()) : null,
				run.steps().stream().map(StepJson::of).toList(), "/api/runs/" + run.id());
	}

	static OffsetDateTime zoned(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(AcademicCalendar.ZONE).toOffsetDateTime() : null;
	}

	/**
	 * What a run not ended had done.
	 *
	 * @param step its current (or last) step
	 * @param counts that step's counts, {@code key=value} pairs
	 * @param rowsDone the rows done so far
	 * @param stepStartedAt when the step started
	 * @param updatedAt when its process wrote them
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ProgressJson(String step, String counts, long rowsDone, OffsetDateTime stepStartedAt,
			OffsetDateTime updatedAt) {

		static ProgressJson of(Progress progress) {
			return new ProgressJson(progress.step(), progress.counts(), progress.rowsDone(),
					zoned(progress.stepStartedAt()), zoned(progress.updatedAt()));
		}

	}

	/**
	 * One step with Spring Batch's counts.
	 *
	 * @param name the step
	 * @param status its status
	 * @param exitCode its exit code
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param read items read
	 * @param written items written
	 * @param filtered items filtered
	 * @param skipped items skipped
	 * @param commits transactions committed
	 * @param rollbacks transactions rolled back
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record StepJson(String name, String status, String exitCode, OffsetDateTime startedAt,
			OffsetDateTime endedAt, long read, long written, long filtered, long skipped, long commits,
			long rollbacks) {

		static StepJson of(StepView step) {
			return new StepJson(step.name(), step.status(), step.exitCode(), step.startedAt(), step.endedAt(),
					step.read(), step.written(), step.filtered(), step.skipped(), step.commits(), step.rollbacks());
		}

	}

}
