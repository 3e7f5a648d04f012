package io.cardops.app.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.quartz.SchedulerException;
import org.quartz.Trigger.TriggerState;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.app.ops.TriggerDates;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.app.lean.LeanSchedulerApplication;
import io.cardops.schedules.schedule.ScheduleKind;
import io.cardops.schedules.schedule.ScheduleResult;
import io.cardops.schedules.schedule.ScheduleHistory;
import io.cardops.schedules.schedule.ScheduleHistory.ScheduleRun;
import io.cardops.schedules.schedule.ScheduleRunner;
import io.cardops.schedules.schedule.ScheduleSettings;
import io.cardops.schedules.schedule.ScheduleSettings.Schedule;
import io.cardops.schedules.schedule.ScheduleStore;
import io.cardops.schedules.schedule.ScheduleStore.Stored;
import io.cardops.schedules.schedule.StepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cardops schedules [pause NAME | resume NAME | set-cron NAME EXPR | trigger NAME
 * --date D]}: lists and steers the schedules through the shared Quartz store, with or
 * without a running {@code serve}.
 *
 * <p>
 * The listing shows what the store holds and changes nothing; where this process's
 * configuration differs, it says so and leaves it unapplied (a node applies its own
 * settings when it starts). Each other subcommand changes only what it names, and is
 * written to the audit log with the OS user and host.
 */
@Command(name = "schedules", description = "Lists the schedules as stored; pause, resume, set-cron or trigger one.",
		mixinStandardHelpOptions = true)
