package io.cardops.schedules.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.cardops.jobs.support.Daemons;
import io.cardops.jobs.JobName;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.Failures;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.JobRunner.RunRefusedException;
import io.cardops.jobs.support.JobRunner.RunResult;
import io.cardops.jobs.support.RunLocks;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.readers.csv.InboundFileException;

/**
 * Runs a schedule for a business date, whoever asked (a Quartz trigger on any node, its
 * recovery after a node died, or {@code cardops schedules trigger}).
 *
 * <p>
 * A run first takes the guard of its schedule and date ({@code schedule_lock}), so the
 * chain for a date never runs twice at once. The nightly chain runs its steps in order,
 * each only after the one before completed: a step that fails stops the chain for that
 * date, is logged and counted, and shows in {@code cardops runs}. Running the chain again
 * (the next trigger, {@code schedules trigger}, or {@code cardops run} of the failed job)
 * restarts the failed job where it stopped: the jobs are idempotent, so the steps that
 * had completed only find nothing new. A rejected or held input (a bad roster, a partner
 * file refused whole) is reported but does not stop the chain; a missing inbox folder
 * fails the first step that reads it, rather than passing for a night without files.
 *
 * <p>
 * The nightly chain and the expiry then hold the card ledger's run lock
 * ({@link RunLocks#CARD_LEDGER}) from their first step to their last, waiting while a
 * live run of another date holds it: chains of different dates (on two nodes, a catch-up
 * of several nights, a trigger by hand) run one after the other, never step by step
 * interleaved, and no {@code cardops run} of card-events, reconcile or expire-cards gets
 * between the steps of a chain.
 */
@Service
public class ScheduleRunner {

	/**
	 * How long a recovering run waits for the dead owner of a guard to be seen as dead.
	 */
	static final Duration RECOVERY_WAIT = Duration.ofMinutes(3);

	/**
	 * How long a run waits for a run of another date to free the card ledger before it
	 * gives up (REFUSED): longer than any night's chain.
	 */
	static final Duration LEDGER_WAIT = Duration.ofHours(6);

	/** How often a waiting run tries the card ledger's lock again. */
	static final Duration LEDGER_POLL = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(ScheduleRunner.class);

	private final JobRunner jobs;

	private final ReferenceDataService reference;

	private final RosterArrivals rosters;

	private final ScheduleRunRepository runs;

	private final ScheduleSettings settings;

	private final CardopsProperties properties;

	private final MeterRegistry registry;

	private final RunLocks locks;

	private final DeskCases desk;

	private final Path errorLog;

	private final ScheduledExecutorService heartbeats = Daemons.timer("cardops-schedule-heartbeat");

	/**
	 * Creates the runner.
	 * @param jobs runs and restarts the jobs
	 * @param reference loads the reference data
	 * @param rosters finds the roster files to import
	 * @param runs records the runs and holds their guards
	 * @param settings the schedules' configuration
	 * @param properties the folders
	 * @param registry the meters
	 * @param locks what runs of different dates share
	 * @param desk tells which earlier dates a release on the exception desk left to
	 * settle again
	 * @param errorLog the log of unexpected failures' stack traces
	 */
	public ScheduleRunner(JobRunner jobs, ReferenceDataService reference, RosterArrivals rosters,
			ScheduleRunRepository runs, ScheduleSettings settings, CardopsProperties properties,
			ObjectProvider<MeterRegistry> registry, RunLocks locks, DeskCases desk,
			@Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog) {
		this.jobs = jobs;
		this.reference = reference;
		this.rosters = rosters;
		this.runs = runs;
		this.settings = settings;
		this.properties = properties;
		this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
		this.locks = locks;
		this.desk = desk;
		this.errorLog = errorLog;
	}

