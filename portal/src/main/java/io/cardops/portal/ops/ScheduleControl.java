package io.cardops.portal.ops;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.cardops.jobs.audit.Actor;

/**
 * The schedules as the portal steers them: list, pause, resume and trigger, with the
 * rules of {@code cardops schedules}. The portal only declares it; the application
 * implements it over the shared Quartz store and the schedule runner (the portal does not
 * depend on the schedules module). Every change is written to the audit log.
 */
public interface ScheduleControl {

	/**
	 * Every schedule as the shared store holds it, with its last run.
	 * @return the schedules, in their configured order
	 */
	List<ScheduleState> list();

	/**
	 * Pauses or resumes a schedule on every node.
	 * @param actor who asks, from where
	 * @param name the schedule
	 * @param pause true to pause, false to resume
	 * @return the schedule afterwards
	 * @throws Refused when there is no such schedule or no node stored it yet
	 */
	ScheduleState pause(Actor actor, String name, boolean pause);

	/**
	 * Starts a run of a schedule for a business date in the background, on this node.
	 * @param actor who asks, from where
	 * @param name the schedule
	 * @param date the business date
	 * @return what was started
	 * @throws Refused when there is no such schedule, the date is not one the schedule
	 * runs for, or a run of the schedule for that date is in progress
	 */
	TriggerAccepted trigger(Actor actor, String name, LocalDate date);

	/**
	 * Records in the audit log a request to steer a schedule refused before it reached
	 * {@link #pause} or {@link #trigger} (no date given, a one-way run not confirmed), as
	 * those record their own refusals: outcome {@code REFUSED}, the reason in its detail.
	 * @param actor who asked, from where
	 * @param action {@code schedule.trigger}, {@code schedule.pause} or
	 * {@code schedule.resume}
	 * @param name the schedule as asked for
	 * @param reason why it was refused
	 */
	void recordRefusal(Actor actor, String action, String name, String reason);

	/**
	 * One schedule.
	 *
	 * @param name its name ({@code nightly-chain}, {@code open-renewal},
	 * {@code expire-cards})
	 * @param cron its Quartz cron expression, null when no node stored it yet
	 * @param zone the zone the expression is read in
	 * @param state NORMAL, PAUSED, BLOCKED (running), NONE (not stored)...
	 * @param misfire its misfire policy
	 * @param nextFire when it fires next, null when it will not
	 * @param lastRun its newest run, null when it never ran
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ScheduleState(String name, String cron, String zone, String state, String misfire, OffsetDateTime nextFire,
			LastRun lastRun) {

		/**
		 * Whether the schedule is paused.
		 * @return true when its state is PAUSED
		 */
		public boolean paused() {
			return "PAUSED".equals(this.state);
		}

	}

	/**
	 * A schedule's newest run.
	 *
	 * @param runId the run of the schedule's job (its id in {@code cardops runs} and
	 * {@code /api/runs})
	 * @param businessDate the date it ran for
	 * @param source what started it (QUARTZ, RECOVERY, CLI, PORTAL), or null for a
	 * {@code cardops run} of the job
	 * @param outcome the run's outcome (COMPLETED, FAILED, NOOP...), or RUNNING or DIED
	 * while Spring Batch has it running
	 * @param failedStep the step that stopped it, or null
	 * @param startedAt when it started
	 * @param finishedAt when it ended, null while running
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record LastRun(long runId, LocalDate businessDate, String source, String outcome, String failedStep,
			OffsetDateTime startedAt, OffsetDateTime finishedAt) {
	}

	/**
	 * A run started in the background.
	 *
	 * @param name the schedule
	 * @param date the business date
	 */
	record TriggerAccepted(String name, LocalDate date) {
	}

	/**
	 * Why a schedule could not be steered.
	 */
	final class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/** What kind of refusal. */
		public enum Reason {

			/** No schedule of that name. */
			UNKNOWN,
			/** No node stored the schedule yet. */
			NOT_STORED,
			/** The date is not one the schedule runs for. */
			BAD_DATE,
			/** The date is after today, or before any the programme holds. */
			OUT_OF_RANGE,
			/** A run of the schedule for that date is in progress. */
			IN_PROGRESS

		}

		private final Reason reason;

		/**
		 * Creates the refusal.
		 * @param reason what kind
		 * @param message words for the client
		 */
		public Refused(Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

		/**
		 * What kind of refusal.
		 * @return the reason
		 */
		public Reason reason() {
			return this.reason;
		}

	}

}
