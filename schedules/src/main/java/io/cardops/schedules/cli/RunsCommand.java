package io.cardops.schedules.cli;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.money.Money;
import io.cardops.jobs.JobName;
import io.cardops.jobs.settle.SettlementHistory;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.JobRunRepository.RunListing;
import io.cardops.schedules.lean.LeanApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops runs}: the recent job runs with status, parameters, counts and duration,
 * then the settlement versions published with each file's totals and SHA-256.
 */
@Command(name = "runs", description = "Lists the recent job runs.", mixinStandardHelpOptions = true)
final class RunsCommand implements Callable<Integer> {

	/**
	 * Always with its seconds: {@code LocalDateTime.toString()} leaves them out when they
	 * are zero, and a chain fired at 03:00 starts its first jobs on the minute.
	 */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Session session;

	@Option(names = "--limit", defaultValue = "20", description = "how many runs, at least 1 (default 20)")
	private int limit;

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
		try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
			JobRunRepository repository = context.getBean(JobRunRepository.class);
			List<RunListing> runs = repository.recent(this.limit);
			if (runs.isEmpty()) {
				this.session.out().println("no runs yet");
				return 0;
			}
			this.session.out()
				.printf("%-6s %-14s %-9s %-19s %9s  %s%n", "id", "job", "status", "started", "duration",
						"parameters / counts");
			for (RunListing run : runs) {
				JobName name = JobName.ofBatchName(run.batchJobName());
				String status = (run.outcome() != null) ? run.outcome() : run.batchStatus();
				if (status.equals("STARTED") && run.owner() != null && !repository.ownerAlive(run.owner())) {
					// Its process was killed: the next run of the same command restarts
					// it.
					status = "DIED";
				}
				String started = (run.startTime() != null) ? run.startTime().format(TIME) : "";
				String duration = (run.startTime() != null && run.endTime() != null)
						? formatDuration(Duration.between(run.startTime(), run.endTime())) : "";
				String summary = (run.summary() != null) ? run.summary().replace('\n', ' ').strip() : "";
				this.session.out()
					.printf("%-6d %-14s %-9s %-19s %9s  %s%n", run.executionId(),
							(name != null) ? name.command() : run.batchJobName(), status, started, duration,
							((run.businessKey() != null) ? run.businessKey() : "") + " | " + summary);
			}
			printSettlements(context.getBean(SettlementHistory.class).recent(this.limit));
			return 0;
		}
	}

	private void printSettlements(List<SettlementHistory.Version> versions) {
		if (versions.isEmpty()) {
			return;
		}
		this.session.out().println();
		this.session.out().println("settlement versions (newest first; earlier versions are kept)");
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
