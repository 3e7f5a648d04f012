package io.cardops.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.cardops.domain.digest.Sha256;
import io.cardops.jobs.support.StepResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile runs (issue 20, findings 5 and 7): two dates reconciled at the same time, a
 * holder of the card ledger killed, two nights of the chain at once, and a run Spring
 * Batch left UNKNOWN after the database ended its connection.
 *
 * <p>
 * A run is held inside its work without timing guesswork: one of its input files is a
 * named pipe that the test feeds half of, so the run's process is certainly reading it
 * (and holding what it holds) until the test writes the rest.
 */
class HostileRunsIntegrationTests extends CliTestSupport {

	private static final LocalDate ISSUED = LocalDate.of(2026, 9, 1);

	private static final LocalDate FIRST = LocalDate.of(2026, 9, 3);

	private static final LocalDate SECOND = LocalDate.of(2026, 9, 4);

	private static final String CARD = CardLifecycleIntegrationTests.CARD_A;

	/** The first date's taps (card_seq 2 and 3), after its top-up (card_seq 1). */
	private static final String FIRST_TAPS = ReconcileIntegrationTests.TAPS + "\nB1," + CARD
			+ ",2,2026-09-03T09:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,950\nB2," + CARD
			+ ",3,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,900\n";

	/**
	 * The second date's taps (card_seq 4 and 5), judged against the balance the first
	 * date carried over; the second says 7.90 left where 8.00 are.
	 */
	private static final String SECOND_TAPS = ReconcileIntegrationTests.TAPS + "\nB3," + CARD
			+ ",4,2026-09-04T09:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,850\nB4," + CARD
			+ ",5,2026-09-04T10:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,790\n";

	private static final String FIRST_SUMMARY = "job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=1"
			+ " payments=0 exceptions=0 held=0 dropped=0 files_rejected=0";

	private final List<Process> started = new ArrayList<>();

	@AfterEach
	void endProcesses() throws InterruptedException {
		for (Process process : this.started) {
			if (process.isAlive()) {
				process.destroyForcibly();
				process.waitFor(30, TimeUnit.SECONDS);
			}
		}
		System.clearProperty("cardops.chain.steps");
	}

	@Test
	void aSecondDateReconciledWhileTheFirstRunsIsRefusedAndTheBalancesAreThoseOfOneAfterTheOther() throws Exception {
		// given: the same card's days reconciled one after the other on a database of
		// their own
		Path quietInbox = this.work.resolve("baseline-inbox");
		TestDatabase baseline = TestDatabase.create(Files.createDirectories(this.work.resolve("baseline")));
		Path baselineOutbox = this.work.resolve("baseline-outbox");
		try {
			givenCardIssued(baseline, baselineOutbox, quietInbox);
			writeFirstDay(quietInbox, false);
			writeWithControl(quietInbox.resolve("taps_BJBUS_20260904_01.csv"), SECOND_TAPS, 2, 100);
			assertThat(
					on(baseline, baselineOutbox, quietInbox, "run", "reconcile", "--date", FIRST.toString()).summary())
				.isEqualTo(FIRST_SUMMARY);
			CliResult second = on(baseline, baselineOutbox, quietInbox, "run", "reconcile", "--date",
					SECOND.toString());
			assertThat(second.code()).as(second.err()).isZero();

			// and: here, the first day's reconciliation running (reading its taps)
			Path inbox = this.work.resolve("inbox");
			givenCardIssued(this.database, outbox(), inbox);
			Held first = startHeld(writeFirstDay(inbox, true), "loadLedgerStep", "run", "reconcile", "--date",
					FIRST.toString());
			writeWithControl(inbox.resolve("taps_BJBUS_20260904_01.csv"), SECOND_TAPS, 2, 100);

			// when: the second day is reconciled at the same time
			CliResult refused = cardops("run", "reconcile", "--date", SECOND.toString());

			// then: it is refused (exit 1), naming the date being reconciled and who
			// holds it, and nothing of it ran
			assertThat(refused.code()).isEqualTo(1);
			assertThat(refused.err())
				.startsWith("cardops: reconcile 2026-09-04 not started: reconcile 2026-09-03" + " (process "
						+ first.process().pid() + " on host ")
				.contains("Asia/Shanghai) is running; run it again when that one has finished");
			assertThat(runsOfDate("reconcileJob", SECOND)).isZero();

			// when: the first day finishes and the second is run again
			first.finish();
			assertThat(first.process().exitValue()).as(log()).isZero();
			CliResult rerun = cardops("run", "reconcile", "--date", SECOND.toString());

			// then: the balances and the exceptions are those of one day after the other
			assertThat(rerun.code()).as(rerun.err()).isZero();
			assertThat(rerun.summary()).isEqualTo(second.summary());
			assertThat(cardLedger(this.database)).isEqualTo(cardLedger(baseline)).containsExactly(CARD + " 5 790");
			for (LocalDate day : List.of(FIRST, SECOND)) {
				assertThat(exceptionsFile(outbox(), day)).isEqualTo(exceptionsFile(baselineOutbox, day));
			}
			assertThat(new String(exceptionsFile(outbox(), SECOND), StandardCharsets.UTF_8)).contains(",5,");
			assertThat(holder()).isEqualTo("free");
		}
		finally {
			baseline.close();
		}
	}

