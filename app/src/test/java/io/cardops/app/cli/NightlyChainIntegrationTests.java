package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import io.cardops.jobs.support.StepResults;

import static java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly chain run by {@code cardops schedules trigger}: each step after the one
 * before, a failed step stops the chain for its date and the next run restarts the failed
 * job where it stopped; and the per-date guard refuses a second live run.
 */
class NightlyChainIntegrationTests extends CliTestSupport {

	private static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	@BeforeEach
	void chainAsBuiltOnThisBranch() {
		System.setProperty("cardops.chain.steps", ScheduleFixtures.STEPS);
	}

	@AfterEach
	void clearSettings() {
		System.clearProperty("cardops.chain.steps");
	}

	@Test
	void aFailedStepStopsTheChainAndTheNextRunRestartsItWhereItStopped() throws Exception {
		// given: a night's inbox, and an outbox where the exceptions file cannot be
		// published
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Path blocker = ScheduleFixtures.blockExceptionsFile(outbox(), DATE);

		// when
		CliResult first = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: every step before reconcile completed, reconcile failed, the chain
		// stopped
		assertThat(first.code()).as(first.err()).isEqualTo(1);
		assertThat(first.out()).contains("reference load: status=COMPLETED partners=14 fare_rules=6",
				"job=roster-import date=2026-08-25 status=COMPLETED institution=UCAS rows=400 accepted=394 rejected=6",
				"job=card-events date=2026-09-03 status=COMPLETED files=1",
				"job=reconcile date=2026-09-03 status=FAILED");
		assertThat(first.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=FAILED failed_step=reconcile run=1");
		assertThat(first.err()).contains("exceptions_20260903.csv");
		// the chain is one Spring Batch job whose steps are its jobs
		assertThat(this.database.sql()
			.sql("SELECT outcome || ' ' || source FROM job_run WHERE job_execution_id = 1 AND job = 'nightly-chain'")
			.query(String.class)
			.single()).isEqualTo("FAILED CLI");
		assertThat(chainSteps(1)).containsExactly("reference COMPLETED 1", "rosters COMPLETED 1",
				"card-events COMPLETED 1", "reconcile FAILED 1");
		assertThat(cardops("runs").out()).containsPattern("reconcile\\s+FAILED\\s")
			.containsPattern("nightly-chain\\s+FAILED\\s");
		assertThat(cardops("schedules").out())
			.containsPattern("nightly-chain .* 2026-09-03 FAILED at reconcile \\(run 1, cli");

		// when: the outbox is repaired and the chain runs again
		FileSystemUtils.deleteRecursively(blocker);
		CliResult second = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: Spring Batch restarts the chain at its step that failed (the roster
		// and the card events are not run again), and reconcile at its step that failed
		assertThat(second.code()).as(second.err()).isZero();
		assertThat(second.out()).doesNotContain("job=roster-import", "job=card-events")
			.contains("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=1 payments=0",
					"job=settle date=2026-09-03 status=COMPLETED version=1 files=4 taps=2 paid=2 held=0 dropped=0"
							+ " payable_yuan=1.00 recharges=1 net_receivable_yuan=10.00 claimable_yuan=3.00");
		long restart = this.database.sql()
			.sql("SELECT MAX(job_execution_id) FROM job_run WHERE job = 'nightly-chain'")
			.query(Long.class)
			.single();
		assertThat(second.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=COMPLETED run=" + restart);
		assertThat(chainSteps(restart)).containsExactly("reconcile COMPLETED 1", "settle COMPLETED 1");
		assertThat(executionStatuses("nightlyChainJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(cardops("runs", "--job", "nightly-chain").out()).containsPattern("nightly-chain\\s+COMPLETED\\s")
			// (the jobs the chain ran, its restarts included: 4 then 2)
			.contains("runs=6 rejected=0 held=0")
			// and its steps under it: the restart's, then the first run's
			.containsPattern("steps: reconcile COMPLETED \\d+\\.\\ds, settle COMPLETED \\d+\\.\\ds\n")
			.containsPattern("steps: reference COMPLETED \\d+\\.\\ds, rosters COMPLETED \\d+\\.\\ds,"
					+ " card-events COMPLETED \\d+\\.\\ds, reconcile FAILED \\d+\\.\\ds\n")
			.doesNotContain("job=reconcile");
		assertThat(executionStatuses("reconcileJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_instance WHERE job_name = 'reconcileJob'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.database.sql()
			.sql("SELECT step_name || ':' || COUNT(*) FROM batch_step_execution"
					+ " WHERE step_name IN ('loadLedgerStep', 'judgeLedgerStep', 'matchPaymentsStep')"
					+ " GROUP BY step_name ORDER BY step_name")
			.query(String.class)
			.list()).containsExactly("judgeLedgerStep:1", "loadLedgerStep:1", "matchPaymentsStep:2");
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_import WHERE file_name = 'roster_UCAS_20260825.csv'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(outbox().resolve("20260903").resolve("exceptions_20260903.csv")).isRegularFile();
		assertThat(Files.readString(outbox().resolve("20260903").resolve("exceptions_20260903.csv")))
			.contains("SEQ_GAP");
	}

	@Test
	void aFailedStepSaysWhatWentWrongNotOnlyWhichPath() throws Exception {
		// given: a night's inbox, and a file where the outbox's folder of the date goes
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Path blocker = outbox().resolve("20260903");
		Files.createDirectories(outbox());
		Files.writeString(blocker, "x");

		// when
		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the reason says what is wrong with the path (it was the path alone, then
		// the Java exception's name), and the step that stopped
		String reason = "an unexpected error (" + blocker.toAbsolutePath()
				+ " is a file where a folder is needed: move it away) stopped card-events in publishHotlistStep";
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=FAILED failed_step=card-events run=1");
		assertThat(result.err()).contains(reason);
		// (after one space: a failed run's summary has no counts before its reason)
		assertThat(cardops("runs").out()).containsPattern("card-events\\s+FAILED\\s.*\\S \\| " + Pattern.quote(reason));
	}

	@Test
	void aMissingInboxFailsTheNightInsteadOfPassingForANightWithoutFiles() {
		// given: no inbox folder (a mistyped cardops.inbox)
		String missing = "the inbox folder " + this.work.resolve("inbox").toAbsolutePath().normalize()
				+ " does not exist";

		// when: the reference data is the inbox's, the first step fails
		CliResult reference = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then
		assertThat(reference.code()).isEqualTo(1);
		assertThat(reference.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=FAILED failed_step=reference run=1");
		assertThat(reference.err()).contains(missing);

		// when: the reference data comes from elsewhere, the roster step fails
		System.setProperty("cardops.chain.reference-dir", SAMPLES.resolve("reference").toString());
		CliResult rosters;
		try {
			rosters = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());
		}
		finally {
			System.clearProperty("cardops.chain.reference-dir");
		}

		// then
		assertThat(rosters.code()).isEqualTo(1);
		assertThat(rosters.out()).contains("reference load: status=COMPLETED");
		assertThat(rosters.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=FAILED failed_step=rosters run=2");
		assertThat(rosters.err()).contains(missing);

		// when: a chain that starts with a job reading the inbox, the job's run fails
		System.setProperty("cardops.chain.steps", "card-events,reconcile,settle");
		CliResult cardEvents = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then
		assertThat(cardEvents.code()).isEqualTo(1);
		assertThat(cardEvents.out()).contains("job=card-events date=2026-09-03 status=FAILED");
		assertThat(cardEvents.summary())
			.isEqualTo("schedule=nightly-chain date=2026-09-03 status=FAILED failed_step=card-events run=3");
		assertThat(cardEvents.err()).contains(missing);
	}

	@Test
	void aPartnersFileRejectedWholeIsCountedInTheChainsSummary() throws Exception {
		// given: a night whose tap file is not a tap file, with its control file
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Files.writeString(this.work.resolve("inbox").resolve("taps_BJBUS_" + DATE.format(BASIC_ISO_DATE) + "_01.csv"),
				"not,a,tap,file\n");

		// when
		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the chain completed, and its summary counts the files its reconcile run
		// turned away, that one and the fixture's payments file, whose control file
		// does not match (that run completed: no run of the chain was rejected)
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).contains("job=reconcile date=" + DATE, "files_rejected=2");
		assertThat(this.database.sql()
			.sql("SELECT summary FROM job_run WHERE job = 'nightly-chain'")
			.query(String.class)
			.single()).startsWith("runs=5 rejected=0 held=0 files_rejected=2");
	}

	@Test
	void refusedReferenceDataIsSaidInTheChainsSummaryAndTheChainGoesOn() throws Exception {
		// given: a night's inbox whose partner file has a row without a role
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Files.writeString(this.work.resolve("inbox").resolve("reference").resolve("partners.csv"), "BROKEN,,,\n",
				StandardOpenOption.APPEND);

		// when
		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the chain went on and completed; why the reference data was refused is
		// in its run's summary, the one record of a step that has no run of its own
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).contains("reference load: status=REJECTED",
				"job=settle date=2026-09-03 status=COMPLETED");
		String summary = this.database.sql()
			.sql("SELECT summary FROM job_run WHERE job = 'nightly-chain'")
			.query(String.class)
			.single();
		// (the roster is refused too: on this fresh database no reference data names
		// UCAS)
		// (and the night's four partner files, of partners the database does not know)
		assertThat(summary).startsWith("runs=5 rejected=2 held=0 files_rejected=4\n")
			.contains("reference: partners.csv: line ")
			.contains("the reference data in force stays");
		assertThat(cardops("runs").out()).containsPattern("nightly-chain\\s+COMPLETED\\s.*reference: partners.csv");
	}

	@Test
	void aChainRestartedOnceItsReferenceFolderIsThereNoLongerSaysWhyItFailedBefore() throws Exception {
		// given: a night whose reference folder is missing: the chain fails in its
		// first step
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Path reference = this.work.resolve("inbox").resolve("reference");
		Path aside = Files.move(reference, this.work.resolve("reference-aside"));
		CliResult failed = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());
		assertThat(failed.code()).isNotZero();

		// when: the folder is back and the chain runs again (its restart)
		Files.move(aside, reference);
		CliResult restarted = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the run that completed says nothing of the earlier attempt's reason
		assertThat(restarted.code()).as(restarted.err()).isZero();
		List<String> summaries = this.database.sql()
			.sql("SELECT summary FROM job_run WHERE job = 'nightly-chain' ORDER BY job_execution_id")
			.query(String.class)
			.list();
		assertThat(summaries.get(0)).contains("reference folder not found");
		assertThat(summaries.get(summaries.size() - 1)).startsWith("runs=")
			.doesNotContain("reference folder not found");
	}

	@Test
	void aChainWhoseProcessDiedIsRefusedWhileItLooksAliveThenRestartedWhereItStopped() throws Exception {
		// given: a chain whose process halted in reconcile, right after its judging
		// committed
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		Process halted = startCardops(List.of("-D" + StepResults.HALT_AFTER_COMMIT + "=judgeLedgerStep"), "schedules",
				"trigger", "nightly-chain", "--date", DATE.toString(), "--inbox",
				this.work.resolve("inbox").toString());
		assertThat(halted.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(halted.exitValue()).as("the chain did not halt; see process.log").isEqualTo(137);
		long chain = this.database.sql()
			.sql("SELECT job_execution_id FROM job_run WHERE job = 'nightly-chain'")
			.query(Long.class)
			.single();
		assertThat(chainSteps(chain)).containsExactly("reference COMPLETED 1", "rosters COMPLETED 1",
				"card-events COMPLETED 1", "reconcile STARTED 0");

		// when: its owner looks alive (this process)
		this.database.sql()
			.sql("UPDATE job_run SET owner_pid = ?, owner_host = ? WHERE job_execution_id = ?")
			.params(ProcessHandle.current().pid(), java.net.InetAddress.getLocalHost().getHostName(), chain)
			.update();
		CliResult refused = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: nothing ran
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.summary()).startsWith("schedule=nightly-chain date=2026-09-03 status=REFUSED");
		assertThat(refused.err()).containsPattern("a run of nightly-chain for 2026-09-03 \\(run " + chain
				+ ", since 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Asia/Shanghai\\) is already in progress; not started:"
				+ " run it again when that one has finished");
		assertThat(cardops("schedules").out()).containsPattern("nightly-chain .* 2026-09-03 RUNNING \\(run " + chain);

		// when: it is seen as the dead process it is
		this.database.sql()
			.sql("UPDATE job_run SET owner_pid = ? WHERE job_execution_id = ?")
			.params(deadPid(), chain)
			.update();
		assertThat(cardops("schedules").out()).containsPattern("nightly-chain .* 2026-09-03 DIED \\(run " + chain);
		// and the runs list shows the job it died in, as it shows a running chain's
		assertThat(cardops("runs", "--job", "nightly-chain").out())
			.containsPattern(chain + " +nightly-chain +DIED .*\\| step reconcile · ");
		CliResult takeover = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the chain restarts at reconcile, whose judging had committed: the
		// night's results are those of a run that was never killed
		assertThat(takeover.code()).as(takeover.err()).isZero();
		assertThat(takeover.out()).doesNotContain("job=card-events")
			.contains("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=1 payments=0",
					"job=settle date=2026-09-03 status=COMPLETED version=1 files=4 taps=2 paid=2");
		assertThat(executionStatuses("nightlyChainJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(cardops("runs", "--job", "nightly-chain").out())
			.containsPattern(chain + " +nightly-chain +FAILED .*\\| its process \\(\\d+ on [^)]+\\) stopped without"
					+ " ending it \\(killed, or its machine went down\\) in reconcile;");
		assertEveryRowLoadedOnceAndAccepted(3);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM run_lock WHERE holder_token IS NOT NULL")
			.query(Long.class)
			.single()).isZero();
	}

	/** A chain execution's steps: name, status, how many jobs each ran. */
	private List<String> chainSteps(long execution) {
		return this.database.sql()
			.sql("SELECT step_name || ' ' || status || ' ' || write_count FROM batch_step_execution"
					+ " WHERE job_execution_id = ? ORDER BY step_execution_id")
			.params(execution)
			.query(String.class)
			.list();
	}

	@Test
	void schedulesAreListedPausedAndResumedAndAPausedOneStaysPausedWhenItsCronChanges() {
		// given: a store no node has registered the schedules in
		CliResult empty = cardops("schedules");
		assertThat(empty.code()).as(empty.err()).isZero();
		assertThat(empty.out()).containsPattern("nightly-chain\\s+-\\s+-\\s+-\\s+NONE\\s+-\\s+never")
			.contains("  not in the shared store yet: a node registers it when cardops serve starts (configured here:"
					+ " 0 0 3 * * ? Asia/Shanghai CATCH_UP), or use schedules set-cron nightly-chain EXPR");
		CliResult notStored = cardops("schedules", "pause", "nightly-chain");
		assertThat(notStored.code()).isEqualTo(1);
		assertThat(notStored.err()).isEqualTo("cardops: nightly-chain is not in the shared store yet: a node registers"
				+ " it when cardops serve starts, or register it with cardops schedules set-cron nightly-chain EXPR\n");

		// when: the schedules are stored as a node stores them
		CliResult stored = cardops("schedules", "set-cron", "nightly-chain", "0 0 3 * * ?");
		assertThat(stored.code()).as(stored.err()).isZero();
		assertThat(stored.out()).startsWith(
				"nightly-chain: cron (not stored) -> 0 0 3 * * ? (Asia/Shanghai," + " misfire CATCH_UP), next fire ");
		assertThat(cardops("schedules", "set-cron", "open-renewal", "0 5 0 30 7 ?").code()).isZero();
		assertThat(cardops("schedules", "set-cron", "expire-cards", "0 5 0 1 10 ?").code()).isZero();

		// then: they are listed as stored
		CliResult listing = cardops("schedules");
		assertThat(listing.code()).as(listing.err()).isZero();
		assertThat(listing.out())
			.containsPattern("nightly-chain\\s+0 0 3 \\* \\* \\?\\s+Asia/Shanghai\\s+"
					+ "\\d{4}-\\d\\d-\\d\\d 03:00:00\\s+NORMAL\\s+CATCH_UP\\s+never")
			.containsPattern("open-renewal\\s+0 5 0 30 7 \\?\\s+Asia/Shanghai\\s+\\d{4}-07-30 00:05:00\\s+NORMAL\\s+"
					+ "FIRE_ONCE_NOW")
			.containsPattern("expire-cards\\s+0 5 0 1 10 \\?\\s+Asia/Shanghai\\s+\\d{4}-10-01 00:05:00\\s+NORMAL\\s+"
					+ "FIRE_ONCE_NOW")
			.doesNotContain("configured here");

		// when: it is paused and given a new cron
		assertThat(cardops("schedules", "pause", "nightly-chain").out()).isEqualTo("nightly-chain: PAUSED\n");
		CliResult moved = cardops("schedules", "set-cron", "nightly-chain", "0 30 4 * * ?");

		// then: it stays paused, and a listing with another configured cron shows the
		// stored one and says the local one is not applied
		assertThat(moved.out()).matches("nightly-chain: cron 0 0 3 \\* \\* \\? -> 0 30 4 \\* \\* \\? \\(Asia/Shanghai,"
				+ " misfire CATCH_UP\\), next fire \\d{4}-\\d\\d-\\d\\d 04:30:00, still paused\n");
		System.setProperty("cardops.schedules.nightly-chain.cron", "0 0 2 * * ?");
		try {
			assertThat(cardops("schedules").out())
				// a paused schedule shows no next firing, as the API and the board
				.containsPattern("nightly-chain\\s+0 30 4 \\* \\* \\?\\s+Asia/Shanghai\\s+- \\(paused\\)\\s+PAUSED")
				.contains("\n  configured here: 0 0 2 * * ? (not applied; serve applies its own settings, or use"
						+ " schedules set-cron)\n");
		}
		finally {
			System.clearProperty("cardops.schedules.nightly-chain.cron");
		}
		assertThat(cardops("schedules", "resume", "nightly-chain").out()).isEqualTo("nightly-chain: NORMAL\n");
		assertThat(cardops("schedules", "pause", "no-such").code()).isEqualTo(2);

		// and: every change is in the audit log, with who made it from where
		String account = System.getProperty("user.name") + "@" + hostName();
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " || ' ' || detail FROM audit_event ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly(
					account + " cli schedule.set-cron nightly-chain OK (none) -> 0 0 3 * * ? Asia/Shanghai CATCH_UP",
					account + " cli schedule.set-cron open-renewal OK (none) -> 0 5 0 30 7 ? Asia/Shanghai FIRE_ONCE_NOW",
					account + " cli schedule.set-cron expire-cards OK (none) -> 0 5 0 1 10 ? Asia/Shanghai FIRE_ONCE_NOW",
					account + " cli schedule.pause nightly-chain OK NORMAL -> PAUSED",
					account + " cli schedule.set-cron nightly-chain OK 0 0 3 * * ? Asia/Shanghai CATCH_UP -> 0 30 4 * * ?"
							+ " Asia/Shanghai CATCH_UP (still paused)",
					account + " cli schedule.resume nightly-chain OK PAUSED -> NORMAL");
	}

	@Test
	void aRosterThatIsASymbolicLinkIsNotImportedByTheChain() throws Exception {
		// given: UCAS's roster moved out of the inbox, and a link to it in its place
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, DATE);
		Path elsewhere = Files.createDirectories(this.work.resolve("elsewhere"));
		Files.move(inbox.resolve("roster_UCAS_20260825.csv"), elsewhere.resolve("roster.csv"));
		Files.createSymbolicLink(inbox.resolve("roster_UCAS_20260825.csv"), elsewhere.resolve("roster.csv"));
		System.setProperty("cardops.chain.steps", "reference,rosters");

		// when
		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the link is not read (the server's log says why), and the chain goes on
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).doesNotContain("job=roster-import");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_import").query(Long.class).single()).isZero();
	}

	@Test
	void aGb18030RosterIsImportedByTheChainWithItsInstitutionsCharsetAndRejectedWithout() throws Exception {
		// given: PKU's roster, exported in GB18030, in the inbox of a chain that loads
		// the
		// reference data and the rosters
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, DATE);
		Files.delete(inbox.resolve("roster_UCAS_20260825.csv"));
		Files.copy(sample("roster_PKU_20260825.csv"), inbox.resolve("roster_PKU_20260825.csv"));
		System.setProperty("cardops.chain.steps", "reference,rosters");

		// when: the chain runs without a charset for PKU
		CliResult without = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then: the roster is read as UTF-8 and rejected, and the chain goes on
		assertThat(without.code()).as(without.err()).isZero();
		assertThat(without.out()).contains("job=roster-import date=2026-08-25 status=REJECTED institution=PKU");
		assertThat(without.err()).contains("roster_PKU_20260825.csv: line 2: bytes not valid in UTF-8")
			.contains("(the nightly chain read it as UTF-8: if PKU sends GB18030, set"
					+ " cardops.roster.charset.PKU=GB18030)");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_current").query(Long.class).single()).isZero();

		// when: PKU's charset is configured, and the chain runs again
		System.setProperty("cardops.roster.charset.PKU", "GB18030");
		CliResult listing;
		CliResult with;
		try {
			listing = cardops("schedules");
			with = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());
		}
		finally {
			System.clearProperty("cardops.roster.charset.PKU");
		}

		// then: the listing names the setting, and the same file is imported in GB18030
		assertThat(listing.out()).contains("\nroster charset PKU: GB18030 (cardops.roster.charset.PKU; every other"
				+ " institution's rosters are read as UTF-8)\n");
		assertThat(with.code()).as(with.err()).isZero();
		assertThat(with.out()).contains("job=roster-import date=2026-08-25 status=COMPLETED institution=PKU rows=300"
				+ " accepted=297 rejected=3 ");
		assertThat(this.database.sql()
			.sql("SELECT charset || ' ' || status FROM roster_import ORDER BY import_id")
			.query(String.class)
			.list()).containsExactly("UTF-8 REJECTED", "GB18030 COMPLETED");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"
					+ " WHERE c.institution = 'PKU'")
			.query(Long.class)
			.single()).isEqualTo(297);
	}