	/**
	 * Runs a schedule for a date.
	 * @param kind the schedule
	 * @param date the business date
	 * @param source what started it ({@code QUARTZ}, {@code RECOVERY}, {@code CLI})
	 * @param recovering whether this run takes over from a node that died: it then waits
	 * (up to three minutes) until the dead node's guard and job runs are seen as dead
	 * @param listener told of each step's result as soon as it is known
	 * @return how it ended
	 */
	public ScheduleResult run(ScheduleKind kind, LocalDate date, String source, boolean recovering,
			Consumer<StepResult> listener) {
		Optional<Long> started = this.runs.start(kind, date, source);
		long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
		while (started.isEmpty() && recovering && System.nanoTime() < deadline) {
			pause();
			started = this.runs.start(kind, date, source);
		}
		if (started.isEmpty()) {
			String message = "a run of " + kind.id() + " for " + date + " is already in progress; not started";
			logger.warn(message);
			count(kind, ScheduleResult.REFUSED);
			return new ScheduleResult(kind, date, null, ScheduleResult.REFUSED, null, List.of(), message);
		}
		long runId = started.get();
		logger.info("{} for {}: run {} started ({})", kind.id(), date, runId, source);
		ScheduledFuture<?> beating = this.heartbeats.scheduleAtFixedRate(() -> this.runs.heartbeat(runId), 15, 15,
				TimeUnit.SECONDS);
		List<StepResult> results = new ArrayList<>();
		Consumer<StepResult> record = (result) -> {
			results.add(result);
			logger.info("{} for {}: {}", kind.id(), date, result.line());
			listener.accept(result);
		};
		RunLocks.Held ledger = null;
		try {
			if (kind != ScheduleKind.OPEN_RENEWAL) {
				try {
					ledger = this.locks.await(RunLocks.CARD_LEDGER, kind.id(), date, LEDGER_WAIT, LEDGER_POLL);
				}
				catch (RunLocks.RunLockedException ex) {
					logger.warn(ex.getMessage());
					this.runs.finish(runId, ScheduleResult.REFUSED, null, ex.getMessage());
					count(kind, ScheduleResult.REFUSED);
					return new ScheduleResult(kind, date, runId, ScheduleResult.REFUSED, null, List.of(),
							ex.getMessage());
				}
				ledger.takenOver().ifPresent(logger::warn);
			}
			for (Step step : steps(kind)) {
				StepResult failed = step.run(date, record, recovering && deadline > System.nanoTime());
				if (failed != null) {
					return failed(kind, date, runId, step.name(), failed, results);
				}
			}
			this.runs.finish(runId, ScheduleResult.COMPLETED, null, detail(results));
			count(kind, ScheduleResult.COMPLETED);
			logger.info("{} for {}: run {} completed", kind.id(), date, runId);
			return new ScheduleResult(kind, date, runId, ScheduleResult.COMPLETED, null, results, null);
		}
		catch (RuntimeException ex) {
			// Not a step's failure but the runner's own (the database went away...):
			// recorded, then left to Quartz.
			this.runs.finish(runId, ScheduleResult.FAILED, null, ex.toString());
			count(kind, ScheduleResult.FAILED);
			throw ex;
		}
		finally {
			if (ledger != null) {
				ledger.close();
			}
			beating.cancel(false);
			this.runs.release(runId);
		}
	}

	private ScheduleResult failed(ScheduleKind kind, LocalDate date, long runId, String step, StepResult failed,
			List<StepResult> results) {
		String message = (failed.message() != null) ? failed.message() : failed.line();
		logger.error("{} for {}: step {} failed, the chain stops here: {} (restart: cardops schedules trigger {}"
				+ " --date {}, or wait for the next trigger)", kind.id(), date, step, message, kind.id(), date);
		this.runs.finish(runId, ScheduleResult.FAILED, step, detail(results) + "\n" + message);
		count(kind, ScheduleResult.FAILED);
		Counter.builder("cardops.schedule.step.failures")
			.description("Steps of scheduled runs that failed and stopped their run")
			.tag("schedule", kind.id())
			.tag("step", step)
			.register(this.registry)
			.increment();
		return new ScheduleResult(kind, date, runId, ScheduleResult.FAILED, step, results, message);
	}

