package io.cardops.schedules.cli;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;

import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.support.RunOutcome;
import io.cardops.schedules.lean.LeanSchedulerApplication;
import io.cardops.schedules.schedule.ScheduleKind;
import io.cardops.schedules.schedule.ScheduleRegistrar;
import io.cardops.schedules.schedule.ScheduleResult;
import io.cardops.schedules.schedule.ScheduleRunRepository;
import io.cardops.schedules.schedule.ScheduleRunRepository.ScheduleRun;
import io.cardops.schedules.schedule.ScheduleRunner;
import io.cardops.schedules.schedule.ScheduleSettings;
import io.cardops.schedules.schedule.ScheduleSettings.Schedule;
import io.cardops.schedules.schedule.StepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cardops schedules [pause NAME | resume NAME | trigger NAME --date D]}: lists and
 * steers the schedules through the shared Quartz store, with or without a running
 * {@code serve}. Each invocation first brings the store in line with the configuration
 * (as {@code serve} does at start-up).
 */
@Command(name = "schedules", description = "Lists the schedules; pause, resume or trigger one.",
		mixinStandardHelpOptions = true)
final class SchedulesCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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
		try (ConfigurableApplicationContext context = open(this.session)) {
			list(this.session, context);
			return 0;
		}
	}

	static ConfigurableApplicationContext open(Session session) throws SchedulerException {
		ConfigurableApplicationContext context = session.openLean(LeanSchedulerApplication.class);
		try {
			context.getBean(ScheduleRegistrar.class).register().forEach((change) -> session.err().println(change));
			return context;
		}
		catch (SchedulerException | RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	static ScheduleKind kind(String name) {
		return ScheduleKind.of(name)
			.orElseThrow(() -> new GlobalOptions.UsageException(
					"no schedule named " + name + " (known: nightly-chain, open-renewal, expire-cards)"));
	}

	static void list(Session session, ConfigurableApplicationContext context) throws SchedulerException {
		Scheduler scheduler = context.getBean(Scheduler.class);
		ScheduleRunRepository runs = context.getBean(ScheduleRunRepository.class);
		Map<ScheduleKind, Schedule> schedules = context.getBean(ScheduleSettings.class).bySchedule();
		session.out()
			.printf("%-14s %-22s %-14s %-20s %-7s %-14s %s%n", "schedule", "cron", "zone", "next fire", "state",
					"misfire", "last run");
		for (Map.Entry<ScheduleKind, Schedule> entry : schedules.entrySet()) {
			ScheduleKind kind = entry.getKey();
			Trigger trigger = scheduler.getTrigger(ScheduleRegistrar.triggerKey(kind));
			String cron = (trigger instanceof CronTrigger cronTrigger) ? cronTrigger.getCronExpression()
					: entry.getValue().cron();
			String next = "";
			if (trigger != null && trigger.getNextFireTime() != null) {
				next = format(trigger.getNextFireTime(), entry.getValue());
			}
			String state = (trigger != null) ? scheduler.getTriggerState(trigger.getKey()).name() : "NONE";
			session.out()
				.printf("%-14s %-22s %-14s %-20s %-7s %-14s %s%n", kind.id(), cron, entry.getValue().zone(), next,
						state, entry.getValue().misfire(),
						runs.last(kind).map((run) -> describe(runs, run)).orElse("never"));
		}
	}

	private static String format(Date date, Schedule schedule) {
		return ZonedDateTime.ofInstant(date.toInstant(), schedule.zone()).format(TIME);
	}

	private static String describe(ScheduleRunRepository runs, ScheduleRun run) {
		String outcome = run.outcome();
		if (outcome == null) {
			outcome = runs.ownerAlive(run) ? "RUNNING" : "DIED";
		}
		StringBuilder text = new StringBuilder().append(run.businessDate()).append(' ').append(outcome);
		if (run.failedStep() != null) {
			text.append(" at ").append(run.failedStep());
		}
		text.append(" (run ")
			.append(run.runId())
			.append(", ")
			.append(run.source().toLowerCase(java.util.Locale.ROOT))
			.append(", started ")
			.append(run.startedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).format(TIME))
			.append(')');
		return text.toString();
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
			try (ConfigurableApplicationContext context = open(this.session)) {
				Scheduler scheduler = context.getBean(Scheduler.class);
				if (this.pause) {
					scheduler.pauseTrigger(ScheduleRegistrar.triggerKey(kind));
				}
				else {
					scheduler.resumeTrigger(ScheduleRegistrar.triggerKey(kind));
				}
				this.session.out()
					.println(kind.id() + ": " + scheduler.getTriggerState(ScheduleRegistrar.triggerKey(kind)));
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
				ScheduleResult result = context.getBean(ScheduleRunner.class).run(kind, day, "CLI", false, this::print);
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