final class SchedulesCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final String ROW = "%-14s %-22s %-14s %-20s %-7s %-14s %s%n";

	private final Session session;

	private SchedulesCommand(Session session) {
		this.session = session;
	}

	static CommandLine create(Session session) {
		CommandLine schedules = new CommandLine(new SchedulesCommand(session));
		schedules.addSubcommand("pause",
				described(new Pause(session, true), "Pauses a schedule on every node: it stops firing until resumed."));
		schedules.addSubcommand("resume", described(new Pause(session, false),
				"Resumes a paused schedule (a firing missed meanwhile follows its misfire policy)."));
		schedules.addSubcommand(new SetCron(session));
		schedules.addSubcommand(new TriggerNow(session));
		return schedules;
	}

	private static CommandLine described(Object command, String description) {
		CommandLine line = new CommandLine(command);
		line.getCommandSpec().usageMessage().description(description);
		return line;
	}

	@Override
	public Integer call() throws SchedulerException {
		try (ConfigurableApplicationContext context = this.session.openLean(LeanSchedulerApplication.class)) {
			list(this.session, context);
			return 0;
		}
	}

	static ScheduleKind kind(String name) {
		return ScheduleKind.of(name)
			.orElseThrow(() -> new GlobalOptions.UsageException(
					"no schedule named " + name + " (known: nightly-chain, open-renewal, expire-cards)"));
	}

	/**
	 * Prints each schedule as the shared store holds it, and under it how this process's
	 * configuration differs, if it does.
	 */
	static void list(Session session, ConfigurableApplicationContext context) throws SchedulerException {
		ScheduleStore store = context.getBean(ScheduleStore.class);
		ScheduleHistory runs = context.getBean(ScheduleHistory.class);
		Map<ScheduleKind, Schedule> schedules = context.getBean(ScheduleSettings.class).bySchedule();
		session.out().printf(ROW, "schedule", "cron", "zone", "next fire", "state", "misfire", "last run");
		for (Map.Entry<ScheduleKind, Schedule> entry : schedules.entrySet()) {
			ScheduleKind kind = entry.getKey();
			Schedule configured = entry.getValue();
			String last = runs.last(kind).map(SchedulesCommand::describe).orElse("never");
			Optional<Stored> stored = store.stored(kind);
			if (stored.isEmpty()) {
				session.out().printf(ROW, kind.id(), "-", "-", "-", "NONE", "-", last);
				session.out()
					.println("  not in the shared store yet: a node registers it when cardops serve starts (configured"
							+ " here: " + configured.cron() + " " + configured.zone() + " " + configured.misfire()
							+ "), or use schedules set-cron " + kind.id() + " EXPR");
				continue;
			}
			Stored trigger = stored.get();
			// A paused schedule does not fire (Quartz keeps a next time all the same), as
			// the API and the board say.
			String next = (trigger.state() == TriggerState.PAUSED) ? "- (paused)" : (trigger.nextFire() != null)
					? ZonedDateTime.ofInstant(trigger.nextFire(), trigger.zone()).format(TIME) : "";
			session.out()
				.printf(ROW, kind.id(), trigger.cron(), trigger.zone(), next, trigger.state(), trigger.misfire(), last);
			if (trigger.differsFrom(configured)) {
				session.out()
					.println("  configured here: " + difference(trigger, configured)
							+ " (not applied; serve applies its own settings, or use schedules set-cron)");
			}
		}
		// The chain's roster step reads each institution's uploads in its charset.
		context.getBean(CardopsProperties.class).roster().charset().forEach((institution, charset) -> {
			if (!charset.equals(StandardCharsets.UTF_8.name())) {
				session.out()
					.println("roster charset " + institution + ": " + charset + " (cardops.roster.charset."
							+ institution + "; every other institution's rosters are read as UTF-8)");
			}
		});
	}

	/** What this process's configuration says where it differs from the store. */
	private static String difference(Stored stored, Schedule configured) {
		StringBuilder text = new StringBuilder(configured.cron());
		if (!stored.zone().equals(configured.zone())) {
			text.append(", zone ").append(configured.zone());
		}
		if (stored.misfire() != configured.misfire()) {
			text.append(", misfire ").append(configured.misfire());
		}
		return text.toString();
	}

	private static String describe(ScheduleRun run) {
		StringBuilder text = new StringBuilder().append(run.businessDate()).append(' ').append(run.status());
		if (run.failedStep() != null) {
			text.append(" at ").append(run.failedStep());
		}
		text.append(" (run ")
			.append(run.runId())
			.append(", ")
			.append((run.source() != null) ? run.source().toLowerCase(java.util.Locale.ROOT) : "cardops run");
		if (run.startedAt() != null) {
			// (in the business zone, as cardops runs shows it)
			text.append(", started ").append(run.startedAt().format(TIME));
		}
		text.append(')');
		return text.toString();
	}

	/**
	 * Why a change cannot be made to a schedule that no node has stored yet.
	 */
	static String notStored(ScheduleKind kind) {
		return kind.id() + " is not in the shared store yet: a node registers it when cardops serve starts,"
				+ " or register it with cardops schedules set-cron " + kind.id() + " EXPR";
	}

	/**
	 * {@code schedules pause NAME} and {@code schedules resume NAME}.
	 */
	@Command(mixinStandardHelpOptions = true)
	static final class Pause implements Callable<Integer> {

		private final Session session;

		private final boolean pause;

		@Parameters(index = "0", paramLabel = "NAME", description = "nightly-chain, open-renewal or expire-cards")
		private String name;

		Pause(Session session, boolean pause) {
			this.session = session;
			this.pause = pause;
		}

		@Override
		public Integer call() throws SchedulerException {
			ScheduleKind kind = kind(this.name);
			try (ConfigurableApplicationContext context = this.session.openLean(LeanSchedulerApplication.class)) {
				Optional<TriggerState> state = context.getBean(ScheduleStore.class)
					.pause(Actor.commandLine(), kind, this.pause);
				if (state.isEmpty()) {
					this.session.err().println("cardops: " + notStored(kind));
					return 1;
				}
				this.session.out().println(kind.id() + ": " + state.get());
				return 0;
			}
		}

	}

	/**
	 * {@code schedules set-cron NAME EXPR}: the one way, besides a node's own settings at
	 * its start-up, to change when a schedule fires.
	 */
	@Command(name = "set-cron", mixinStandardHelpOptions = true,
			description = {
					"Gives a schedule a new Quartz cron expression (seconds first) in the shared store, for"
							+ " every node; its zone, misfire policy and pause stay as they are.",
					"A node started later with another configured cron puts its own back: change the nodes'"
							+ " configuration too." })
	static final class SetCron implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "nightly-chain, open-renewal or expire-cards")
		private String name;

		@Parameters(index = "1", paramLabel = "EXPR",
				description = "a Quartz cron expression in one argument, for example '0 0 2 * * ?'")
		private String cron;

		SetCron(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() throws SchedulerException {
			ScheduleKind kind = kind(this.name);
			String cron = this.cron.strip().replaceAll("\\s+", " ");
			ScheduleStore.syntaxProblem(cron).ifPresent((problem) -> {
				throw new GlobalOptions.UsageException("set-cron " + kind.id() + ": " + problem);
			});
			try (ConfigurableApplicationContext context = this.session.openLean(LeanSchedulerApplication.class)) {
				ScheduleStore store = context.getBean(ScheduleStore.class);
				ZoneId zone = store.stored(kind)
					.map(Stored::zone)
					.orElseGet(() -> context.getBean(ScheduleSettings.class).bySchedule().get(kind).zone());
				ScheduleStore.neverFires(cron, zone, context.getBean(Clock.class).instant()).ifPresent((problem) -> {
					throw new GlobalOptions.UsageException("set-cron " + kind.id() + ": " + problem);
				});
				ScheduleStore.CronChange change = store.setCron(Actor.commandLine(), kind, cron);
				Stored after = change.after();
				String next = (after.nextFire() != null)
						? ZonedDateTime.ofInstant(after.nextFire(), after.zone()).format(TIME) : "none";
				if (change.unchanged()) {
					this.session.out()
						.println(kind.id() + ": cron already " + after.cron() + " (" + after.zone()
								+ "); nothing changed, next fire " + next);
				}
				else {
					this.session.out()
						.println(kind.id() + ": cron " + change.before().map(Stored::cron).orElse("(not stored)")
								+ " -> " + after.cron() + " (" + after.zone() + ", misfire " + after.misfire()
								+ "), next fire " + next
								+ ((after.state() == TriggerState.PAUSED) ? ", still paused" : ""));
				}
				return 0;
			}
		}

	}

	/**
	 * {@code schedules trigger NAME --date D}: runs the schedule now, in this process,
	 * for that business date, printing each step's summary line.
	 */
	@Command(name = "trigger", mixinStandardHelpOptions = true,
			description = "Runs a schedule now, in this process, for the given business date.")
	static final class TriggerNow implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "nightly-chain, open-renewal or expire-cards")
		private String name;

		@Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
				description = "the business date (for the nightly chain: the clearing date)")
		private String date;

		TriggerNow(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			ScheduleKind kind = kind(this.name);
			LocalDate day = DateJobCommand.parseDate(this.date);
			if (kind == ScheduleKind.OPEN_RENEWAL) {
				DateJobCommand.checkRenewalDate(day);
			}
			try (ConfigurableApplicationContext context = this.session.open()) {
				Optional<String> outOfRange = TriggerDates.outOfRange(kind, day, context.getBean(Clock.class));
				if (outOfRange.isPresent()) {
					throw new GlobalOptions.UsageException(outOfRange.get());
				}
				AuditLog audit = context.getBean(AuditLog.class);
				ScheduleResult result;
				try {
					result = context.getBean(ScheduleRunner.class).run(kind, day, "CLI", false, this::print);
				}
				catch (RuntimeException ex) {
					// The runner's own failure (the database went away): recorded if the
					// database still takes it, then reported as any failure is.
					try {
						audit.record(Actor.commandLine(), "schedule.trigger", kind.id(), AuditLog.FAILED,
								"date=" + day + ": " + CardopsCli.rootMessage(ex));
					}
					catch (RuntimeException unrecorded) {
						ex.addSuppressed(unrecorded);
					}
					throw ex;
				}
				audit.record(Actor.commandLine(), "schedule.trigger", kind.id(), result.outcome(),
						"date=" + day + ((result.runId() != null) ? " run=" + result.runId() : "")
								+ ((result.failedStep() != null) ? " failed_step=" + result.failedStep() : ""));
				this.session.out()
					.println("schedule=" + kind.id() + " date=" + day + " status=" + result.outcome()
							+ ((result.failedStep() != null) ? " failed_step=" + result.failedStep() : "")
							+ ((result.runId() != null) ? " run=" + result.runId() : ""));
				if (result.completed()) {
					return 0;
				}
				if (result.steps().isEmpty() && result.message() != null) {
					this.session.err().println(result.message());
				}
				return 1;
			}
		}

		private void print(StepResult step) {
			if (step.message() != null && !step.message().isBlank()) {
				(step.outcome().exitCode() == 0 ? this.session.out() : this.session.err()).println(step.message());
			}
			this.session.out().println(step.line());
			if (step.outcome() == RunOutcome.REJECTED || step.outcome() == RunOutcome.HELD) {
				this.session.err().println("warning: " + step.step() + " " + step.outcome() + "; the chain goes on");
			}
		}

	}

}
