package io.cardops.app.cli;

import java.time.Duration;
import java.time.LocalDate;
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
import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.runs.RunFilter;
import io.cardops.jobs.runs.RunView;
import io.cardops.jobs.runs.StepView;
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

	/** What {@code --status} takes: the outcomes, then the states of a run not ended. */
	static final List<String> STATUSES = JobRuns.STATUSES;

	private final Session session;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
			description = "how many runs, at least 1 (default 20)")
	private int limit;

	@Option(names = "--job", paramLabel = "NAME",
			description = "only this job: roster-import, card-events, reconcile, settle, expire-cards, open-renewal,"
					+ " nightly-chain")
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
		try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
			List<RunView> runs = context.getBean(JobRuns.class)
				.recent(new RunFilter(name, wanted, day, this.limit), true);
			if (runs.isEmpty()) {
				this.session.out()
					.println((name == null && wanted == null && day == null) ? "no runs yet" : "no runs match");
			}
			else {
				print(runs);
			}
			if (wanted == null && (name == null || name == JobName.SETTLE)) {
				printSettlements(context.getBean(SettlementHistory.class).recent(day, this.limit));
			}
			return 0;
		}
	}

	private void print(List<RunView> runs) {
		this.session.out()
			.printf("%-6s %-14s %-9s %-23s %9s  %s%n", "id", "job", "status", "started (" + AcademicCalendar.ZONE + ")",
					"duration", "parameters / counts");
		for (RunView run : runs) {
			String started = (run.startedAt() != null) ? run.startedAt().format(TIME) : "";
			String duration = (run.duration() != null) ? formatDuration(run.duration()) : "";
			String summary = (run.summary() != null) ? run.summary() : "";
			if (run.progress() != null) {
				summary = progress(run.progress());
			}
			this.session.out()
				.printf("%-6d %-14s %-9s %-23s %9s  %s%n", run.id(), run.jobCommand(), run.status(), started, duration,
						((run.businessKey() != null) ? run.businessKey() : "") + " | " + summary);
			if (run.job() == JobName.NIGHTLY_CHAIN && run.steps() != null && !run.steps().isEmpty()) {
				// The chain's steps are the nightly jobs; each also shows as a run of
				// its own.
				this.session.out()
					.printf("%-6s steps: %s%n", "",
							run.steps().stream().map(RunsCommand::step).collect(Collectors.joining(", ")));
			}
		}
	}

	private static String step(StepView step) {
		Duration took = (step.startedAt() != null && step.endedAt() != null)
				? Duration.between(step.startedAt(), step.endedAt()) : null;
		return step.name() + " " + step.status() + ((took != null) ? " " + formatDuration(took) : "");
	}

	/**
	 * What a run without a reported outcome had done: its current step (or the last one
	 * its process reached) and that step's counts, as its process last wrote them.
	 */
	private static String progress(Progress progress) {
		return "step " + progress.step() + (progress.counts().isEmpty() ? "" : ": " + progress.counts()) + " (as of "
				+ progress.updatedAt().atZoneSameInstant(AcademicCalendar.ZONE).format(CLOCK) + ")";
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
				.printf("%s  v%d  published %s by run %d, %d %s%n", version.clearingDate(), version.version(),
						version.publishedAt().atZoneSameInstant(AcademicCalendar.ZONE).format(TIME),
						version.executionId(), version.files().size(),
						(version.files().size() == 1) ? "file" : "files");
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
