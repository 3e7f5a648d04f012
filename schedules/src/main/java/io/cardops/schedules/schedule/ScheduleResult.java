package io.cardops.schedules.schedule;

import java.time.LocalDate;
import java.util.List;

/**
 * How a scheduled run ended.
 *
 * @param schedule the schedule
 * @param date the business date
 * @param runId the run's record, or null when it was refused before it was recorded
 * @param outcome {@code COMPLETED}, {@code FAILED} or {@code REFUSED}
 * @param failedStep the step that stopped it, or null
 * @param steps what each step reported, in order
 * @param message why it stopped, or null
 */
public record ScheduleResult(ScheduleKind schedule, LocalDate date, Long runId, String outcome, String failedStep,
		List<StepResult> steps, String message) {

	/** Every step completed (some inputs may have been rejected or held). */
	public static final String COMPLETED = "COMPLETED";

	/** A step failed; the chain stopped there. */
	public static final String FAILED = "FAILED";

	/** Another live run of the same schedule and date holds the guard. */
	public static final String REFUSED = "REFUSED";

	/**
	 * Whether every step completed.
	 * @return true when the run completed
	 */
	public boolean completed() {
		return COMPLETED.equals(this.outcome);
	}

}
