package io.cardops.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cardops.jobs.support.StepResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster import whose process is killed mid-run leaves the previous snapshot intact,
 * and running the same command again restarts the dead run and completes it.
 *
 * <p>
 * The upload is a named pipe fed by the test, so the killed process is certainly inside
 * its import when it dies: no timing guesswork.
 */
class CrashRestartIntegrationTests extends CliTestSupport {

	/** Two bus taps on Alice's card after the top-up of {@link #writeTopUp(Path)}. */
	private static final String TAPS = ReconcileIntegrationTests.TAPS + "\nB1," + CardLifecycleIntegrationTests.CARD_A
			+ ",2,2026-09-03T09:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,950\nB2,"
			+ CardLifecycleIntegrationTests.CARD_A
			+ ",3,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,900\n";

	@Test
	void killedImportLeavesThePreviousSnapshotAndTheRerunCompletesIt() throws Exception {
		// given: UCAS's roster of August 25 is applied
		loadReference();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString()).code())
			.isZero();
		long previous = currentImport();
		byte[] upload = Files.readAllBytes(sample("roster_UCAS_20260905.csv"));
		Path file = this.work.resolve("inbox").resolve("roster_UCAS_20260905.csv");
		Files.createDirectories(file.getParent());
		assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

		// when: the next upload's import process is killed while it reads the file
		Process process = startCardops("run", "roster-import", "--file", file.toString());
		CompletableFuture<OutputStream> feeder = CompletableFuture.supplyAsync(() -> feedHalf(file, upload));
		awaitStepRunning("loadRosterStep", process);
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		closeBroken(pipe);

		// then: nothing of it is visible and the execution is left as the dead process
		// left it
		assertThat(currentImport()).isEqualTo(previous);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single())
			.isEqualTo(394);
		assertThat(this.database.sql()
			.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
			.query(String.class)
			.single()).isEqualTo("STARTED");

		// when: the upload is complete and the same command runs again
		Files.delete(file);
		Files.write(file, upload);
		CliResult rerun = cardops("run", "roster-import", "--file", file.toString());

		// then: the dead run is restarted (same job instance) and completes exactly once
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=roster-import date=2026-09-05 status=COMPLETED institution=UCAS"
				+ " rows=397 accepted=397 rejected=0 eligible_before=355 dropped=0 file=roster_UCAS_20260905.csv");
		assertThat(currentImport()).isNotEqualTo(previous);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_entry WHERE import_id = ?")
			.params(currentImport())
			.query(Long.class)
			.single()).isEqualTo(397);
		assertThat(this.database.sql()
			.sql("SELECT status FROM batch_job_execution e JOIN batch_job_instance i"
					+ " ON i.job_instance_id = e.job_instance_id ORDER BY e.job_execution_id")
			.query(String.class)
			.list()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_execution")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_import WHERE file_name = 'roster_UCAS_20260905.csv' AND status = 'COMPLETED'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void killedCardEventsRunAppliesNothingAndTheRerunAppliesEverythingOnce() throws Exception {
		// given: a day's card-event file, complete with its control file, arriving
		// through a pipe
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		byte[] upload = issues(true).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Path file = this.work.resolve("inbox").resolve("cardevents_BMAC_APP_20260901_01.csv");
		Files.createDirectories(file.getParent());
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"),
				"records=2\nsum_fen=0\nsha256="
						+ java.util.HexFormat.of().formatHex(io.cardops.domain.digest.Sha256.newDigest().digest(upload))
						+ "\n");
		assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

		// when: the run's process is killed while it reads the file
		Process process = startCardops("run", "card-events", "--date", "2026-09-01", "--inbox",
				file.getParent().toString());
		CompletableFuture<OutputStream> feeder = CompletableFuture.supplyAsync(() -> feedHalf(file, upload));
		awaitStepRunning("applyCardEventsStep", process);
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		closeBroken(pipe);

		// then: nothing of it is visible
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM inbox_file").query(Long.class).single()).isZero();

		// when: the file is complete and the same command runs again
		Files.delete(file);
		Files.write(file, upload);
		CliResult rerun = cardops("run", "card-events", "--date", "2026-09-01");

		// then: the dead run is restarted and applies every event once
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).contains("status=COMPLETED", "files=1", "applied=2", "issued=2",
				"hotlist_version=1");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single()).isEqualTo(2);
		assertThat(executionStatuses("cardEventsJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(cardops("run", "card-events", "--date", "2026-09-01").summary()).contains("status=NOOP");
	}

	@Test
	void killedReconcileLoadsNothingAndTheRerunJudgesEveryRowOnce() throws Exception {
		// given: a card issued, and a day's top-up and taps arriving through a pipe
		Path inbox = givenCardsIssued(false);
		writeTopUp(inbox);
		byte[] upload = TAPS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Path file = inbox.resolve("taps_BJBUS_20260903_01.csv");
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"),
				"records=2\nsum_fen=100\nsha256="
						+ java.util.HexFormat.of().formatHex(io.cardops.domain.digest.Sha256.newDigest().digest(upload))
						+ "\n");
		assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

		// when: the run's process is killed while it reads the taps
		Process process = startCardops("run", "reconcile", "--date", "2026-09-03", "--inbox", inbox.toString());
		CompletableFuture<OutputStream> feeder = CompletableFuture.supplyAsync(() -> feedHalf(file, upload));
		awaitStepRunning("loadLedgerStep", process);
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		closeBroken(pipe);

		// then: nothing of the day is loaded
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM ledger_row").query(Long.class).single()).isZero();
		// and: a settlement of the date says the reconciliation died and is run again (it
		// said "is still running")
		CliResult settle = cardops("run", "settle", "--date", "2026-09-03");
		assertThat(settle.code()).isEqualTo(1);
		assertThat(settle.err()).contains("reconciliation of 2026-09-03 died before it ended (execution ")
			.contains("it continues where it stopped when run again");

		// when: the file is complete and the same command runs again
		Files.delete(file);
		Files.write(file, upload);
		CliResult rerun = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: every row is judged once, exactly as an uninterrupted run would
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=1"
				+ " payments=0 exceptions=0 held=0 dropped=0 files_rejected=0");
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(this.database.sql()
			.sql("SELECT last_seq || '/' || balance_fen FROM card_ledger WHERE card_no = ?")
			.params(CardLifecycleIntegrationTests.CARD_A)
			.query(String.class)
			.single()).isEqualTo("3/900");
	}

	@Test
	void aRestartKilledBeforeItRegisteredItsOwnerIsRecoveredOnceThatOwnerIsCertainlyGone() throws Exception {
		// given: a settlement refused because its date is not reconciled (exit 1,
		// restartable)
		loadReference();
		Files.createDirectories(this.work.resolve("inbox"));
		assertThat(cardops("run", "settle", "--date", "2026-09-03").code()).isEqualTo(1);
		// and: a restart of it whose process was killed after Spring Batch created its
		// execution but before the run registered its owner in job_run (reproduced
		// through ./cardops by killing the process at JobRunListener.beforeJob): a newer
		// execution of the same instance, STARTED, that no process owns
		long orphan = addUnownedExecution(LocalDateTime.now().minusSeconds(5));

		// when: the command runs again right away
		CliResult early = cardops("run", "settle", "--date", "2026-09-03");

		// then: it is refused, as the run may still be starting on a live process
		assertThat(early.code()).isEqualTo(1);
		assertThat(early.out() + early.err()).contains("no owner registered yet");

		// when: the unowned execution is older than the heartbeat timeout and the date is
		// reconciled
		this.database.sql()
			.sql("UPDATE batch_job_execution SET create_time = ?, start_time = ?, last_updated = ?"
					+ " WHERE job_execution_id = ?")
			.params(LocalDateTime.now().minusDays(1), LocalDateTime.now().minusDays(1),
					LocalDateTime.now().minusDays(1), orphan)
			.update();
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();
		CliResult rerun = cardops("run", "settle", "--date", "2026-09-03");

		// then: the dead restart is marked failed and the run restarts and completes, on
		// the same job instance
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).startsWith("job=settle date=2026-09-03 status=COMPLETED version=1");
		assertThat(executionStatuses("settleJob")).containsExactly("FAILED", "FAILED", "COMPLETED");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(DISTINCT e.job_instance_id) FROM batch_job_execution e JOIN batch_job_instance i"
					+ " ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'settleJob'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "applyCardEventsStep", "publishHotlistStep" })
	void cardEventsKilledRightAfterAStepCommittedReportsTheRunOnRestart(String step) throws Exception {
		// given: a day's card-event file
		Path inbox = givenIssues(true);

		// when: the run's process dies right after the step's work committed, before
		// Spring Batch marked the step complete, and the same command runs again
		haltAfterCommit(step, "run", "card-events", "--date", "2026-09-01", "--inbox", inbox.toString());
		CliResult rerun = cardops("run", "card-events", "--date", "2026-09-01");

		// then: the restart reports what the run did, not its own second pass, which
		// found the file applied (and the hotlist published)
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=card-events date=2026-09-01 status=COMPLETED files=1"
				+ " files_waiting=0 files_rejected=0 events=2 applied=2 rejected=0 issued=2 renewed=0 reported_lost=0"
				+ " returned=0 hotlist_version=1 hotlist_published=Y blocked=0 newly_blocked=0");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single()).isEqualTo(2);
		assertThat(executionStatuses("cardEventsJob")).containsExactly("FAILED", "COMPLETED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "loadLedgerStep", "judgeLedgerStep", "matchPaymentsStep" })
	void reconcileKilledRightAfterAStepCommittedReportsTheRunOnRestart(String step) throws Exception {
		// given: a card issued, and a day's top-up and taps
		Path inbox = givenCardsIssued(false);
		writeTopUp(inbox);
		writeWithControl(inbox.resolve("taps_BJBUS_20260903_01.csv"), TAPS, 2, 100);

		// when: the run's process dies right after the step's work committed, and the
		// same command runs again
		haltAfterCommit(step, "run", "reconcile", "--date", "2026-09-03", "--inbox", inbox.toString());
		CliResult rerun = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the restart reports what an uninterrupted run reports (not NOOP, though
		// its second pass found every file loaded), and every row is judged once
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=1"
				+ " payments=0 exceptions=0 held=0 dropped=0 files_rejected=0");
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(executionStatuses("reconcileJob")).containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void expireCardsKilledRightAfterItCommittedReportsTheCardsItExpiredOnRestart() throws Exception {
		// given: two cards valid until September 30, 2027
		givenCardsIssued(true);

		// when: the expiry's process dies right after its work committed, and the same
		// command runs again
		haltAfterCommit("expireCardsStep", "run", "expire-cards", "--date", "2027-10-01", "--force");
		LocalDateTime killedBy = LocalDateTime.now();

		// then: the runs list shows that its process died
		assertThat(cardops("runs", "--limit", "1").out()).containsPattern("\\d+ +expire-cards +DIED +");

		// when: the same command runs again, a while later
		Thread.sleep(1500);
		CliResult rerun = cardops("run", "expire-cards", "--date", "2027-10-01", "--force");

		// then: the dead run and its step end when the process was last known to work,
		// not when the restart found them
		assertThat(this.database.sql()
			.sql("SELECT e.end_time FROM batch_job_execution e WHERE e.status = 'FAILED' UNION ALL"
					+ " SELECT s.end_time FROM batch_step_execution s WHERE s.status = 'FAILED'")
			.query(LocalDateTime.class)
			.list()).hasSize(2).allMatch((end) -> !end.isAfter(killedBy));

		// then: the restart reports the two cards the run expired, not NOOP
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=expire-cards date=2027-10-01 status=COMPLETED expired=2");
		assertThat(cardops("runs", "--limit", "2").out()).containsPattern("\\d+ +expire-cards +COMPLETED +")
			.containsPattern("\\d+ +expire-cards +FAILED +")
			// and the dead run says what happened to it, in words
			.containsPattern("FAILED .*\\| its process \\(\\d+ on [^)]+\\) stopped without ending it \\(killed, or its"
					+ " machine went down\\) in expireCardsStep; the next run of the same command restarted it");
	}

	@Test
	void expireCardsKilledAfterItsLastStepCompletedReportsTheCardsItExpiredOnRestart() throws Exception {
		// given: two cards valid until September 30, 2027, and an expiry whose process
		// died after Spring Batch marked its last step complete, before it saved the
		// job's
		// context with the summary in it (the halt after the step's commit, and the
		// step's
		// completion written as Spring Batch writes it)
		givenCardsIssued(true);
		haltAfterCommit("expireCardsStep", "run", "expire-cards", "--date", "2027-10-01", "--force");
		this.database.sql()
			.sql("UPDATE batch_step_execution SET status = 'COMPLETED', exit_code = 'COMPLETED', end_time = ?"
					+ " WHERE step_name = 'expireCardsStep' AND status = 'STARTED'")
			.params(LocalDateTime.now())
			.update();

		// when: the same command runs again, and finds every step complete
		CliResult rerun = cardops("run", "expire-cards", "--date", "2027-10-01", "--force");

		// then: it reports the cards the run expired, not a summary without counts
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo("job=expire-cards date=2027-10-01 status=COMPLETED expired=2");
		assertThat(executionStatuses("expireCardsJob")).containsExactly("FAILED", "COMPLETED");
	}

	/** Alice's card issued on September 1 (and Bob's), as one card-event file. */
	private static String issues(boolean bob) {
		return CardLifecycleIntegrationTests.HEADER + "E1,ISSUE,2026-09-01T09:00:00+08:00,"
				+ CardLifecycleIntegrationTests.CARD_A + ",UCAS," + CardLifecycleIntegrationTests.ALICE + ",IOS,\n"
				+ (bob ? "E2,ISSUE,2026-09-01T09:05:00+08:00," + CardLifecycleIntegrationTests.CARD_B + ",UCAS,"
						+ CardLifecycleIntegrationTests.BOB + ",ANDROID,\n" : "");
	}

	/**
	 * The reference data and a roster loaded, and the card-event file of
	 * {@link #issues(boolean)} in the inbox, not applied yet.
	 * @return the inbox
	 */
	private Path givenIssues(boolean bob) throws IOException {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		Path inbox = this.work.resolve("inbox");
		Files.createDirectories(inbox);
		writeWithControl(inbox.resolve("cardevents_BMAC_APP_20260901_01.csv"), issues(bob), bob ? 2 : 1, 0);
		return inbox;
	}

	/** {@link #givenIssues(boolean)}, applied. */
	private Path givenCardsIssued(boolean bob) throws IOException {
		Path inbox = givenIssues(bob);
		assertThat(cardops("run", "card-events", "--date", "2026-09-01").code()).isZero();
		return inbox;
	}

	/**
	 * A top-up of 10 yuan on Alice's card on September 3 (card_seq 1), with its control
	 * file.
	 */
	private static void writeTopUp(Path inbox) throws IOException {
		writeWithControl(inbox.resolve("recharges_COUNTER_20260903_01.csv"), ReconcileIntegrationTests.RECHARGES
				+ "\nC1," + CardLifecycleIntegrationTests.CARD_A + ",1,2026-09-03T07:00:00+08:00,1000,1000,\n", 1,
				1000);
	}

	/**
	 * Runs a command whose process halts right after the named step's transaction
	 * committed, as a process killed in that instant would, and checks that it did.
	 */
	private void haltAfterCommit(String step, String... args) throws Exception {
		Process process = startCardops(List.of("-D" + StepResults.HALT_AFTER_COMMIT + "=" + step), args);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("the process did not halt after " + step + "; see process.log")
			.isEqualTo(137);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM batch_step_execution WHERE step_name = ? AND status = 'STARTED'")
			.params(step)
			.query(Long.class)
			.single()).isOne();
	}

	/**
	 * Adds what a restart killed between the creation of its execution and the
	 * registration of its owner leaves: a STARTED execution of the last execution's
	 * instance, with its parameters and context, and no {@code job_run} row.
	 */
	private long addUnownedExecution(LocalDateTime created) {
		long last = this.database.sql()
			.sql("SELECT MAX(job_execution_id) FROM batch_job_execution")
			.query(Long.class)
			.single();
		long id = this.database.sql().sql("SELECT nextval('batch_job_execution_seq')").query(Long.class).single();
		this.database.sql()
			.sql("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time,"
					+ " start_time, status, exit_code, exit_message, last_updated)"
					+ " SELECT ?, 1, job_instance_id, ?, ?, 'STARTED', 'UNKNOWN', '', ?"
					+ " FROM batch_job_execution WHERE job_execution_id = ?")
			.params(id, created, created, created, last)
			.update();
		this.database.sql()
			.sql("INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,"
					+ " parameter_value, identifying) SELECT ?, parameter_name, parameter_type, parameter_value,"
					+ " identifying FROM batch_job_execution_params WHERE job_execution_id = ?")
			.params(id, last)
			.update();
		this.database.sql()
			.sql("INSERT INTO batch_job_execution_context (job_execution_id, short_context, serialized_context)"
					+ " SELECT ?, short_context, serialized_context FROM batch_job_execution_context"
					+ " WHERE job_execution_id = ?")
			.params(id, last)
			.update();
		return id;
	}

	private static void writeWithControl(Path file, String content, int records, long sum) throws IOException {
		Files.writeString(file, content);
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"), "records=" + records + "\nsum_fen=" + sum
				+ "\nsha256=" + io.cardops.domain.digest.Sha256.of(file) + "\n");
	}

	static OutputStream feedHalf(Path fifo, byte[] upload) {
		// Opening a pipe for writing waits for the reader, which then waits for the other
		// half.
		try {
			OutputStream out = Files.newOutputStream(fifo);
			out.write(upload, 0, upload.length / 2);
			out.flush();
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void closeBroken(OutputStream pipe) {
		try {
			pipe.close();
		}
		catch (IOException ex) {
			// The reader was killed: the pipe is broken, as intended.
		}
	}

	private void awaitStepRunning(String step, Process process) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("the import process ended early; see process.log").isTrue();
			long running = this.database.sql()
				.sql("SELECT COUNT(*) FROM batch_step_execution WHERE step_name = ? AND status = 'STARTED'")
				.params(step)
				.query(Long.class)
				.single();
			if (running > 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError(step + " did not start within 60 s");
	}

	private long currentImport() {
		return this.database.sql()
			.sql("SELECT import_id FROM roster_current WHERE institution = 'UCAS'")
			.query(Long.class)
			.single();
	}

}
