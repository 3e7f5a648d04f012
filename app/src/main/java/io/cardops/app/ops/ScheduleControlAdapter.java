package io.cardops.app.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.quartz.SchedulerException;
import org.quartz.Trigger.TriggerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.stereotype.Component;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.portal.ops.ScheduleControl;
import io.cardops.schedules.schedule.ScheduleKind;
import io.cardops.schedules.schedule.ScheduleResult;
import io.cardops.schedules.schedule.ScheduleHistory;
import io.cardops.schedules.schedule.ScheduleHistory.ScheduleRun;
import io.cardops.schedules.schedule.ScheduleRunner;
import io.cardops.schedules.schedule.ScheduleSettings;
import io.cardops.schedules.schedule.ScheduleSettings.Schedule;
import io.cardops.schedules.schedule.ScheduleStore;
import io.cardops.schedules.schedule.ScheduleStore.Stored;

/**
 * The portal's {@link ScheduleControl} on a serving node: the shared Quartz store for the
 * listing, pause and resume ({@link ScheduleStore}, which writes the audit log), and this
 * node's {@link ScheduleRunner} for a trigger, run on a thread of its own so the request
 * answers at once. The rules are those of {@code cardops schedules}: a trigger runs also
 * a paused schedule; a date before the renewal window is refused for open-renewal; a live
 * run of the same schedule and date refuses another; a date after today or before 2000 is
 * refused (TriggerDates).
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class ScheduleControlAdapter implements ScheduleControl, DisposableBean {

	/** What a run started from the portal records as its source. */
	static final String SOURCE = "PORTAL";

	private static final Logger logger = LoggerFactory.getLogger(ScheduleControlAdapter.class);

	/** The audit outcome of a request refused (http.md, "Audit"). */
	private static final String REFUSED = "REFUSED";

	private final ScheduleStore store;

	private final ScheduleRunner runner;

	private final ScheduleHistory runs;

	private final ScheduleSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	/**
	 * The schedules and dates this node accepted a trigger for and has not finished
	 * running: one waiting for the trigger thread has no run in the job repository yet,
	 * and a second trigger of the same schedule and date sent meanwhile is refused as the
	 * same live run.
	 */
	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final ExecutorService triggers = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "cardops-portal-trigger");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Creates the adapter.
	 * @param store the shared Quartz store
	 * @param runner runs a schedule for a date
	 * @param runs the schedules' runs and guards
	 * @param settings the configured schedules
	 * @param audit the audit log
	 * @param clock the clock (today, in Asia/Shanghai, is the latest date a run is for)
	 */
	public ScheduleControlAdapter(ScheduleStore store, ScheduleRunner runner, ScheduleHistory runs,
			ScheduleSettings settings, AuditLog audit, Clock clock) {
		this.clock = clock;
		this.store = store;
		this.runner = runner;
		this.runs = runs;
		this.settings = settings;
		this.audit = audit;
	}

	@Override
	public List<ScheduleState> list() {
		List<ScheduleState> states = new ArrayList<>();
		for (Map.Entry<ScheduleKind, Schedule> entry : this.settings.bySchedule().entrySet()) {
			states.add(state(entry.getKey()));
		}
		return states;
	}

	@Override
	public ScheduleState pause(Actor actor, String name, boolean pause) {
		try {
			ScheduleKind kind = kind(name);
			try {
				if (this.store.pause(actor, kind, pause).isEmpty()) {
					throw new Refused(Refused.Reason.NOT_STORED, kind.id()
							+ " is not in the shared store yet: a node registers it when cardops serve starts");
				}
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException("the schedule store failed", ex);
			}
			return state(kind);
		}
		catch (Refused ex) {
			recordRefusal(actor, pause ? "schedule.pause" : "schedule.resume", name, ex.getMessage());
			throw ex;
		}
	}

	@Override
	public TriggerAccepted trigger(Actor actor, String name, LocalDate date) {
		try {
			return start(actor, name, date);
		}
		catch (Refused ex) {
			recordRefusal(actor, "schedule.trigger", name, "date=" + date + ": " + ex.getMessage());
			throw ex;
		}
	}

	@Override
	public void recordRefusal(Actor actor, String action, String name, String reason) {
		this.audit.record(actor, action, name, REFUSED, reason);
	}

	private TriggerAccepted start(Actor actor, String name, LocalDate date) {
		ScheduleKind kind = kind(name);
		Optional<String> outOfRange = TriggerDates.outOfRange(kind, date, this.clock);
		if (outOfRange.isPresent()) {
			throw new Refused(Refused.Reason.OUT_OF_RANGE, outOfRange.get());
		}
		if (kind == ScheduleKind.OPEN_RENEWAL && date.isBefore(AcademicCalendar.renewalWindowOpens(date.getYear()))) {
			throw new Refused(Refused.Reason.BAD_DATE, "open-renewal opens the renewal window on or after July 30 of"
					+ " its year: " + date + " is before " + AcademicCalendar.renewalWindowOpens(date.getYear()));
		}
		String key = kind.id() + " " + date;
		if (this.runs.inProgress(kind, date) || !this.accepted.add(key)) {
			throw new Refused(Refused.Reason.IN_PROGRESS,
					"a run of " + kind.id() + " for " + date + this.runs.named(kind, date) + " is already in progress");
		}
		try {
			// Recorded before the run starts, so the log reads in order: accepted, then
			// how the run ended.
			this.audit.record(actor, "schedule.trigger", kind.id(), "ACCEPTED", "date=" + date);
			this.triggers.execute(() -> {
				try {
					run(actor, kind, date);
				}
				finally {
					this.accepted.remove(key);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.accepted.remove(key);
			throw new IllegalStateException("the node is stopping", ex);
		}
		catch (RuntimeException ex) {
			this.accepted.remove(key);
			throw ex;
		}
		return new TriggerAccepted(kind.id(), date);
	}

	/**
	 * Runs the schedule and writes its outcome to the audit log, as the command line
	 * does.
	 */
	private void run(Actor actor, ScheduleKind kind, LocalDate date) {
		try {
			ScheduleResult result = this.runner.run(kind, date, SOURCE, false, (step) -> {
			});
			this.audit.record(actor, "schedule.trigger", kind.id(), result.outcome(),
					"date=" + date + ((result.runId() != null) ? " run=" + result.runId() : "")
							+ ((result.failedStep() != null) ? " failed_step=" + result.failedStep() : ""));
		}
		catch (RuntimeException ex) {
			// The runner's own failure (the database went away): recorded when the
			// database still takes it. The log names the failure's kind, never its text.
			logger.error("{} for {} triggered by {} failed: {}", kind.id(), date, actor.account(),
					ex.getClass().getSimpleName());
			try {
				this.audit.record(actor, "schedule.trigger", kind.id(), AuditLog.FAILED, "date=" + date);
			}
			catch (RuntimeException unrecorded) {
				logger.error("the trigger's failure could not be audited: {}", unrecorded.getClass().getSimpleName());
			}
		}
	}

	private ScheduleState state(ScheduleKind kind) {
		Schedule configured = this.settings.bySchedule().get(kind);
		LastRun last = this.runs.last(kind).map(this::lastRun).orElse(null);
		Optional<Stored> stored;
		try {
			stored = this.store.stored(kind);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("the schedule store failed", ex);
		}
		if (stored.isEmpty()) {
			return new ScheduleState(kind.id(), null, configured.zone().getId(), "NONE", null, null, last);
		}
		Stored trigger = stored.get();
		ZoneId zone = trigger.zone();
		// Quartz keeps a paused trigger's next fire time, but it will not fire then: a
		// paused schedule has no next firing until it is resumed.
		boolean fires = trigger.nextFire() != null && trigger.state() != TriggerState.PAUSED;
		return new ScheduleState(kind.id(), trigger.cron(), zone.getId(), trigger.state().name(),
				(trigger.misfire() != null) ? trigger.misfire().name() : null,
				fires ? ZonedDateTime.ofInstant(trigger.nextFire(), zone).toOffsetDateTime() : null, last);
	}

	private LastRun lastRun(ScheduleRun run) {
		// (its times in the business zone, as the runs show them)
		return new LastRun(run.runId(), run.businessDate(), run.source(), run.status(), run.failedStep(),
				run.startedAt(), run.finishedAt());
	}

	private static ScheduleKind kind(String name) {
		return ScheduleKind.of(name)
			.orElseThrow(() -> new Refused(Refused.Reason.UNKNOWN, "no schedule named " + VisibleText.masked(name)
					+ " (known: nightly-chain, open-renewal, expire-cards)"));
	}

	@Override
	public void destroy() {
		this.triggers.shutdown();
	}

}
