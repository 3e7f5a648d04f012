package io.cardops.jobs.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a step counts into the tracker, from its own thread and from the threads it hands
 * work to, and what a service counts outside a step (nothing).
 */
class RunProgressTests {

	private static final Instant NOW = Instant.parse("2026-10-13T02:00:00Z");

	private final RunProgress progress = new RunProgress();

	@Test
	void aStepsCountsAreSnapshotInTheOrderItFirstCountedThem() {
		StepExecution step = step(7, "reconcileJob", "loadLedgerStep");
		this.progress.started(step, NOW);
		this.progress.counter("taps").add(1200);
		this.progress.counter("recharges").increment();
		this.progress.counter("taps").increment();

		ProgressSnapshot snapshot = this.progress.snapshot(step);

		assertThat(snapshot).isEqualTo(new ProgressSnapshot(7, "reconcile", "2026-10-13", "loadLedgerStep", NOW,
				Map.of("taps", 1201L, "recharges", 1L)));
		assertThat(snapshot.countsText()).isEqualTo("taps=1201 recharges=1");
		assertThat(snapshot.total()).isEqualTo(1202);
		assertThat(snapshot.unit()).isEqualTo("rows");
		assertThat(this.progress.snapshots()).containsExactly(snapshot);
	}

	@Test
	void countersTakenOnTheStepsThreadCountFromOtherThreads() throws Exception {
		StepExecution step = step(8, "reconcileJob", "judgeLedgerStep");
		this.progress.started(step, NOW);
		ProgressCounter rows = this.progress.counter("rows");
		ExecutorService partitions = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> walks = new ArrayList<>();
			for (int partition = 0; partition < 2; partition++) {
				walks.add(partitions.submit(() -> {
					for (int row = 0; row < 50_000; row++) {
						rows.increment();
					}
				}));
			}
			for (Future<?> walk : walks) {
				walk.get();
			}
		}
		finally {
			partitions.shutdownNow();
		}

		assertThat(this.progress.snapshot(step).countsText()).isEqualTo("rows=100000");
		assertThat(this.progress.snapshot(step).unit()).isEqualTo("rows");
	}

	@Test
	void outsideAStepNothingIsCountedAndAnEndedStepIsForgotten() {
		this.progress.counter("taps").add(5);
		assertThat(this.progress.snapshots()).isEmpty();

		StepExecution step = step(9, "cardEventsJob", "applyCardEventsStep");
		this.progress.started(step, NOW);
		this.progress.counter("events").add(3);
		assertThat(this.progress.snapshot(step).unit()).isEqualTo("events");
		this.progress.ended(step);

		this.progress.counter("events").add(3);
		assertThat(this.progress.snapshot(step)).isNull();
		assertThat(this.progress.snapshots()).isEmpty();
	}

	private static StepExecution step(long id, String job, String name) {
		JobExecution execution = new JobExecution(id, new JobInstance(id, job),
				new JobParametersBuilder().addString("date", "2026-10-13").toJobParameters());
		return new StepExecution(id * 10, name, execution);
	}

}