	@Test
	void aHolderWhoseProcessDiedIsTakenOverAndALiveOneOnAnotherHostIsNot() throws Exception {
		// given: the first day's reconciliation killed (kill -9) while it holds the card
		// ledger
		Path inbox = this.work.resolve("inbox");
		givenCardIssued(this.database, outbox(), inbox);
		Path pipe = writeFirstDay(inbox, true);
		Held killed = startHeld(pipe, "loadLedgerStep", "run", "reconcile", "--date", FIRST.toString());
		killed.kill();
		assertThat(holder()).startsWith("reconcile 2026-09-03 " + killed.process().pid() + " ");

		// when: the same date runs again with its file complete
		Files.delete(pipe);
		Files.writeString(pipe, FIRST_TAPS, StandardCharsets.UTF_8);
		CliResult rerun = cardops("run", "reconcile", "--date", FIRST.toString());

		// then: the dead holder's lock is taken over, saying so, and the run completes
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.err()).contains("cardops: took over the card-ledger lock from reconcile 2026-09-03 (process "
				+ killed.process().pid() + " on host ");
		assertThat(rerun.summary()).isEqualTo(FIRST_SUMMARY);
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(holder()).isEqualTo("free");

		// given: a run on another node holds the card ledger and beat its heartbeat just
		// now
		writeWithControl(inbox.resolve("taps_BJBUS_20260904_01.csv"), SECOND_TAPS, 2, 100);
		holdElsewhere(OffsetDateTime.now());

		// when: the second day is reconciled here
		CliResult refused = cardops("run", "reconcile", "--date", SECOND.toString());

