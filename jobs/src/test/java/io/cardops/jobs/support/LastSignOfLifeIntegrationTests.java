package io.cardops.jobs.support;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.jobs.JobsContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a run whose process died was last known to work, which its recorded end becomes:
 * its own heartbeat and progress, and for a nightly chain those of the jobs it started
 * (the chain beats only between them).
 */
class LastSignOfLifeIntegrationTests {

	private static final OffsetDateTime START = OffsetDateTime.parse("2026-10-14T02:00:00+08:00");

	@TempDir
	static java.nio.file.Path work;

	// One database for the class: each test's runs have ids of their own.
	private static JobsContext context;

	private final JobRunRepository runs = context.bean(JobRunRepository.class);

	@BeforeAll
	static void start() throws Exception {
		context = JobsContext.start(work, Map.of());
	}

	@AfterAll
	static void close() throws Exception {
		context.close();
	}

	@Test
	void aChainWasLastAliveWhenTheLatestOfItsJobsBeatOrCounted() {
		run(900, "nightly", null, START.plusSeconds(5));
		run(901, "card-events", 900L, START.plusSeconds(40));
		run(902, "reconcile", 900L, START.plusSeconds(70));
		// the reconcile it was running counted rows after its last heartbeat
		progress(902, START.plusSeconds(95));
		// a run of another chain, later still, is not a sign of this one's life
		run(950, "nightly", null, START.plusSeconds(500));
		run(951, "reconcile", 950L, START.plusSeconds(600));

		assertThat(this.runs.lastSignOfLife(900))
			.hasValueSatisfying((time) -> assertThat(time.toInstant()).isEqualTo(START.plusSeconds(95).toInstant()));
		assertThat(this.runs.lastSignOfLife(901))
			.hasValueSatisfying((time) -> assertThat(time.toInstant()).isEqualTo(START.plusSeconds(40).toInstant()));
	}

	@Test
	void aRunThatNeitherBeatNorCountedLeftNoSign() {
		assertThat(this.runs.lastSignOfLife(12_345)).isEmpty();
	}

	@Test
	void recordingARunAsDeadKeepsItsLastHeartbeat() {
		run(700, "expire-cards", null, START.plusSeconds(30));

		this.runs.finishDead(700, "its process stopped without ending it");

		assertThat(this.runs.find(700)).hasValueSatisfying((run) -> {
			assertThat(run.heartbeatAt().toInstant()).isEqualTo(START.plusSeconds(30).toInstant());
			assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED.name());
		});
	}

	private void run(long execution, String job, Long chain, OffsetDateTime heartbeat) {
		context.sql()
			.sql("""
					INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at, chain_run)
					VALUES (?, ?, 'date=2026-10-13', 'node-a', 4242, ?, ?)""")
			.params(execution, job, heartbeat, chain)
			.update();
	}

	private void progress(long execution, OffsetDateTime updated) {
		context.sql().sql("""
				INSERT INTO run_progress (job_execution_id, step_name, counts, rows_done, step_started_at, updated_at)
				VALUES (?, 'loadLedgerStep', 'taps=1234', 1234, ?, ?)""").params(execution, START, updated).update();
	}

}
