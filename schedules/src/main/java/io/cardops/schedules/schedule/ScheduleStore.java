package io.cardops.schedules.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;

import org.springframework.stereotype.Component;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.schedules.schedule.ScheduleSettings.Schedule;

/**
 * The schedules as the shared Quartz store holds them, whatever this process's
 * configuration says, and the explicit changes an operator makes to them: a new cron,
 * pause, resume. Each change touches only what it names and is written to the audit log
 * (who, from where, the old and the new value). Reading never changes anything.
 */
@Component
public class ScheduleStore {

	private final Scheduler scheduler;

	private final ScheduleSettings settings;

	private final AuditLog audit;

	/**
	 * Creates the store.
	 * @param scheduler the Quartz scheduler (started or not)
	 * @param settings this process's configuration (for a schedule not stored yet)
	 * @param audit where each change is recorded
	 */
	public ScheduleStore(Scheduler scheduler, ScheduleSettings settings, AuditLog audit) {
		this.scheduler = scheduler;
		this.settings = settings;
		this.audit = audit;
	}

	/**
	 * A schedule as stored.
	 * @param kind the schedule
	 * @return its trigger, empty when no node has registered it yet
	 * @throws SchedulerException when the store fails
	 */
	public Optional<Stored> stored(ScheduleKind kind) throws SchedulerException {
		Trigger trigger = this.scheduler.getTrigger(ScheduleRegistrar.triggerKey(kind));
		if (!(trigger instanceof CronTrigger cron)) {
			return Optional.empty();
		}
		TriggerState state = this.scheduler.getTriggerState(trigger.getKey());
		Date next = cron.getNextFireTime();
		return Optional.of(new Stored(kind, cron.getCronExpression(), cron.getTimeZone().toZoneId(),
				Misfire.of(cron.getMisfireInstruction()), (next != null) ? next.toInstant() : null, state));
	}

	/**
	 * Checks the syntax of a cron expression as {@code set-cron} takes it.
	 * @param cron the expression
	 * @return why it is not a Quartz cron expression, empty when it is one
	 */
	public static Optional<String> syntaxProblem(String cron) {
		try {
			new CronExpression(cron);
			return Optional.empty();
		}
		catch (ParseException ex) {
			return Optional.of("'" + cron + "' is not a Quartz cron expression (" + ex.getMessage().strip()
					+ "); it needs six or seven fields: seconds minutes hours day-of-month month day-of-week [year],"
					+ " with ? in one of the two day fields, for example 0 0 3 * * ?");
		}
	}

	/**
	 * Checks that a valid cron expression fires again: Quartz refuses a trigger that
	 * never will (a year in the past).
	 * @param cron the expression, valid
	 * @param zone the zone it is read in
	 * @param now the current instant
	 * @return why it cannot be a schedule's cron, empty when it fires again
	 */
	public static Optional<String> neverFires(String cron, ZoneId zone, Instant now) {
		CronExpression expression;
		try {
			expression = new CronExpression(cron);
		}
		catch (ParseException ex) {
			return syntaxProblem(cron);
		}
		expression.setTimeZone(TimeZone.getTimeZone(zone));
		if (expression.getNextValidTimeAfter(Date.from(now)) == null) {
			return Optional.of("'" + cron + "' never fires after now (read in " + zone + ")");
		}
		return Optional.empty();
	}

