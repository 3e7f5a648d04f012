package io.cardops.schedules.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.Failures;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.JobRunner.RunRefusedException;
import io.cardops.jobs.support.JobRunner.RunResult;
import io.cardops.jobs.support.RunLocks;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSource;
import io.cardops.jobs.support.RunSummary;

/**
 * Runs a schedule for a business date, whoever asked (a Quartz trigger on any node, its
 * recovery after a node died, {@code cardops schedules trigger}, the portal): it launches
 * the schedule's job ({@link ScheduleKind#job()}; the nightly chain is the job
 * {@code nightlyChainJob}, {@link NightlyChainConfiguration}) through {@link JobRunner},
 * which restarts it where it stopped when its last run for the date failed or died.
 *
 * <p>
 * What Spring Batch cannot do is kept here: a run is refused while a live process runs
 * the same schedule for the same date (Spring Batch cannot tell a live run from one whose
 * process died, {@code job_run} can); the nightly chain and the expiry wait for the card
 * ledger's run lock ({@link RunLocks#CARD_LEDGER}) while a live run of another date holds
 * it, and hold it from their first step to their last: chains of different dates (on two
 * nodes, a catch-up of several nights, a trigger by hand) run one after the other, never
 * interleaved, and no {@code cardops run} of card-events, reconcile or expire-cards gets
 * between the steps of a chain. A run that waited and finds that another run of the same
 * schedule and date started meanwhile is refused rather than run twice.
 */
@Service
public class ScheduleRunner {

	/**
	 * How long a recovering run waits for the dead owner of a run to be seen as dead.
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

	private final ScheduleHistory history;

	private final MeterRegistry registry;

	private final RunLocks locks;

	private final Path errorLog;

	/**
	 * Creates the runner.
	 * @param jobs runs and restarts the jobs
	 * @param history the schedules' runs
	 * @param registry the meters
	 * @param locks what runs of different dates share
	 * @param errorLog the log of unexpected failures' stack traces
	 */
	public ScheduleRunner(JobRunner jobs, ScheduleHistory history, ObjectProvider<MeterRegistry> registry,
			RunLocks locks, @Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog) {
		this.jobs = jobs;
		this.history = history;
		this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
		this.locks = locks;
		this.errorLog = errorLog;
	}

	/**
	 * Runs a schedule for a date.
	 * @param kind the schedule
	 * @param date the business date
	 * @param source what started it ({@code QUARTZ}, {@code RECOVERY}, {@code CLI},
	 * {@code PORTAL}), recorded with the run
	 * @param recovering whether this run takes over from a node that died: it then waits
	 * (up to three minutes) until the dead node's run is seen as dead
	 * @param listener told of each job's result as soon as it is known
	 * @return how it ended
	 */
	public ScheduleResult run(ScheduleKind kind, LocalDate date, String source, boolean recovering,
			Consumer<StepResult> listener) {
		long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
		while (this.history.inProgress(kind, date)) {
			if (!recovering || System.nanoTime() > deadline) {
				return refused(kind, date, "a run of " + kind.id() + " for " + date + this.history.named(kind, date)
						+ " is already in progress; not started: run it again when that one has finished");
			}
			pause();
		}
		long before = this.history.last(kind, date).map(ScheduleHistory.ScheduleRun::runId).orElse(0L);
		RunLocks.Held ledger = null;
		try {
			if (kind.job().writesCardLedger()) {
				try {
					ledger = this.locks.await(RunLocks.CARD_LEDGER, kind.id(), date, LEDGER_WAIT, LEDGER_POLL);
				}
				catch (RunLocks.RunLockedException ex) {
					return refused(kind, date, ex.getMessage());
				}
				ledger.takenOver().ifPresent(logger::warn);
				Optional<Long> meanwhile = this.history.last(kind, date)
					.map(ScheduleHistory.ScheduleRun::runId)
					.filter((id) -> id > before);
				if (meanwhile.isPresent()) {
					return refused(kind, date, "a run of " + kind.id() + " for " + date + " (run " + meanwhile.get()
							+ ") started while this one waited for the card ledger; not started");
				}
			}
			return launch(kind, date, source, recovering, deadline, listener);
		}
		finally {
			if (ledger != null) {
				ledger.close();
			}
		}
	}

	private ScheduleResult launch(ScheduleKind kind, LocalDate date, String source, boolean recovering, long deadline,
			Consumer<StepResult> listener) {
		List<StepResult> results = new ArrayList<>();
		Consumer<StepResult> record = (result) -> {
			results.add(result);
			if (result.outcome() == RunOutcome.COMPLETED || result.message() == null) {
				logger.info("{} for {}: {}", kind.id(), date, result.line());
			}
			else {
				logger.warn("{} for {}: {}: {}", kind.id(), date, result.line(), result.message());
			}
			listener.accept(result);
		};
		logger.info("{} for {}: started ({})", kind.id(), date, source);
		RunResult run;
		try {
			run = RunSource.with(source,
					() -> ChainProgress.with(record, () -> runJob(kind.job(), date, recovering, deadline)));
		}
		catch (RunRefusedException ex) {
			return refused(kind, date, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			// Not a job's failure but its launch's (the database went away...): counted,
			// then left to the caller.
			count(kind, ScheduleResult.FAILED);
			throw ex;
		}
		if (kind.job() != JobName.NIGHTLY_CHAIN) {
			record.accept(new StepResult(kind.job().command(), run.outcome(),
					RunSummary.line(kind.job().command(), date, run.outcome(), run.counts()), run.message()));
		}
		if (run.outcome() != RunOutcome.FAILED) {
			count(kind, ScheduleResult.COMPLETED);
			logger.info("{} for {}: run {} completed", kind.id(), date, run.executionId());
			return new ScheduleResult(kind, date, run.executionId(), ScheduleResult.COMPLETED, null, results, null);
		}
		String step = results.stream()
			.filter((result) -> result.outcome() == RunOutcome.FAILED)
			.map(StepResult::step)
			.findFirst()
			.orElse(kind.job().command());
		String message = (run.message() != null) ? run.message() : "stopped";
		logger.error("{} for {}: {} failed and stopped the run: {} (restart: cardops schedules trigger {} --date {})",
				kind.id(), date, step, message, kind.id(), date);
		count(kind, ScheduleResult.FAILED);
		Counter.builder("cardops.schedule.step.failures")
			.description("Steps of scheduled runs that failed and stopped their run")
			.tag("schedule", kind.id())
			.tag("step", step)
			.register(this.registry)
			.increment();
		return new ScheduleResult(kind, date, run.executionId(), ScheduleResult.FAILED, step, results, message);
	}

	/**
	 * Runs the schedule's job; a recovering run waits while the dead node's run still
	 * looks alive.
	 */
	private RunResult runJob(JobName job, LocalDate date, boolean recovering, long deadline) {
		while (true) {
			try {
				return this.jobs.run(job, Map.of("date", date.toString()));
			}
			catch (RunRefusedException ex) {
				if (!recovering || System.nanoTime() > deadline) {
					throw ex;
				}
				pause();
			}
		}
	}

	private ScheduleResult refused(ScheduleKind kind, LocalDate date, String message) {
		logger.warn(message);
		count(kind, ScheduleResult.REFUSED);
		return new ScheduleResult(kind, date, null, ScheduleResult.REFUSED, null, List.of(), message);
	}

	private void count(ScheduleKind kind, String outcome) {
		Counter.builder("cardops.schedule.runs")
			.description("Runs of each schedule by outcome")
			.tag("schedule", kind.id())
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private static void pause() {
		try {
			Thread.sleep(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a dead run to be seen as dead", ex);
		}
	}

}