	@Test
	void anUnknownRosterCharsetStopsTheCommandNamingTheSetting() {
		System.setProperty("cardops.roster.charset.PKU", "GB2312");
		CliResult result;
		try {
			result = cardops("schedules");
		}
		finally {
			System.clearProperty("cardops.roster.charset.PKU");
		}
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).endsWith("cardops: failed: cardops.roster.charset.PKU: GB2312 is not a roster"
				+ " charset; a roster is UTF-8 (the default) or GB18030\n");
	}

	@Test
	void aBadCronExpressionIsWrongUsageWithItsReasonAndChangesNothing() {
		CliResult bad = cardops("schedules", "set-cron", "nightly-chain", "0 0 25 * * ?");
		assertThat(bad.code()).isEqualTo(2);
		assertThat(bad.err()).isEqualTo("cardops: set-cron nightly-chain: '0 0 25 * * ?' is not a Quartz cron"
				+ " expression (Hour values must be between 0 and 23); it needs six or seven fields: seconds minutes"
				+ " hours day-of-month month day-of-week [year], with ? in one of the two day fields, for example"
				+ " 0 0 3 * * ?\n");
		CliResult past = cardops("schedules", "set-cron", "nightly-chain", "0 0 3 1 1 ? 2001");
		assertThat(past.code()).isEqualTo(2);
		assertThat(past.err())
			.isEqualTo("cardops: set-cron nightly-chain: '0 0 3 1 1 ? 2001' never fires after now (read in"
					+ " Asia/Shanghai)\n");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM qrtz_triggers").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isZero();
	}

	@Test
	void aTriggerByHandIsAudited() throws Exception {
		// given: a night in the inbox
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);

		// when
		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", DATE.toString());

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " || ' ' || detail FROM audit_event")
			.query(String.class)
			.list())
			.containsExactly(System.getProperty("user.name") + "@" + hostName()
					+ " cli schedule.trigger nightly-chain COMPLETED date=2026-09-03 run=1");
	}

	private static String hostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			return "unknown-host";
		}
	}

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		return process.pid();
	}

}
