package io.cardops.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.money.Money;
import io.cardops.jobs.JobName;
import io.cardops.jobs.progress.RunProgressRepository.Progress;
import io.cardops.jobs.settle.SettlementHistory;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.JobRunRepository.RunListing;
import io.cardops.jobs.support.JobRunRepository.RunQuery;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.app.lean.LeanApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops runs [--job NAME] [--status STATUS] [--date YYYY-MM-DD] [--limit N]}:
 * the recent job runs with status, parameters, counts and duration (a running or dead run
 * with its current or last step and that step's counts so far), then the settlement
 * versions published with each file's totals and SHA-256. Times are Asia/Shanghai.
 */
@Command(name = "runs", description = "Lists the recent job runs (times in Asia/Shanghai).",
		mixinStandardHelpOptions = true)
final class RunsCommand implements Callable<Integer> {

	/**
	 * Always with its seconds: {@code LocalDateTime.toString()} leaves them out when they
	 * are zero, and a chain fired at 03:00 starts its first jobs on the minute.
	 */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	/** A run that is neither running nor dead, nor reported an outcome, shows this. */
	private static final List<String> BATCH_STATUSES = List.of("STOPPED", "ABANDONED", "UNKNOWN");

	/** What {@code --status} takes: the outcomes, then the states of a run not ended. */
	static final List<String> STATUSES = java.util.stream.Stream
		.of(Arrays.stream(RunOutcome.values()).map(Enum::name), java.util.stream.Stream.of("RUNNING", "DIED"),
				BATCH_STATUSES.stream())
		.flatMap((names) -> names)
		.toList();

	/**
	 * Spring Batch's statuses of an execution not ended: RUNNING or DIED by its owner.
	 */
	private static final List<String> UNENDED = List.of("STARTING", "STARTED", "STOPPING");

	private final Session session;

	@Option(names = "--limit", defaultValue = "20", description = "how many runs, at least 1 (default 20)")
	private int limit;

	@Option(names = "--job", paramLabel = "NAME",
			description = "only this job: roster-import, card-events, reconcile, settle, expire-cards, open-renewal")
	private String job;

	@Option(names = "--status", paramLabel = "STATUS",
			description = "only runs with this status: COMPLETED, NOOP, REJECTED, HELD, FAILED, RUNNING, DIED,"
					+ " STOPPED, ABANDONED, UNKNOWN")
	private String status;

	@Option(names = "--date", paramLabel = "YYYY-MM-DD",
			description = "only runs for this business date (a roster import's: the date in its file name)")
	private String date;

	RunsCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() {
		if (this.limit < 1) {
			// Zero listed nothing and said "no runs yet"; a negative limit reached the
			// database and failed with its error (exit 1).
			throw new GlobalOptions.UsageException("--limit must be at least 1, not " + this.limit);
		}
		JobName name = job(this.job);
		String wanted = status(this.status);
		LocalDate day = (this.date != null) ? DateJobCommand.parseDate("--date", this.date) : null;
		boolean unended = wanted != null && (wanted.equals("RUNNING") || wanted.equals("DIED"));
		try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
			JobRunRepository repository = context.getBean(JobRunRepository.class);
			LocalDateTime now = LocalDateTime.now(context.getBean(Clock.class));
			// Running or dead is told apart here, not in the database: those runs are
			// fetched whole (there are few) and filtered.
			List<RunListing> runs = repository
				.recent(new RunQuery((name != null) ? name.batchName() : null, day,
						(wanted == null) ? List.of() : unended ? UNENDED : List.of(wanted), unended ? 0 : this.limit))
				.stream()
				.filter((run) -> wanted == null || wanted.equals(status(repository, run)))
				.limit(this.limit)
				.toList();
			if (runs.isEmpty()) {
				this.session.out()
					.println((name == null && wanted == null && day == null) ? "no runs yet" : "no runs match");
			}
			else {
				print(repository, runs, now);
			}
			if (wanted == null && (name == null || name == JobName.SETTLE)) {
				printSettlements(context.getBean(SettlementHistory.class).recent(day, this.limit));
			}
			return 0;
		}
	}

	private void print(JobRunRepository repository, List<RunListing> runs, LocalDateTime now) {
		this.session.out()
			.printf("%-6s %-14s %-9s %-23s %9s  %s%n", "id", "job", "status", "started (" + AcademicCalendar.ZONE + ")",
					"duration", "parameters / counts");
		for (RunListing run : runs) {
			JobName name = JobName.ofBatchName(run.batchJobName());
			String status = status(repository, run);
			String started = (run.startTime() != null) ? run.startTime().format(TIME) : "";
			String duration = "";
			if (run.startTime() != null && run.endTime() != null) {
				duration = formatDuration(Duration.between(run.startTime(), run.endTime()));
			}
			else if (run.startTime() != null && status.equals("RUNNING")) {
				duration = formatDuration(Duration.between(run.startTime(), now));
			}
			String summary = (run.summary() != null) ? run.summary().replace('\n', ' ').strip() : "";
			if (run.outcome() == null && run.progress() != null) {
				summary = progress(run.progress());
			}
			this.session.out()
				.printf("%-6d %-14s %-9s %-23s %9s  %s%n", run.executionId(),
						(name != null) ? name.command() : run.batchJobName(), status, started, duration,
						((run.businessKey() != null) ? run.businessKey() : "") + " | " + summary);
		}
	}

	/**
	 * What a run without a reported outcome had done: its current step (or the last one
	 * its process reached) and that step's counts, as its process last wrote them.
	 */
	private static String progress(Progress progress) {
		return "step " + progress.step() + (progress.counts().isEmpty() ? "" : ": " + progress.counts()) + " (as of "
				+ progress.updatedAt().atZoneSameInstant(AcademicCalendar.ZONE).format(CLOCK) + ")";
	}

	/**
	 * A run's status: the outcome it reported; else, while Spring Batch has it running,
	 * RUNNING or DIED by whether its process is alive (the same test as the restart's);
	 * else Spring Batch's status.
	 */
	private static String status(JobRunRepository repository, RunListing run) {
		if (run.outcome() != null) {
			return run.outcome();
		}
		if (!UNENDED.contains(run.batchStatus())) {
			return run.batchStatus();
		}
		boolean alive = (run.owner() != null) ? repository.ownerAlive(run.owner())
				: !repository.unregisteredAbandoned(run.createTime());
		// A dead run shows DIED until the same command restarts it; it then shows FAILED.
		return alive ? "RUNNING" : "DIED";
	}

	private static JobName job(String text) {
		if (text == null) {
			return null;
		}
		return Arrays.stream(JobName.values())
			.filter((name) -> name.command().equals(text))
			.findFirst()
			.orElseThrow(() -> new GlobalOptions.UsageException("--job must be one of "
					+ Arrays.stream(JobName.values()).map(JobName::command).collect(Collectors.joining(", ")) + ", not "
					+ text));
	}

	private static String status(String text) {
		if (text == null) {
			return null;
		}
		String status = text.toUpperCase(Locale.ROOT);
		if (!STATUSES.contains(status)) {
			throw new GlobalOptions.UsageException(
					"--status must be one of " + String.join(", ", STATUSES) + ", not " + text);
		}
		return status;
	}

	private void printSettlements(List<SettlementHistory.Version> versions) {
		if (versions.isEmpty()) {
			return;
		}
		this.session.out().println();
		this.session.out()
			.println("settlement versions (newest first; earlier versions are kept; times " + AcademicCalendar.ZONE
					+ ")");
		for (SettlementHistory.Version version : versions) {
			this.session.out()
				.printf("%s  v%d  published %s by run %d, %d files%n", version.clearingDate(), version.version(),
						version.publishedAt().atZoneSameInstant(AcademicCalendar.ZONE).format(TIME),
						version.executionId(), version.files().size());
			for (SettlementHistory.File file : version.files()) {
				String figures = (file.direction() != null)
						? String.format("%-8s items=%d gross=%s deductions=%s net=%s %s", file.role(), file.items(),
								Money.yuan(file.grossFen()), Money.yuan(file.deductionsFen()),
								Money.yuan(file.netFen()), file.direction())
						: String.format("%-8s records=%d", file.role(), file.records());
				this.session.out().printf("    %-36s %s sha256=%s%n", file.name(), figures, file.sha256());
			}
		}
	}

	private static String formatDuration(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 60_000) ? String.format("%.1fs", millis / 1000.0)
				: String.format("%dm%02ds", millis / 60_000, (millis / 1000) % 60);
	}

}
