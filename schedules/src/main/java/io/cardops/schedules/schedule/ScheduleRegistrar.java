package io.cardops.schedules.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.NoRecordFoundException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.schedules.schedule.ScheduleSettings.Schedule;

/**
 * Puts a serving node's configured schedules into the shared Quartz store when the node
 * starts, idempotently. Only {@code cardops serve} does this: a command that lists or
 * steers the schedules never applies its own configuration ({@link ScheduleStore} makes
 * the explicit changes).
 *
 * <p>
 * A trigger whose cron, zone and misfire policy are already as configured is left
 * untouched: its next fire time stays where it is, so a fire time missed while every node
 * was down is still seen as a misfire when a node comes back. A trigger whose
 * configuration changed is replaced (a paused one stays paused); a schedule no longer
 * known is removed. Two nodes starting at once may both try: Quartz's store lock
 * serialises them, and an {@link ObjectAlreadyExistsException} (or, on an empty store,
 * the store's refusal of a duplicate key) just means the other one won. Every change is
 * written to the audit log, with the old and the new value.
 */
@Component
public class ScheduleRegistrar {

	/** The Quartz group of every job and trigger of the suite. */
	public static final String GROUP = "cardops";

	private static final Logger logger = LoggerFactory.getLogger(ScheduleRegistrar.class);

	private final Scheduler scheduler;

	private final ScheduleSettings settings;

	private final AuditLog audit;

	/**
	 * Creates the registrar.
	 * @param scheduler the Quartz scheduler (started or not)
	 * @param settings the configured schedules
	 * @param audit where each change is recorded
	 */
	public ScheduleRegistrar(Scheduler scheduler, ScheduleSettings settings, AuditLog audit) {
		this.scheduler = scheduler;
		this.settings = settings;
		this.audit = audit;
	}

	/**
	 * Brings the store in line with this node's configuration, at its start-up.
	 * @param actor the node, as the audit log names it
	 * @return what changed, one line each (empty when nothing did)
	 * @throws SchedulerException when the store fails
	 */
	public List<String> register(Actor actor) throws SchedulerException {
		List<String> changes = new ArrayList<>();
		for (Map.Entry<ScheduleKind, Schedule> entry : this.settings.bySchedule().entrySet()) {
			register(actor, entry.getKey(), entry.getValue(), changes);
		}
		Set<String> known = this.settings.schedules().keySet();
		for (JobKey job : this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
			if (!known.contains(job.getName())) {
				Trigger removed = this.scheduler.getTrigger(TriggerKey.triggerKey(job.getName(), GROUP));
				audited(actor, "schedule.remove", job.getName(), describe(removed) + " -> (none)",
						() -> this.scheduler.deleteJob(job));
				changes.add(job.getName() + ": removed (no longer configured)");
			}
		}
		changes.forEach((change) -> logger.info("schedules: {}", change));
		return changes;
	}

	private void register(Actor actor, ScheduleKind kind, Schedule schedule, List<String> changes)
			throws SchedulerException {
		for (int attempt = 1;; attempt++) {
			try {
				registerOnce(actor, kind, schedule, changes, attempt == 5);
				return;
			}
			catch (RegisterRaceException ex) {
				// Two nodes started together on an empty store: Quartz creates its lock
				// rows on first use, so both may write at once and the store's keys
				// refuse one of them. Read the store again: the other node's
				// registration is there by now.
				pause(attempt, (SchedulerException) ex.getCause());
			}
		}
	}

	private void registerOnce(Actor actor, ScheduleKind kind, Schedule schedule, List<String> changes,
			boolean lastAttempt) throws SchedulerException {
		TriggerKey key = triggerKey(kind);
		Trigger existing = storedTrigger(key);
		if (existing == null) {
			try {
				audited(actor, "schedule.register", kind.id(), "(none) -> " + describe(schedule), () -> this.scheduler
					.scheduleJob(job(kind), Set.of(trigger(kind, schedule, Instant.now())), true), lastAttempt);
				changes.add(kind.id() + ": scheduled (" + schedule.cron() + " " + schedule.zone() + ")");
			}
			catch (ObjectAlreadyExistsException ex) {
				// Another node registered it at the same moment (and audited it).
			}
			return;
		}
		if (!matches(existing, schedule)) {
			boolean paused = this.scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
			audited(actor, "schedule.reschedule", kind.id(),
					describe(existing) + " -> " + describe(schedule) + (paused ? " (still paused)" : ""), () -> {
						this.scheduler.rescheduleJob(key, trigger(kind, schedule, Instant.now()));
						if (paused) {
							this.scheduler.pauseTrigger(key);
						}
					});
			changes.add(kind.id() + ": rescheduled (" + schedule.cron() + " " + schedule.zone() + ", misfire "
					+ schedule.misfire() + ")" + (paused ? ", still paused" : ""));
		}
	}