	/**
	 * Gives a schedule a new cron expression in the shared store, keeping its zone and
	 * misfire policy and, if it is paused, its pause; a schedule not stored yet is stored
	 * with this process's zone and misfire policy for it. Written to the audit log.
	 * @param actor who asks
	 * @param kind the schedule
	 * @param cron the new expression (checked with {@link #syntaxProblem} and
	 * {@link #neverFires})
	 * @return the schedule as stored afterwards, and what it was before
	 * @throws SchedulerException when the store fails
	 */
	public CronChange setCron(Actor actor, ScheduleKind kind, String cron) throws SchedulerException {
		Optional<Stored> before = stored(kind);
		Schedule configured = this.settings.bySchedule().get(kind);
		Schedule schedule = new Schedule(cron, before.map(Stored::zone).orElse(configured.zone()),
				before.map(Stored::misfire).filter((misfire) -> misfire != null).orElse(configured.misfire()));
		String detail = before.map(Stored::describe).orElse("(none)") + " -> " + ScheduleRegistrar.describe(schedule);
		if (before.isPresent() && before.get().cron().equals(cron)) {
			this.audit.record(actor, "schedule.set-cron", kind.id(), AuditLog.OK, detail + " (unchanged)");
			return new CronChange(before, before.get());
		}
		TriggerKey key = ScheduleRegistrar.triggerKey(kind);
		boolean paused = before.isPresent() && before.get().state() == TriggerState.PAUSED;
		try {
			if (before.isPresent()) {
				this.scheduler.rescheduleJob(key, ScheduleRegistrar.trigger(kind, schedule, Instant.now()));
				if (paused) {
					this.scheduler.pauseTrigger(key);
				}
			}
			else {
				this.scheduler.scheduleJob(ScheduleRegistrar.job(kind),
						java.util.Set.of(ScheduleRegistrar.trigger(kind, schedule, Instant.now())), true);
			}
		}
		catch (SchedulerException | RuntimeException ex) {
			this.audit.record(actor, "schedule.set-cron", kind.id(), AuditLog.FAILED, detail + ": " + ex.getMessage());
			throw ex;
		}
		this.audit.record(actor, "schedule.set-cron", kind.id(), AuditLog.OK,
				detail + (paused ? " (still paused)" : ""));
		return new CronChange(before, stored(kind).orElseThrow());
	}

	/**
	 * Pauses or resumes a stored schedule on every node. Written to the audit log.
	 * @param actor who asks
	 * @param kind the schedule
	 * @param pause true to pause, false to resume
	 * @return its state afterwards, empty when no node has registered it yet (nothing is
	 * changed or recorded then)
	 * @throws SchedulerException when the store fails
	 */
	public Optional<TriggerState> pause(Actor actor, ScheduleKind kind, boolean pause) throws SchedulerException {
		Optional<Stored> before = stored(kind);
		if (before.isEmpty()) {
			return Optional.empty();
		}
		String action = pause ? "schedule.pause" : "schedule.resume";
		TriggerKey key = ScheduleRegistrar.triggerKey(kind);
		try {
			if (pause) {
				this.scheduler.pauseTrigger(key);
			}
			else {
				this.scheduler.resumeTrigger(key);
			}
		}
		catch (SchedulerException | RuntimeException ex) {
			this.audit.record(actor, action, kind.id(), AuditLog.FAILED, before.get().state() + ": " + ex.getMessage());
			throw ex;
		}
		TriggerState after = this.scheduler.getTriggerState(key);
		this.audit.record(actor, action, kind.id(), AuditLog.OK, before.get().state() + " -> " + after);
		return Optional.of(after);
	}

	/**
	 * A schedule's trigger as the shared store holds it.
	 *
	 * @param kind the schedule
	 * @param cron its cron expression
	 * @param zone the zone the expression is read in
	 * @param misfire its misfire policy, null for an instruction cardops does not set
	 * @param nextFire its next fire time, null when it will not fire again
	 * @param state NORMAL, PAUSED, BLOCKED (running), ERROR...
	 */
	public record Stored(ScheduleKind kind, String cron, ZoneId zone, Misfire misfire, Instant nextFire,
			TriggerState state) {

		/**
		 * Whether this process's configuration of the schedule differs from what is
		 * stored.
		 * @param schedule the configuration
		 * @return true when its cron, zone or misfire policy differs
		 */
		public boolean differsFrom(Schedule schedule) {
			return !this.cron.equals(schedule.cron()) || !this.zone.equals(schedule.zone())
					|| this.misfire != schedule.misfire();
		}

		/**
		 * Its cron, zone and misfire policy, as the audit log records them.
		 * @return for example {@code 0 0 3 * * ? Asia/Shanghai CATCH_UP}
		 */
		public String describe() {
			return this.cron + " " + this.zone + " " + this.misfire;
		}

	}

	/**
	 * What {@code set-cron} did.
	 *
	 * @param before the schedule before, empty when it was not stored
	 * @param after the schedule now
	 */
	public record CronChange(Optional<Stored> before, Stored after) {

		/**
		 * Whether the cron was already the one asked for.
		 * @return true when nothing changed
		 */
		public boolean unchanged() {
			return this.before.isPresent() && this.before.get().cron().equals(this.after.cron());
		}

	}

}
