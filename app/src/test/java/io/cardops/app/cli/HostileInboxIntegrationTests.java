package io.cardops.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile entries in the inbox and what reaches the user when something breaks (issue 20,
 * findings 4, 8 and the inbox's part of 7), one test per case, each reproducing it as the
 * issue describes it, through the command line on the test database (H2, or PostgreSQL
 * with {@code -Dcardops.test.db=postgres}).
 */
class HostileInboxIntegrationTests extends CliTestSupport {

	static final String TAPS = ReconcileScenario.TAPS;

	static final String A = ReconcileScenario.A;

	static final String B = ReconcileScenario.B;

	static final String REJECTS = "source_file,reason";

	static final String EXCEPTIONS = "clearing_date,category,status,partner,card_no,card_seq,source_file,source_line,amount_yuan,detail";

	private final ReconcileScenario scenario = new ReconcileScenario(this);

	// Finding 4: a folder named like a partner file.

	@Test
	void aFolderNamedLikeATapFileIsListedInTheInboxRejectsAndTheRestOfTheDateIsReconciled() throws Exception {
		// given: a good tap file, and a folder named like another with its control file
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20260903_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950",
				"B2," + B + ",1,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		Files.createDirectory(inbox().resolve("taps_BJBUS_20260903_35.csv"));
		write("taps_BJBUS_20260903_35.csv.ctl", "records=0\nsum_fen=0\nsha256=0\n");

		// when
		CliResult first = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult again = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the folder is listed with its reason, and the good file is reconciled
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=0"
				+ " payments=0 exceptions=2 held=2 dropped=0 files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(REJECTS,
				"taps_BJBUS_20260903_35.csv,it is a directory, not a file");
		assertThat(outboundRows(outbox().resolve("20260903/exceptions_20260903.csv"))).containsExactly(EXCEPTIONS,
				"2026-09-03,UNKNOWN_CARD,OPEN,BJBUS," + A
						+ ",1,taps_BJBUS_20260903_01.csv,2,0.50,card_no is not in the card master",
				"2026-09-03,UNKNOWN_CARD,OPEN,BJBUS," + B
						+ ",1,taps_BJBUS_20260903_01.csv,3,0.50,card_no is not in the card master");
		assertNoInternalText(first);
		// and: the re-run finds nothing new and lists it once
		assertThat(again.code()).as(again.err()).isZero();
		assertThat(again.summary()).startsWith("job=reconcile date=2026-09-03 status=NOOP taps=2")
			.endsWith("files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).hasSize(2);
	}

	@Test
	void aSymbolicLinkNamedLikeATapFileIsListedInTheInboxRejectsAndNotRead() throws Exception {
		// given: a good tap file, and a link named like another, with a control file that
		// matches the file it points to outside the inbox
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20260903_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		this.scenario.inboxFile("taps_BJBUS_20260903_02.csv", TAPS, 10,
				"B2," + B + ",1,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		Path elsewhere = Files.createDirectories(inbox().resolveSibling("elsewhere"));
		Path linked = inbox().resolve("taps_BJBUS_20260903_02.csv");
		Files.move(linked, elsewhere.resolve("taps.csv"));
		Files.createSymbolicLink(linked, elsewhere.resolve("taps.csv"));

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the link is listed with its reason, and only the good file is reconciled
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=1 recharges=0"
				+ " payments=0 exceptions=1 held=1 dropped=0 files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(REJECTS,
				"taps_BJBUS_20260903_02.csv,it is a symbolic link, not a file (copy the file itself into the inbox)");
		assertNoInternalText(result);
	}

	@Test
	void aNamedPipeNamedLikeATapFileIsListedInTheInboxRejectsAndTheRunGoesOn() throws Exception {
		// given: a good tap file, and a named pipe no one writes named like another (with
		// its control file): opening it waited for ever, holding the card ledger's lock
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20260903_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		this.scenario.inboxFile("taps_BJBUS_20260903_02.csv", TAPS, 10,
				"B2," + B + ",1,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		Path pipe = inbox().resolve("taps_BJBUS_20260903_02.csv");
		Files.delete(pipe);
		assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

		// when: the run goes with the setting as it is in production
		CliResult result;
		System.clearProperty(PIPES);
		try {
			result = CompletableFuture.supplyAsync(() -> cardops("run", "reconcile", "--date", "2026-09-03"))
				.get(120, TimeUnit.SECONDS);
		}
		finally {
			System.setProperty(PIPES, "true");
		}

		// then: the pipe is listed with its reason, and the good file is reconciled
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=1 recharges=0"
				+ " payments=0 exceptions=1 held=1 dropped=0 files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(REJECTS,
				"taps_BJBUS_20260903_02.csv,it is a named pipe or another special file, not a regular file (copy the"
						+ " file itself into the inbox)");
	}

	@Test
	void aFolderNamedLikeACardEventFileIsListedAndTheOtherEventsAreApplied() throws Exception {
		// given: a student on the roster, an event issuing their card, and a folder named
		// like a second card-event file with its control file
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		this.scenario.inboxFile("cardevents_BMAC_APP_20260826_01.csv", CardLifecycleIntegrationTests.HEADER.strip(), 7,
				"I1,ISSUE,2026-08-26T09:00:00+08:00," + A + ",UCAS,2023E8015361474,IOS,");
		Files.createDirectory(inbox().resolve("cardevents_BMAC_APP_20260826_02.csv"));
		write("cardevents_BMAC_APP_20260826_02.csv.ctl", "records=0\nsum_fen=0\nsha256=0\n");

		// when
		CliResult result = cardops("run", "card-events", "--date", "2026-08-26");

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).contains("status=COMPLETED", "files=2", "files_rejected=1", "applied=1",
				"issued=1");
		assertThat(outboundRows(outbox().resolve("20260826/inbox_rejects_20260826.csv"))).containsExactly(REJECTS,
				"cardevents_BMAC_APP_20260826_02.csv,it is a directory, not a file");
		assertNoInternalText(result);
	}

	// Finding 7: near-miss partner file names.

	@Test
	void nearMissNamesAreListedForTheDateTheyNameOrWarnedAboutWhenNoDateCanBeRead() throws Exception {
		// given: a good tap file, four names meant as tap files, and files that are
		// plainly not partner files
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20261013_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-10-13T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		for (String name : new String[] { "taps_BJBUS_20261013_1.csv", "taps_BJBUS_20261013_02.CSV",
				"taps_bjbus_20261013_03.csv", "taps_BJBUS_20261332_04.csv", "TAPS_BJBUS_20261013_05.csv", "README.txt",
				"notes_taps.txt" }) {
			write(name, TAPS + "\n");
		}

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-10-13");

		// then: the dated ones are listed for October 13, each with the part that is
		// wrong
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).startsWith("job=reconcile date=2026-10-13 status=COMPLETED taps=1")
			.endsWith("files_rejected=4");
		String pattern = "the name does not follow taps_<PARTNER>_<YYYYMMDD>_<NN>.csv: ";
		assertThat(outboundRows(outbox().resolve("20261013/inbox_rejects_20261013.csv"))).containsExactly(REJECTS,
				"TAPS_BJBUS_20261013_05.csv," + pattern + "the kind TAPS must be in lower case, taps",
				"taps_BJBUS_20261013_02.CSV," + pattern + "the extension must be .csv in lower case",
				"taps_BJBUS_20261013_1.csv," + pattern + "the sequence number 1 must be 2 to 4 digits",
				"taps_bjbus_20261013_03.csv," + pattern
						+ "the partner code bjbus must be 1 to 16 of A-Z, 0-9 and _ (upper case)");
		// and: standard error names each file rejected whole with its reason; the one
		// whose date cannot be read is warned about there, and recorded for operations
		// (the one named in capitals too: it is counted, so it is named; past the first
		// three, the count and the rejects file name the rest)
		assertThat(result.err()).isEqualTo("warning: TAPS_BJBUS_20261013_05.csv was rejected whole: " + pattern
				+ "the kind TAPS must be in lower case, taps\n"
				+ "warning: taps_BJBUS_20261013_02.CSV was rejected whole: " + pattern
				+ "the extension must be .csv in lower case\n"
				+ "warning: taps_BJBUS_20261013_1.csv was rejected whole: " + pattern
				+ "the sequence number 1 must be 2 to 4 digits\n"
				+ "warning: 4 file(s) of 2026-10-13 rejected whole, listed with their reasons in"
				+ " inbox_rejects_20261013.csv; ask the partner for a corrected file\n"
				+ "warning: taps_BJBUS_20261332_04.csv in the inbox is not read: " + pattern
				+ "the date 20261332 is not a real date; rename it (inbox_problem)\n");
		assertThat(this.database.sql()
			.sql("SELECT file_name FROM inbox_problem WHERE clearing_date IS NULL")
			.query(String.class)
			.list()).containsExactly("taps_BJBUS_20261332_04.csv");
		assertThat(result.out() + result.err()).doesNotContain("README", "notes_taps");
		assertNoInternalText(result);
	}

	@Test
	void aFileWaitingForItsControlFileIsNamedOnStandardError() throws Exception {
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20261013_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-10-13T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		write("taps_BJMTR_20261013_01.csv", TAPS + "\n");

		CliResult result = cardops("run", "reconcile", "--date", "2026-10-13");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).contains("taps=1").endsWith("files_rejected=0");
		assertThat(result.err()).isEqualTo("warning: taps_BJMTR_20261013_01.csv has no control file"
				+ " (taps_BJMTR_20261013_01.csv.ctl) yet: it waits in the inbox; run the same date again once its"
				+ " control file has arrived\n");
	}

	@Test
	void aControlFileWithoutItsDataFileIsNamedOnStandardError() throws Exception {
		// given: a good file, and the control file of another whose data file was lost
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20261013_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-10-13T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		write("taps_BJMTR_20261013_01.csv.ctl", "records=1\nsum_fen=50\nsha256=" + "0".repeat(64) + "\n");

		CliResult result = cardops("run", "reconcile", "--date", "2026-10-13");

		// then: the date is reconciled, and the lonely control file is said
		// (it was not a word)
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).contains("taps=1").endsWith("files_rejected=0");
		assertThat(result.err()).isEqualTo("warning: taps_BJMTR_20261013_01.csv.ctl has arrived without its data file"
				+ " taps_BJMTR_20261013_01.csv: nothing of it was read; ask the partner to send"
				+ " taps_BJMTR_20261013_01.csv, then run the same date again\n");
	}

	// Finding 7: a no-op re-run after a later date.

	@Test
	void aNoOpRerunOfADateAfterLaterDatesRanWritesTheSameExceptionsBytes() throws Exception {
		// given: September 3 reconciled; September 4 brings C's payment (its
		// UNPAID_RECHARGE is resolved inside the matching window) and September 5 the
		// missing seq 5 of A (its SEQ_GAP is resolved), each reconciled after it
		this.scenario.issueCards();
		this.scenario.dayOne();
		CliResult first = cardops("run", "reconcile", "--date", "2026-09-03");
		Path exceptions = outbox().resolve("20260903/exceptions_20260903.csv");
		byte[] firstBytes = Files.readAllBytes(exceptions);
		this.scenario.inboxFile("payments_ALIPAY_20260904_01.csv", ReconcileScenario.PAYMENTS, 3,
				"PC1,PAYMENT,2026-09-04T09:00:00+08:00,3000,18,");
		assertThat(cardops("run", "reconcile", "--date", "2026-09-04").code()).isZero();
		this.scenario.inboxFile("taps_BJBUS_20260905_01.csv", TAPS, 10,
				"B6," + A + ",5,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,4700");
		assertThat(cardops("run", "reconcile", "--date", "2026-09-05").code()).isZero();
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM recon_exception WHERE clearing_date = '2026-09-03' AND resolved_on > clearing_date")
			.query(Long.class)
			.single()).isEqualTo(2);

		// when
		CliResult rerun = cardops("run", "reconcile", "--date", "2026-09-03");

		// then
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(rerun.code()).as(rerun.err()).isZero();
		assertThat(rerun.summary()).startsWith("job=reconcile date=2026-09-03 status=NOOP");
		assertThat(Files.readAllBytes(exceptions)).isEqualTo(firstBytes);
	}

	// Finding 7: a directory given as --file.

	@Test
	void aDirectoryGivenAsARosterFileIsReportedAsADirectory() throws Exception {
		// given
		Path folder = Files.createDirectories(this.work.resolve("roster_UCAS_20260825.csv"));

		// when
		CliResult result = cardops("run", "roster-import", "--file", folder.toString());

		// then
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("cardops: --file " + folder + " is a directory, not a file\n");
		assertNoInternalText(result);
	}

	@Test
	void anEmptyPathGivenAsARosterFileIsRefusedBeforeAnythingIsRead() {
		// (a path that is empty would be read as the current folder)
		CliResult empty = cardops("run", "roster-import", "--file", "");

		assertThat(empty.code()).isEqualTo(2);
		assertThat(empty.err()).isEqualTo("cardops: --file is empty: give the roster file's path\n");
	}

	// Finding 8: raw internal text reaches users.

	@Test
	void anUnexpectedFailureIsASentenceNamingTheJobStepAndLogWithTheStackTraceInTheLog() throws Exception {
		// given: an outbox that is a file, so that publishing fails in the file system
		loadReference();
		this.scenario.inboxFile("taps_BJBUS_20260903_01.csv", TAPS, 10,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950");
		Files.createDirectories(outbox());
		Files.writeString(outbox().resolve("20260903"), "in the way");
		Path log = this.work.resolve("logs/cardops-errors.log");
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", ID_KEY);
		environment.put("CARDOPS_ERROR_LOG", log.toString());

		// when
		CliResult result = cardopsWith(environment, "run", "reconcile", "--date", "2026-09-03");

		// then: a sentence that names the kind, the job, its step and the log
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-03 status=FAILED");
		assertThat(result.err())
			.matches("an unexpected error \\(" + Pattern.quote(outbox().resolve("20260903").toString())
					+ " is a file where a folder is needed: move it away\\) stopped reconcile in \\w+ \\(cannot create "
					+ Pattern.quote(outbox().resolve("20260903/exceptions_20260903.csv").toString())
					+ "\\); the run can be restarted with the same command;" + " the details are in the log \\("
					+ Pattern.quote(log.toString()) + "\\)\n");
		assertNoInternalText(result);
		// and: the stack trace is in the log
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("reconcile in ", "Exception",
				"at io.cardops.");
	}

	// Upgrading: V24 lands after V28 on a database that has V28.

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aDatabaseMigratedWithoutV24GetsItOutOfOrderOnItsNextStart(CapturedOutput output) throws Exception {
		// given: a database as the release before V24 left it (every other migration
		// applied)
		loadReference();
		inbox();
		this.database.sql().sql("DROP TABLE inbox_problem").update();
		this.database.sql().sql("DELETE FROM flyway_schema_history WHERE version = '24'").update();

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the command starts, and V24 is applied after the others
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).startsWith("job=reconcile date=2026-09-03 status=NOOP");
		assertThat(this.database.sql()
			.sql("SELECT success FROM flyway_schema_history WHERE version = '24'")
			.query(Boolean.class)
			.list()).containsExactly(true);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM inbox_problem").query(Long.class).single()).isZero();
		assertNoInternalText(result);
		// and: Flyway's warning about out-of-order mode is not printed before the results
		assertThat(output.getOut() + output.getErr()).doesNotContain("outOfOrder");
	}

	private Path inbox() throws Exception {
		return Files.createDirectories(this.work.resolve("inbox"));
	}

	/** What a user sees names no Java exception, package, SQL or stack frame. */
	static void assertNoInternalText(CliResult result) {
		assertThat(result.out() + result.err()).doesNotContain("Exception", "java.", "org.", "SQL", "at io.");
	}

}