		// then: it is refused, as the other node is alive
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.err()).startsWith(
				"cardops: reconcile 2026-09-04 not started: card-events 2026-09-02 (process 4242 on host other-node,");

		// when: that node's heartbeat is older than the two minutes a live run beats
		// within
		holdElsewhere(OffsetDateTime.now().minusMinutes(3));
		CliResult taken = cardops("run", "reconcile", "--date", SECOND.toString());

		// then: it is taken over and the run completes
		assertThat(taken.code()).as(taken.err()).isZero();
		assertThat(taken.err()).contains("took over the card-ledger lock from card-events 2026-09-02 (process 4242");
		assertThat(taken.summary()).startsWith("job=reconcile date=2026-09-04 status=COMPLETED taps=2");
		assertThat(cardLedger(this.database)).containsExactly(CARD + " 5 790");
	}

	@Test
	void twoNightsOfTheChainRunOneAfterTheOther() throws Exception {
		// given: the first night's chain running, inside its card-events step
		System.setProperty("cardops.chain.steps", ScheduleFixtures.STEPS);
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, FIRST);
		Path events = inbox.resolve("cardevents_BMAC_APP_20260903_01.csv");
		byte[] upload = Files.readAllBytes(events);
		Files.delete(events);
		assertThat(new ProcessBuilder("mkfifo", events.toString()).start().waitFor()).isZero();
		Held first = startHeld(events, upload, "applyCardEventsStep",
				List.of("-Dcardops.chain.steps=" + ScheduleFixtures.STEPS), "schedules", "trigger", "nightly-chain",
				"--date", FIRST.toString());
		writeWithControl(inbox.resolve("taps_BJBUS_20260904_01.csv"), ReconcileIntegrationTests.TAPS + "\nB3," + CARD
				+ ",6,2026-09-04T09:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,650\n", 1, 50);

		// when: the next night's chain is triggered at the same time
		CompletableFuture<CliResult> second = CompletableFuture
			.supplyAsync(() -> cardops("schedules", "trigger", "nightly-chain", "--date", SECOND.toString()));
		// (it records nothing while it waits for the card ledger: give it time to get
		// there)
		Thread.sleep(5000);

		// then: it waits; no job of its date starts while the first night runs
		assertThat(second).isNotDone();
		assertThat(runsOfAnyJob(SECOND)).isZero();

		// when: the first night goes on
		first.finish();

		// then: both nights complete, every job of the second after every job of the
		// first
		assertThat(first.process().exitValue()).as(log()).isZero();
		CliResult next = second.get(120, TimeUnit.SECONDS);
		assertThat(next.code()).as(next.out() + next.err()).isZero();
		assertThat(next.summary()).startsWith("schedule=nightly-chain date=2026-09-04 status=COMPLETED");
		LocalDateTime firstEnded = this.database.sql()
			.sql("SELECT MAX(e.end_time) FROM batch_job_execution e JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'date'"
					+ " WHERE p.parameter_value = ?")
			.params(FIRST.toString())
			.query(LocalDateTime.class)
			.single();
		LocalDateTime secondStarted = this.database.sql()
			.sql("SELECT MIN(e.start_time) FROM batch_job_execution e JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'date'"
					+ " WHERE p.parameter_value = ?")
			.params(SECOND.toString())
			.query(LocalDateTime.class)
			.single();
		assertThat(secondStarted).isAfterOrEqualTo(firstEnded);
		assertThat(holder()).isEqualTo("free");
	}

	@Test
	void aRunLeftUnknownIsRestartedAndReportsWhatItDid() throws Exception {
		// given: the first day's reconciliation whose load committed and whose end
		// Spring Batch could not record, as after the database ended its connection: the
		// step and the job UNKNOWN, the run reported FAILED
		Path inbox = this.work.resolve("inbox");
		givenCardIssued(this.database, outbox(), inbox);
		writeFirstDay(inbox, false);
		Process halted = start(List.of("-D" + StepResults.HALT_AFTER_COMMIT + "=loadLedgerStep"), "run", "reconcile",
				"--date", FIRST.toString());
		assertThat(halted.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(halted.exitValue()).as(log()).isEqualTo(137);
		LocalDateTime ended = LocalDateTime.now();
		this.database.sql()
			.sql("UPDATE batch_step_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN', end_time = ?"
					+ " WHERE step_name = 'loadLedgerStep'")
			.params(ended)
			.update();
		this.database.sql()
			.sql("UPDATE batch_job_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN', end_time = ?"
					+ " WHERE status = 'STARTED'")
			.params(ended)
			.update();
		this.database.sql()
			.sql("UPDATE job_run SET outcome = 'FAILED', summary = ? WHERE outcome IS NULL")
			.params("\nAn I/O error occurred while sending to the backend.")
			.update();

		// when: the same command runs again
		CliResult rerun = cardops("run", "reconcile", "--date", FIRST.toString());

		// then: the run left UNKNOWN is restarted (not a fresh run finding its files
		// loaded and reporting NOOP) and reports what it did, each row judged once
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo(FIRST_SUMMARY);
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(executionStatuses("reconcileJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(cardops("runs", "--job", "reconcile").out()).doesNotContain("UNKNOWN")
			.containsPattern("reconcile +COMPLETED +.*taps=2 recharges=1");
	}

	@Test
	void aReconcileWhoseConnectionsTheServerEndedIsCompletedByTheNextRun() throws Exception {
		Assumptions.assumeTrue(this.database.isPostgres(), "pg_terminate_backend is PostgreSQL's");
		// given: the first day's reconciliation running, reading its taps
		Path inbox = this.work.resolve("inbox");
		givenCardIssued(this.database, outbox(), inbox);
		Held first = startHeld(writeFirstDay(inbox, true), "loadLedgerStep", "run", "reconcile", "--date",
				FIRST.toString());

		// when: the server ends every connection of the run, and the run goes on
		List<Boolean> ended = this.database.sql()
			.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE datname = current_database() AND pid <> pg_backend_pid()")
			.query(Boolean.class)
			.list();
		assertThat(ended).isNotEmpty().doesNotContain(false);
		first.finish();

		// and: the same command runs again
		CliResult rerun = cardops("run", "reconcile", "--date", FIRST.toString());

		// then: it reports what the day holds, every row judged once, and no run is
		// left UNKNOWN
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).isEqualTo(FIRST_SUMMARY);
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(executionStatuses("reconcileJob")).doesNotContain("UNKNOWN").endsWith("COMPLETED");
		assertThat(cardLedger(this.database)).containsExactly(CARD + " 3 900");
	}

	/** The reference data, UCAS's roster and Alice's card issued on September 1. */
	private void givenCardIssued(TestDatabase database, Path outbox, Path inbox) throws IOException {
		Files.createDirectories(inbox);
		assertThat(on(database, outbox, inbox, "reference", "load", "--dir", SAMPLES.resolve("reference").toString())
			.code()).isZero();
		assertThat(on(database, outbox, inbox, "run", "roster-import", "--file",
				sample("roster_UCAS_20260825.csv").toString())
			.code()).isZero();
		writeWithControl(inbox.resolve("cardevents_BMAC_APP_20260901_01.csv"),
				CardLifecycleIntegrationTests.HEADER + "E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD + ",UCAS,"
						+ CardLifecycleIntegrationTests.ALICE + ",IOS,\n",
				1, 0);
		CliResult issued = on(database, outbox, inbox, "run", "card-events", "--date", ISSUED.toString());
		assertThat(issued.code()).as(issued.err()).isZero();
	}

	/**
	 * The first day's top-up and taps; the taps as a named pipe when asked.
	 * @return the taps file
	 */
	private static Path writeFirstDay(Path inbox, boolean pipe) throws Exception {
		writeWithControl(inbox.resolve("recharges_COUNTER_20260903_01.csv"),
				ReconcileIntegrationTests.RECHARGES + "\nC1," + CARD + ",1,2026-09-03T07:00:00+08:00,1000,1000,\n", 1,
				1000);
		Path taps = inbox.resolve("taps_BJBUS_20260903_01.csv");
		if (!pipe) {
			writeWithControl(taps, FIRST_TAPS, 2, 100);
			return taps;
		}
		byte[] upload = FIRST_TAPS.getBytes(StandardCharsets.UTF_8);
		Files.writeString(taps.resolveSibling(taps.getFileName() + ".ctl"), "records=2\nsum_fen=100\nsha256="
				+ java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(upload)) + "\n");
		assertThat(new ProcessBuilder("mkfifo", taps.toString()).start().waitFor()).isZero();
		return taps;
	}

	private static void writeWithControl(Path file, String content, int records, long sum) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"),
				"records=" + records + "\nsum_fen=" + sum + "\nsha256=" + Sha256.of(file) + "\n");
	}

	/** A command in this process against the given database and folders. */
	private static CliResult on(TestDatabase database, Path outbox, Path inbox, String... args) {
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.addAll(List.of("--db", database.url(), "--outbox", outbox.toString(), "--inbox", inbox.toString()));
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", ID_KEY);
		return cardopsExactly(environment, all.toArray(String[]::new));
	}

	/**
	 * Starts a command in its own process, reading the first day's taps through a pipe
	 * fed half, and waits until the step that reads them runs.
	 */
	private Held startHeld(Path pipe, String step, String... args) throws Exception {
		return startHeld(pipe, FIRST_TAPS.getBytes(StandardCharsets.UTF_8), step, List.of(), args);
	}

	private Held startHeld(Path pipe, byte[] upload, String step, List<String> jvmOptions, String... args)
			throws Exception {
		Process process = start(jvmOptions, args);
		CompletableFuture<OutputStream> feeder = CompletableFuture
			.supplyAsync(() -> CrashRestartIntegrationTests.feedHalf(pipe, upload));
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (runningSteps(step) == 0) {
			assertThat(process.isAlive()).as("the process ended early: " + log()).isTrue();
			assertThat(Instant.now()).as(step + " did not start").isBefore(deadline);
			Thread.sleep(100);
		}
		return new Held(process, pipe, feeder.get(30, TimeUnit.SECONDS), upload);
	}

	private Process start(List<String> jvmOptions, String... args) throws IOException {
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.addAll(List.of("--inbox", this.work.resolve("inbox").toString()));
		Process process = startCardops(jvmOptions, all.toArray(String[]::new));
		this.started.add(process);
		return process;
	}

	private String log() {
		try {
			return Files.readString(this.work.resolve("process.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private long runningSteps(String step) {
		Long tables = this.database.sql()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'batch_step_execution'")
			.query(Long.class)
			.single();
		if (tables == 0) {
			// The process has not migrated its fresh database yet.
			return 0;
		}
		return this.database.sql()
			.sql("SELECT COUNT(*) FROM batch_step_execution WHERE step_name = ? AND status = 'STARTED'")
			.params(step)
			.query(Long.class)
			.single();
	}

	private long runsOfDate(String batchJobName, LocalDate date) {
		return this.database.sql()
			.sql("SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i"
					+ " ON i.job_instance_id = e.job_instance_id JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'date'"
					+ " WHERE i.job_name = ? AND p.parameter_value = ?")
			.params(batchJobName, date.toString())
			.query(Long.class)
			.single();
	}

	private long runsOfAnyJob(LocalDate date) {
		return this.database.sql()
			.sql("SELECT COUNT(*) FROM batch_job_execution_params WHERE parameter_name = 'date'"
					+ " AND parameter_value = ?")
			.params(date.toString())
			.query(Long.class)
			.single();
	}

	/** The card ledger's holder as {@code job date pid host}, or {@code free}. */
	private String holder() {
		return this.database.sql()
			.sql("SELECT holder_job, holder_date, owner_pid, owner_host FROM run_lock WHERE resource = 'card-ledger'")
			.query((rs, n) -> (rs.getString(1) == null) ? "free"
					: rs.getString(1) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getLong(3) + " "
							+ rs.getString(4))
			.single();
	}

	/**
	 * Makes a run of another node the card ledger's holder, beating at the time given.
	 */
	private void holdElsewhere(OffsetDateTime heartbeat) {
		this.database.sql()
			.sql("UPDATE run_lock SET holder_token = 'elsewhere', holder_job = 'card-events',"
					+ " holder_date = ?, owner_host = 'other-node', owner_pid = 4242, started_at = ?,"
					+ " heartbeat_at = ? WHERE resource = 'card-ledger'")
			.params(LocalDate.of(2026, 9, 2), heartbeat, heartbeat)
			.update();
	}

	private static List<String> cardLedger(TestDatabase database) {
		return database.sql()
			.sql("SELECT card_no, last_seq, balance_fen FROM card_ledger ORDER BY card_no")
			.query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3))
			.list();
	}

	private static byte[] exceptionsFile(Path outbox, LocalDate date) throws IOException {
		String day = date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
		return Files.readAllBytes(outbox.resolve(day).resolve("exceptions_" + day + ".csv"));
	}

	/**
	 * A command's process held inside its work by a pipe fed half.
	 *
	 * @param process the process
	 * @param path the pipe
	 * @param pipe the pipe's open end
	 * @param upload everything the pipe is to carry
	 */
	private record Held(Process process, Path path, OutputStream pipe, byte[] upload) {

		/** Feeds the rest and waits for the process to end. */
		void finish() throws Exception {
			try {
				this.pipe.write(this.upload, this.upload.length / 2, this.upload.length - this.upload.length / 2);
				this.pipe.flush();
				// The reader opens the file again after it read it through once (the
				// check of its SHA-256, then its rows): a plain file with the same bytes
				// stands there by the time this end closes.
				Files.delete(this.path);
				Files.write(this.path, this.upload);
			}
			catch (IOException ex) {
				// The reader ended first (its run failed): the process's exit tells.
			}
			finally {
				CrashRestartIntegrationTests.closeBroken(this.pipe);
			}
			if (!this.process.waitFor(120, TimeUnit.SECONDS)) {
				Process jstack = new ProcessBuilder(
						Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
						Long.toString(this.process.pid()))
					.redirectErrorStream(true)
					.start();
				String threads = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				throw new AssertionError("the process did not end:\n" + threads);
			}
		}

		/** Kills the process as {@code kill -9} does. */
		void kill() throws Exception {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			CrashRestartIntegrationTests.closeBroken(this.pipe);
		}

	}

}
