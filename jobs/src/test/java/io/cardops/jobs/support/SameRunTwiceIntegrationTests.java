package io.cardops.jobs.support;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.jobs.JobName;
import io.cardops.jobs.JobsContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two processes that both find no run of the same parameters cannot both start one: the
 * run holds a lock while it runs, of its parameters, or of its institution for a roster
 * import. The other process is played by another thread holding that lock, as a live run
 * holds it.
 */
class SameRunTwiceIntegrationTests {

	@TempDir
	static Path work;

	private static JobsContext context;

	@BeforeAll
	static void start() throws Exception {
		context = JobsContext.start(work, Map.of());
	}

	@AfterAll
	static void close() throws Exception {
		context.close();
	}

	@Test
	void aSettleOfADateWhileAnotherRunsIsRefusedNamingIt() throws Exception {
		assertRefusedWhileHeld("settle date=2026-10-13", "settle", LocalDate.of(2026, 10, 13), JobName.SETTLE,
				Map.of("date", "2026-10-13"), "settle 2026-10-13 not started: settle 2026-10-13 (process ");
	}

	@Test
	void aRosterImportWhileAnotherOfItsInstitutionRunsIsRefused() throws Exception {
		Map<String, String> roster = Map.of("file", work.resolve("roster_UCAS_20261011.csv").toString(), "institution",
				"UCAS", "date", "2026-10-11", "charset", "UTF-8", "force", "false");
		assertRefusedWhileHeld(JobRunner.rosterResource("UCAS"), "roster-import UCAS", LocalDate.of(2026, 10, 11),
				JobName.ROSTER_IMPORT, roster,
				"roster-import UCAS 2026-10-11 not started: roster-import UCAS 2026-10-11 (process ");
	}

	private static void assertRefusedWhileHeld(String resource, String holder, LocalDate date, JobName job,
			Map<String, String> parameters, String refusal) throws Exception {
		RunLocks locks = context.bean(RunLocks.class);
		JobRunner runner = context.bean(JobRunner.class);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			RunLocks.Held running = other.submit(() -> locks.takeNamed(resource, holder, date)).get();
			assertThatExceptionOfType(RunLocks.RunLockedException.class).isThrownBy(() -> runner.run(job, parameters))
				.withMessageStartingWith(refusal);
			other.submit(running::close).get();
		}
		finally {
			other.shutdownNow();
		}
		long started = context.sql()
			.sql("SELECT COUNT(*) FROM job_run WHERE job = ?")
			.params(job.command())
			.query(Long.class)
			.single();
		assertThat(started).as("nothing started").isZero();
	}

}