	private void count(ScheduleKind kind, String outcome) {
		Counter.builder("cardops.schedule.runs")
			.description("Runs of each schedule by outcome")
			.tag("schedule", kind.id())
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private List<Step> steps(ScheduleKind kind) {
		return switch (kind) {
			case NIGHTLY_CHAIN -> this.settings.chain().steps().stream().map(this::chainStep).toList();
			case OPEN_RENEWAL -> List.of(new JobStep(JobName.OPEN_RENEWAL.command(), JobName.OPEN_RENEWAL));
			case EXPIRE_CARDS -> List.of(new JobStep(JobName.EXPIRE_CARDS.command(), JobName.EXPIRE_CARDS));
		};
	}

	private Step chainStep(ChainStep step) {
		return switch (step) {
			case REFERENCE -> new ReferenceStep();
			case ROSTERS -> new RosterStep();
			// Settles the date, then every earlier date with a release approved on the
			// exception desk since its latest version (desk.md, "What a release
			// changes"), oldest first, as `cardops run settle --date` would. A date that
			// fails to settle again stops the chain like any failed step, and is tried
			// again on the next run.
			case SETTLE -> new JobStep(step.id(), step.job(), (date) -> {
				List<LocalDate> dates = new ArrayList<>(List.of(date));
				this.desk.datesToResettle().stream().filter((earlier) -> earlier.isBefore(date)).forEach(dates::add);
				return dates;
			});
			default -> new JobStep(step.id(), step.job());
		};
	}

	private static String detail(List<StepResult> results) {
		return String.join("\n", results.stream().map(StepResult::line).toList());
	}

	private static void pause() {
		try {
			Thread.sleep(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a dead run's guard", ex);
		}
	}

	/**
	 * Runs one job, restarting it when its last run for the same parameters failed.
	 * @return the result, with the job's summary line
	 */
	private StepResult runJob(String step, JobName job, LocalDate date, Map<String, String> parameters,
			boolean waitForDeadOwner) {
		long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
		while (true) {
			try {
				RunResult result = this.jobs.run(job, parameters);
				return new StepResult(step, result.outcome(),
						RunSummary.line(job.command(), date, result.outcome(), result.counts()), result.message());
			}
			catch (RunRefusedException ex) {
				if (!waitForDeadOwner || System.nanoTime() > deadline) {
					return new StepResult(step, RunOutcome.FAILED,
							RunSummary.line(job.command(), date, RunOutcome.FAILED, ""), ex.getMessage());
				}
				pause();
			}
			catch (IllegalStateException ex) {
				return new StepResult(step, RunOutcome.FAILED,
						RunSummary.line(job.command(), date, RunOutcome.FAILED, ""),
						Failures.explain(ex, job.command() + " " + date, this.errorLog));
			}
		}
	}

	/** One step of a scheduled run. */
	private interface Step {

		String name();

		/**
		 * Runs the step, telling the listener of each result.
		 * @return the failed result that stops the run, or null to go on
		 */
		StepResult run(LocalDate date, Consumer<StepResult> listener, boolean waitForDeadOwner);

	}

	/**
	 * Runs one job for the date, or for each of the dates a step derives from it, in
	 * order, stopping at the first that fails.
	 */
	private final class JobStep implements Step {

		private final String name;

		private final JobName job;

		private final Function<LocalDate, List<LocalDate>> dates;

		JobStep(String name, JobName job) {
			this(name, job, List::of);
		}

		JobStep(String name, JobName job, Function<LocalDate, List<LocalDate>> dates) {
			this.name = name;
			this.job = job;
			this.dates = dates;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public StepResult run(LocalDate date, Consumer<StepResult> listener, boolean waitForDeadOwner) {
			for (LocalDate day : this.dates.apply(date)) {
				StepResult result = runJob(this.name, this.job, day, Map.of("date", day.toString()), waitForDeadOwner);
				listener.accept(result);
				if (result.outcome() == RunOutcome.FAILED) {
					return result;
				}
			}
			return null;
		}

	}

	private final class ReferenceStep implements Step {

		@Override
		public String name() {
			return ChainStep.REFERENCE.id();
		}

		@Override
		public StepResult run(LocalDate date, Consumer<StepResult> listener, boolean waitForDeadOwner) {
			Path folder = referenceDir();
			StepResult result;
			if (!Files.isDirectory(folder)) {
				result = new StepResult(name(), RunOutcome.FAILED,
						ReferenceDataService.Loaded.line(RunOutcome.FAILED, folder), missing(folder));
			}
			else {
				try {
					ReferenceDataService.Loaded loaded = ScheduleRunner.this.reference.load(folder);
					result = new StepResult(name(), RunOutcome.COMPLETED, loaded.line(folder),
							loaded.warnings().isEmpty() ? null : String.join("; ", loaded.warnings()));
				}
				catch (InboundFileException ex) {
					// The reference data in force stays; the chain goes on with it.
					result = new StepResult(name(), RunOutcome.REJECTED,
							ReferenceDataService.Loaded.line(RunOutcome.REJECTED, folder), ex.getMessage());
				}
				catch (UncheckedIOException ex) {
					result = new StepResult(name(), RunOutcome.FAILED,
							ReferenceDataService.Loaded.line(RunOutcome.FAILED, folder),
							Failures.explain(ex, "the nightly chain's reference step", ScheduleRunner.this.errorLog));
				}
			}
			listener.accept(result);
			return (result.outcome() == RunOutcome.FAILED) ? result : null;
		}

		/**
		 * Why the reference folder is missing: the whole inbox, when the folder is the
		 * inbox's.
		 */
		private String missing(Path folder) {
			Optional<String> inbox = (ScheduleRunner.this.settings.chain().referenceDir() != null) ? Optional.empty()
					: InboxService.folderProblem(ScheduleRunner.this.properties.inbox());
			return inbox.orElse("reference folder not found: " + folder + " (set cardops.chain.reference-dir)");
		}

		private Path referenceDir() {
			Path configured = ScheduleRunner.this.settings.chain().referenceDir();
			return (configured != null) ? configured : ScheduleRunner.this.properties.inbox().resolve("reference");
		}

	}

	private final class RosterStep implements Step {

		@Override
		public String name() {
			return ChainStep.ROSTERS.id();
		}

		@Override
		public StepResult run(LocalDate date, Consumer<StepResult> listener, boolean waitForDeadOwner) {
			List<RosterArrivals.Upload> uploads;
			try {
				uploads = ScheduleRunner.this.rosters.notImported(date);
			}
			catch (IOException ex) {
				StepResult result = new StepResult(name(), RunOutcome.FAILED, "job=roster-import status=FAILED",
						Failures.explain(ex, "the nightly chain's roster step (listing the inbox)",
								ScheduleRunner.this.errorLog));
				listener.accept(result);
				return result;
			}
			catch (InboxService.MissingInboxException ex) {
				StepResult result = new StepResult(name(), RunOutcome.FAILED, "job=roster-import status=FAILED",
						ex.getMessage());
				listener.accept(result);
				return result;
			}
			for (RosterArrivals.Upload upload : uploads) {
				StepResult result = runJob(name(), JobName.ROSTER_IMPORT, upload.request().fileDate(),
						upload.request().toParameters(), waitForDeadOwner);
				listener.accept(result);
				if (result.outcome() == RunOutcome.FAILED) {
					return result;
				}
			}
			return null;
		}

	}

}