	/**
	 * The trigger the store holds. Quartz reads a trigger in two statements (its row,
	 * then its cron row); a node that starts together with another can read the first row
	 * before the other node replaced the trigger and miss the second: read it again.
	 */
	private Trigger storedTrigger(TriggerKey key) throws SchedulerException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.scheduler.getTrigger(key);
			}
			catch (JobPersistenceException ex) {
				if (attempt == 5 || !(ex.getCause() instanceof NoRecordFoundException)) {
					throw ex;
				}
				pause(attempt, ex);
			}
		}
	}

	/**
	 * Makes a change and records it in the audit log: {@code OK}, or {@code FAILED} with
	 * the store's reason before the failure goes on to the caller.
	 */
	private void audited(Actor actor, String action, String object, String detail, Change change)
			throws SchedulerException {
		audited(actor, action, object, detail, change, true);
	}

	private void audited(Actor actor, String action, String object, String detail, Change change, boolean lastAttempt)
			throws SchedulerException {
		try {
			change.make();
		}
		catch (ObjectAlreadyExistsException ex) {
			throw ex;
		}
		catch (SchedulerException | RuntimeException ex) {
			if (ex instanceof JobPersistenceException persistence && "schedule.register".equals(action)) {
				if (this.scheduler.checkExists(TriggerKey.triggerKey(object, GROUP))) {
					// Two nodes started together on an empty store: both found no
					// trigger, and the store's key refused the second insert (a
					// duplicate key on PostgreSQL) before Quartz could tell it apart. The
					// other node won, and audited it.
					throw new ObjectAlreadyExistsException(object + " was registered by another node");
				}
				if (!lastAttempt) {
					throw new RegisterRaceException(persistence);
				}
			}
			this.audit.record(actor, action, object, AuditLog.FAILED, detail + ": " + ex.getMessage());
			throw ex;
		}
		this.audit.record(actor, action, object, AuditLog.OK, detail);
	}

	private static void pause(int attempt, SchedulerException cause) throws SchedulerException {
		try {
			Thread.sleep(200L * attempt);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw cause;
		}
	}

	/** A registration that lost a race with another node's, to read again. */
	private static final class RegisterRaceException extends SchedulerException {

		RegisterRaceException(JobPersistenceException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * How the audit log and the listing describe a stored trigger: cron, zone and misfire
	 * policy.
	 * @param trigger the trigger, or null
	 * @return for example {@code 0 0 3 * * ? Asia/Shanghai CATCH_UP}
	 */
	static String describe(Trigger trigger) {
		if (trigger instanceof CronTrigger cron) {
			Misfire misfire = Misfire.of(cron.getMisfireInstruction());
			return cron.getCronExpression() + " " + cron.getTimeZone().toZoneId() + " "
					+ ((misfire != null) ? misfire.name() : "misfire " + cron.getMisfireInstruction());
		}
		return (trigger != null) ? trigger.getKey().getName() : "(none)";
	}

	static String describe(Schedule schedule) {
		return schedule.cron() + " " + schedule.zone() + " " + schedule.misfire();
	}

	/**
	 * The Quartz job of a schedule.
	 * @param kind the schedule
	 * @return a durable job that requests recovery
	 */
	public static JobDetail job(ScheduleKind kind) {
		return JobBuilder.newJob(ScheduledRun.class)
			.withIdentity(kind.id(), GROUP)
			.withDescription("cardops " + kind.id())
			.storeDurably()
			.requestRecovery()
			.build();
	}

	/**
	 * The trigger of a schedule.
	 * @param kind the schedule
	 * @param schedule its configuration
	 * @param startAt the first instant it may fire after
	 * @return the cron trigger
	 */
	public static CronTrigger trigger(ScheduleKind kind, Schedule schedule, Instant startAt) {
		CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
			.inTimeZone(TimeZone.getTimeZone(schedule.zone()));
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(kind))
			.forJob(kind.id(), GROUP)
			.startAt(Date.from(startAt))
			.withSchedule(schedule.misfire().applyTo(cron))
			.build();
	}

	/**
	 * The trigger key of a schedule.
	 * @param kind the schedule
	 * @return the key
	 */
	public static TriggerKey triggerKey(ScheduleKind kind) {
		return TriggerKey.triggerKey(kind.id(), GROUP);
	}

	/**
	 * Whether a stored trigger is as a schedule's configuration says.
	 * @param existing the stored trigger
	 * @param schedule the configuration
	 * @return true when cron, zone and misfire policy are the same
	 */
	static boolean matches(Trigger existing, Schedule schedule) {
		return existing instanceof CronTrigger cron && cron.getCronExpression().equals(schedule.cron())
				&& cron.getTimeZone().toZoneId().equals(schedule.zone())
				&& cron.getMisfireInstruction() == schedule.misfire().instruction();
	}

	/** One change to the store. */
	@FunctionalInterface
	private interface Change {

		void make() throws SchedulerException;

	}

}
