package io.cardops.jobs.progress;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.cardops.jobs.support.Daemons;

/**
 * Tracks every step of every job ({@link ProgressRegistration} puts it on each step) and
 * writes its counts to {@code run_progress} when it starts, every {@value #WRITE_SECONDS}
 * seconds while it runs, and when it ends, on a thread and connection of its own: the
 * counts of a long step are visible from any process while its transaction is still open,
 * and stay visible if its process dies.
 */
public class ProgressListener implements StepExecutionListener {

	/** How often a running step's counts are written. */
	static final long WRITE_SECONDS = 2;

	private static final Logger logger = LoggerFactory.getLogger(ProgressListener.class);

	private final RunProgress progress;

	private final RunProgressRepository repository;

	private final Clock clock;

	private final Map<Long, ScheduledFuture<?>> writing = new ConcurrentHashMap<>();

	private final ScheduledExecutorService writer = Daemons.timer("cardops-progress");

	/**
	 * Creates the listener.
	 * @param progress the tracker the steps count into
	 * @param repository where the counts are written
	 * @param clock the time they are stamped with
	 */
	public ProgressListener(RunProgress progress, RunProgressRepository repository, Clock clock) {
		this.progress = progress;
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public void beforeStep(StepExecution step) {
		this.progress.started(step, this.clock.instant());
		write(step);
		this.writing.put(step.getId(),
				this.writer.scheduleWithFixedDelay(() -> write(step), WRITE_SECONDS, WRITE_SECONDS, TimeUnit.SECONDS));
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		ScheduledFuture<?> beat = this.writing.remove(step.getId());
		if (beat != null) {
			beat.cancel(false);
		}
		write(step);
		this.progress.ended(step);
		return null;
	}

	/**
	 * Writes a step's counts; a failure to write them is logged and does not touch the
	 * step (the next write tries again).
	 */
	private synchronized void write(StepExecution step) {
		ProgressSnapshot snapshot = this.progress.snapshot(step);
		if (snapshot == null) {
			return;
		}
		try {
			this.repository.write(snapshot, OffsetDateTime.now(this.clock));
		}
		catch (RuntimeException ex) {
			logger.warn("progress of {} (execution {}) not written: {}", snapshot.step(), snapshot.executionId(),
					ex.getMessage());
		}
	}

}
