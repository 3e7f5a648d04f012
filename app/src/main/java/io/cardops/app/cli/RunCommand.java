package io.cardops.app.cli;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.JobRunner;
import io.cardops.readers.roster.RosterFileName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops run <job> ...}: runs one job and prints its summary line.
 */
@Command(name = "run", description = "Runs one job.", mixinStandardHelpOptions = true)
final class RunCommand implements Runnable {

	private RunCommand() {
	}

	static CommandLine create(Session session) {
		CommandLine run = new CommandLine(new RunCommand());
		run.addSubcommand(new RosterImport(session));
		for (JobName job : new JobName[] { JobName.CARD_EVENTS, JobName.RECONCILE, JobName.SETTLE, JobName.EXPIRE_CARDS,
				JobName.OPEN_RENEWAL }) {
			run.addSubcommand(job.command(), switch (job) {
				case RECONCILE -> new Reconcile(session);
				case EXPIRE_CARDS, OPEN_RENEWAL -> new CalendarJob(session, job);
				default -> new DateJobCommand(session, job);
			});
			// (one command class serves several jobs: each says what it does, as cli.md)
			run.getSubcommands().get(job.command()).getCommandSpec().usageMessage().description(switch (job) {
				case CARD_EVENTS -> "Applies the card-event files of a clearing date.";
				case RECONCILE -> "Reconciles the tap, recharge and payment files of a clearing date.";
				case SETTLE -> "Publishes the settlement files of a clearing date.";
				case EXPIRE_CARDS -> "Expires the cards whose validity ended before a date.";
				default -> "Opens a year's renewal window and publishes the eligibility lists.";
			});
		}
		return run;
	}

	@Override
	public void run() {
		throw new GlobalOptions.UsageException(
				"run needs a job: roster-import, card-events, reconcile, settle," + " expire-cards, open-renewal");
	}

	/**
	 * {@code cardops run expire-cards|open-renewal --date YYYY-MM-DD [--force]}: the
	 * calendar's jobs, refused for a date after today (Asia/Shanghai) unless forced, as
	 * the board and {@code schedules trigger} refuse it (TriggerDates). An expiry run
	 * early expires the cards still valid until the day before it, and a renewal window
	 * opened early publishes lists judged on today's rosters for the whole season; the
	 * scheduler runs both on their day, so a date to come typed by hand is almost always
	 * a mistyped year. {@code --force} is for the rare run meant ahead of its night (a
	 * drill on a copy of the data).
	 */
	@Command(mixinStandardHelpOptions = true)
	static final class CalendarJob extends DateJobCommand {

		private final JobName job;

		@Option(names = "--force", description = "run it for a date after today (Asia/Shanghai) anyway")
		private boolean force;

		CalendarJob(Session session, JobName job) {
			super(session, job);
			this.job = job;
		}

		@Override
		void checkAhead(LocalDate day, Clock clock) {
			LocalDate today = LocalDate.now(clock.withZone(AcademicCalendar.ZONE));
			if (!this.force && day.isAfter(today)) {
				throw new GlobalOptions.UsageException(this.job.command() + " --date " + day + " is after today ("
						+ today + ", Asia/Shanghai): "
						+ ((this.job == JobName.EXPIRE_CARDS) ? "an expiry run early expires cards that are still valid"
								: "a renewal window opened early publishes lists judged on today's rosters")
						+ "; the schedule runs it on its day. Add --force to run it for " + day + " anyway");
			}
		}

	}

	/**
	 * {@code cardops run reconcile --date YYYY-MM-DD [--partitions local|remote]}.
	 */
	@Command(mixinStandardHelpOptions = true)
	static final class Reconcile extends DateJobCommand {

		private final Session session;

		@Option(names = "--partitions", paramLabel = "local|remote",
				description = "where the judging's partitions run: threads of this process (local), or"
						+ " `cardops worker` processes through RabbitMQ (remote, PostgreSQL only);"
						+ " default: the setting cardops.partitions.mode, else local")
		private String partitions;

		Reconcile(Session session) {
			super(session, JobName.RECONCILE);
			this.session = session;
		}

		@Override
		Map<String, Object> settings() {
			if (this.partitions == null) {
				return Map.of();
			}
			if (!List.of("local", "remote").contains(this.partitions)) {
				throw new GlobalOptions.UsageException("--partitions must be local or remote, not " + this.partitions);
			}
			if (this.partitions.equals("remote") && this.session.embedded()) {
				throw new GlobalOptions.UsageException("--partitions remote needs PostgreSQL (--db): worker processes"
						+ " cannot share the embedded database; leave it out to judge on this machine's threads");
			}
			return Map.of("cardops.partitions.mode", this.partitions);
		}

	}

	/**
	 * {@code cardops run roster-import --file F [--institution CODE] [--charset UTF-8|GB18030] [--force]}.
	 */
	@Command(name = "roster-import", description = "Imports one roster snapshot.", mixinStandardHelpOptions = true)
	static final class RosterImport implements Callable<Integer> {

		private static final List<String> CHARSETS = List.of("UTF-8", "GB18030");

		private final Session session;

		@Option(names = "--file", required = true, paramLabel = "F", description = "the roster file")
		private Path file;

		@Option(names = "--institution", paramLabel = "CODE",
				description = "the institution (default: from the file name)")
		private String institution;

		@Option(names = "--charset", paramLabel = "UTF-8|GB18030", defaultValue = "UTF-8",
				description = "the charset the upload declared (default UTF-8)")
		private String charset;

		@Option(names = "--force",
				description = "apply even when more than the allowed share of eligible students would be dropped")
		private boolean force;

		RosterImport(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			RosterImportRequest request = request();
			try (ConfigurableApplicationContext context = this.session.open()) {
				JobRunner.RunResult result = context.getBean(JobRunner.class)
					.run(JobName.ROSTER_IMPORT, request.toParameters());
				return RunReport.print(this.session, JobName.ROSTER_IMPORT, request.fileDate(), result);
			}
		}

		private RosterImportRequest request() {
			String declared = this.charset.toUpperCase(Locale.ROOT);
			if (!CHARSETS.contains(declared)) {
				throw new GlobalOptions.UsageException("--charset must be UTF-8 or GB18030, not " + this.charset);
			}
			if (this.file.toString().isBlank()) {
				throw new GlobalOptions.UsageException("--file is empty: give the roster file's path");
			}
			if (Files.isDirectory(this.file)) {
				throw new GlobalOptions.UsageException("--file " + this.file + " is a directory, not a file");
			}
			if (!Files.exists(this.file)) {
				throw new GlobalOptions.UsageException("roster file not found: " + this.file);
			}
			if (!Files.isReadable(this.file)) {
				throw new GlobalOptions.UsageException("--file " + this.file + " cannot be read (permission)");
			}
			RosterFileName name = RosterFileName.parse(this.file)
				.orElseThrow(() -> new GlobalOptions.UsageException(
						this.file.getFileName() + ": a roster file name must be roster_<INSTITUTION>_<YYYYMMDD>.csv"));
			if (this.institution != null && !this.institution.equals(name.institution())) {
				throw new GlobalOptions.UsageException("--institution " + this.institution
						+ " does not match the file name's institution " + name.institution());
			}
			return new RosterImportRequest(this.file, name.institution(), name.date(), Charset.forName(declared),
					this.force);
		}

	}

}
