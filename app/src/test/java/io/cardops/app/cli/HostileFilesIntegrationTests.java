package io.cardops.app.cli;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to the inbox readers and the row rules (issue 20, findings 1, 2, 3 and
 * the readers' part of 7), one test per finding, each reproducing it as the issue
 * describes it, through the command line on the test database (H2, or PostgreSQL with
 * {@code -Dcardops.test.db=postgres}).
 */
class HostileFilesIntegrationTests extends CliTestSupport {

	static final String TAPS = ReconcileScenario.TAPS;

	static final String RECHARGES = ReconcileScenario.RECHARGES;

	static final String A = ReconcileScenario.A;

	static final String B = ReconcileScenario.B;

	static final String ROSTER_HEADER = "student_no,name,id_no,level,salaried,status,enrolled_on,expected_graduation\n";

	static final String EXCEPTIONS = "clearing_date,category,status,partner,card_no,card_seq,source_file,source_line,amount_yuan,detail";

	// Finding 1: a lone CR ends a line.

	@Test
	void aTapFileWithCarriageReturnLineEndsIsJudgedRowByRowOnItsPhysicalLines() throws Exception {
		// given: a fresh clone's database (reference data, no cards), and two valid
		// SINGLE taps joined by CR only
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\r", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950",
				"B2," + B + ",1,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");

		// when
		CliResult first = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult again = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: each row is on its own line, and the date completes, once
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=2 recharges=0"
				+ " payments=0 exceptions=2 held=2 dropped=0 files_rejected=0");
		assertThat(outboundRows(outbox().resolve("20260903/exceptions_20260903.csv"))).containsExactly(EXCEPTIONS,
				"2026-09-03,UNKNOWN_CARD,OPEN,BJBUS," + A
						+ ",1,taps_BJBUS_20260903_01.csv,2,0.50,card_no is not in the card master",
				"2026-09-03,UNKNOWN_CARD,OPEN,BJBUS," + B
						+ ",1,taps_BJBUS_20260903_01.csv,3,0.50,card_no is not in the card master");
		assertThat(again.code()).as(again.err()).isZero();
		assertThat(again.summary()).startsWith("job=reconcile date=2026-09-03 status=NOOP taps=2");
	}

	@Test
	void malformedRowsOfACarriageReturnTapFileAreHeldEachOnItsOwnLine() throws Exception {
		// given: two rows whose card_seq is not a number, joined by CR only
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\r", 10, TAPS,
				"B1," + A + ",one,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950",
				"B2," + B + ",two,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(this.database.sql()
			.sql("SELECT source_line || ' ' || reason FROM ledger_malformed ORDER BY source_line")
			.query(String.class)
			.list()).containsExactly("2 card_seq must be an integer >= 1 of at most 15 digits",
					"3 card_seq must be an integer >= 1 of at most 15 digits");
		assertThat(outboundRows(outbox().resolve("20260903/exceptions_20260903.csv"))).containsExactly(EXCEPTIONS,
				"2026-09-03,MALFORMED_RECORD,OPEN,BJBUS," + A
						+ ",one,taps_BJBUS_20260903_01.csv,2,0.00,card_seq must be an integer >= 1 of at most 15 digits",
				"2026-09-03,MALFORMED_RECORD,OPEN,BJBUS," + B
						+ ",two,taps_BJBUS_20260903_01.csv,3,0.00,card_seq must be an integer >= 1 of at most 15 digits");
	}

	@Test
	void aRowWithAVeryLongOrNulCellIsMalformedAndTheDateGoesOn() throws Exception {
		// given: a tap file whose rows carry a 600-character mode, a NUL in the mode, a
		// NUL
		// in the card number and a 300-character instant; and a good file of another
		// operator beside it
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00," + "M".repeat(600)
						+ ",52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950",
				"B2," + A + ",2,2026-09-03T09:10:00+08:00,BU\u0000S,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4900",
				"B3,31040000\u000000000017,3,2026-09-03T09:20:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4850",
				"B4," + A + ",4," + "2".repeat(300) + ",BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4800",
				"B5,\u202E" + A + ",5,2026-09-03T09:40:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4750");
		inboxFile("taps_BJSUBWAY_20260903_01.csv", "\n", 10, TAPS,
				"S1," + B + ",1,2026-09-03T09:00:00+08:00,METRO,L1,Xidan,G-01,SINGLE,400,200,STUDENT,800");

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: four MALFORMED_RECORDs whose reasons show the cell cut and the NUL as
		// U+FFFD; the other file is loaded
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).startsWith("job=reconcile date=2026-09-03 status=COMPLETED taps=6 ");
		List<String> reasons = this.database.sql()
			.sql("SELECT source_line || ' ' || reason FROM ledger_malformed ORDER BY source_line")
			.query(String.class)
			.list();
		assertThat(reasons).hasSize(5);
		assertThat(reasons.get(0)).startsWith("2 mode '" + "M".repeat(64) + "...' must be one of ");
		assertThat(reasons.get(1)).startsWith("3 mode 'BU\uFFFDS' must be one of ");
		assertThat(reasons.get(2)).startsWith("4 card_no ");
		assertThat(reasons.get(3)).startsWith("5 tapped_at '" + "2".repeat(64) + "...' is not an ISO-8601 instant");
		assertThat(this.database.sql()
			.sql("SELECT card_no FROM ledger_malformed WHERE source_line = 4")
			.query(String.class)
			.single()).isEqualTo("31040000\uFFFD00000017");
		// a direction override is kept as U+FFFD too: the card number would read reversed
		// in the exceptions file, a spreadsheet or a terminal
		assertThat(this.database.sql()
			.sql("SELECT card_no FROM ledger_malformed WHERE source_line = 6")
			.query(String.class)
			.single()).isEqualTo("\uFFFD" + A);
		assertThat(Files.readString(outbox().resolve("20260903/exceptions_20260903.csv"))).doesNotContain("\u202E")
			.contains("\uFFFD" + A);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM ledger_row WHERE source_file = 'taps_BJSUBWAY_20260903_01.csv'")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aCardEventRejectOfACarriageReturnFileNamesItsPhysicalLine() throws Exception {
		// given: an event on line 2 (no such student: rejected by the rules) and a
		// malformed one on line 3, joined by CR only
		loadReference();
		inboxFile("cardevents_BMAC_APP_20260903_01.csv", "\r", 7, CardLifecycleIntegrationTests.HEADER.strip(),
				"E1,ISSUE,2026-09-03T09:00:00+08:00," + A + ",UCAS,2025E0000000001,IOS,",
				"E2,ISSUED,2026-09-03T09:01:00+08:00," + B + ",UCAS,2025E0000000002,IOS,",
				"E3,ISSUE,2026-09-03T09:02:00+08:00,\u202E" + B + ",UCAS,2025E0000000002,IOS,",
				// a NUL in a cell a reason quotes: PostgreSQL takes none in a text
				"E4,ISSUE,2026-09-03T09:03:00+08:00," + B + ",UCAS,2025E0000000002,I\u0000OS,");

		// when
		CliResult result = cardops("run", "card-events", "--date", "2026-09-03");

		// then (a direction override in a rejected cell, and a NUL in its reason, are
		// kept
		// as U+FFFD)
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(outboundRows(outbox().resolve("20260903/cardevent_rejects_20260903.csv"))).containsExactly(
				"source_file,line,event_id,card_no,reason",
				"cardevents_BMAC_APP_20260903_01.csv,2,E1," + A + ",student not eligible: NOT_ON_ROSTER",
				"cardevents_BMAC_APP_20260903_01.csv,3,E2," + B
						+ ",event 'ISSUED' must be one of ISSUE, RENEW, REPORT_LOST, RETURN",
				"cardevents_BMAC_APP_20260903_01.csv,4,E3,\uFFFD" + B + ",card_no must be exactly 19 digits",
				"cardevents_BMAC_APP_20260903_01.csv,5,E4," + B
						+ ",device 'I\uFFFDOS' must be one of IOS, ANDROID, HARMONY, SIM");
	}

	@Test
	void namesOfCharactersOutsideTheBasicPlaneAreTakenOrCutWholeAndTheDateGoesOn() throws Exception {
		// given: a tap whose station is 32 characters outside the basic plane (a name the
		// readers take: 64 UTF-16 units, which the embedded database measured), a tap and
		// a
		// card event whose card number is 40 of them (malformed, quoted back cut)
		String wide = "\uD842\uDFB7";
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52," + wide.repeat(32)
						+ ",B01,SINGLE,200,50,STUDENT,4950",
				"B2," + wide.repeat(40) + ",2,2026-09-03T09:10:00+08:00,BUS,52,Xidan,B01,SINGLE,200,50,STUDENT,4900");
		inboxFile("cardevents_BMAC_APP_20260903_01.csv", "\n", 7, CardLifecycleIntegrationTests.HEADER.strip(),
				"E1,ISSUE,2026-09-03T09:00:00+08:00," + wide.repeat(40) + ",UCAS,2025E0000000001,IOS,");

		// when
		CliResult events = cardops("run", "card-events", "--date", "2026-09-03");
		CliResult taps = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: both dates complete; the station is stored whole, and a cut card number
		// keeps whole characters (half of one failed the card events' rejects file)
		assertThat(events.code()).as(events.err()).isZero();
		assertThat(events.summary()).contains("status=COMPLETED", "rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/cardevent_rejects_20260903.csv")))
			.containsExactly("source_file,line,event_id,card_no,reason", "cardevents_BMAC_APP_20260903_01.csv,2,E1,"
					+ wide.repeat(30) + "...,card_no must be exactly 19 digits");
		assertThat(taps.code()).as(taps.err()).isZero();
		assertThat(taps.summary()).startsWith("job=reconcile date=2026-09-03 status=COMPLETED taps=2 ");
		assertThat(this.database.sql().sql("SELECT station FROM ledger_row").query(String.class).single())
			.isEqualTo(wide.repeat(32));
		assertThat(Files.readString(outbox().resolve("20260903/exceptions_20260903.csv")))
			.contains(wide.repeat(30) + "...")
			.doesNotContain("?...");
	}

	// Finding 2: amounts are bounded to ±10,000,000 fen.

	@Test
	void aTapWithAFifteenDigitFareIsHeldAsMalformedAndTheDateSettles() throws Exception {
		// given: cards issued, and an otherwise good tap file with the issue's row on
		// line 3
		new ReconcileScenario(this).issueCards();
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,-50",
				"B2," + B + ",1,2026-09-03T10:00:00+08:00,METRO,L1,Xidan,G01,SINGLE,999999999999999,999999999999999,"
						+ "NONE,-999999999999999");

		// when
		CliResult reconcile = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult settle = cardops("run", "settle", "--date", "2026-09-03");

		// then: the row is held with its file, line and reason; the rest goes on
		assertThat(reconcile.code()).as(reconcile.err()).isZero();
		assertThat(reconcile.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=2"
				+ " recharges=0 payments=0 exceptions=2 held=1 dropped=0 files_rejected=0");
		assertThat(outboundRows(outbox().resolve("20260903/exceptions_20260903.csv"))).containsExactly(EXCEPTIONS,
				"2026-09-03,BELOW_MIN_BALANCE,OPEN,BJBUS," + A
						+ ",1,taps_BJBUS_20260903_01.csv,2,1.00,balance before 0.00 yuan, minimum 1.00 yuan",
				"2026-09-03,MALFORMED_RECORD,OPEN,BJBUS," + B + ",1,taps_BJBUS_20260903_01.csv,3,0.00,"
						+ "full_fare_fen 999999999999999 is more than the 10,000,000 fen a file may carry");
		assertThat(settle.code()).as(settle.err()).isZero();
		assertThat(settle.summary()).startsWith("job=settle date=2026-09-03 status=COMPLETED version=1");
		assertThat(outboundRows(outbox().resolve("20260903/settlement_20260903_BJBUS.csv"))).contains(
				"2026-09-03,BJBUS,METRO,L1,1,0,0.00,0.00,0.00,0.00,0.00",
				"2026-09-03,BJBUS,TOTAL,,2,1,2.00,1.50,0.50,0.00,0.50");
	}

	// Finding 3: sums cannot overflow.

	@Test
	void elevenFilesOfHugeTopUpsAreMalformedRowsAndTheDateSettles() throws Exception {
		// given: eleven recharge files of 1,000 rows of 999,999,999,999,999 fen: each
		// file's control sum fits in a long, the day's total would not
		loadReference();
		for (int file = 1; file <= 11; file++) {
			String[] rows = new String[1000];
			for (int i = 0; i < rows.length; i++) {
				rows[i] = "R" + file + "-" + i + "," + A + "," + (file * 1000 + i + 1)
						+ ",2026-09-03T09:00:00+08:00,999999999999999,999999999999999,";
			}
			inboxFile("recharges_COUNTER_20260903_%02d.csv".formatted(file), "\n", 4, RECHARGES, rows);
		}

		// when
		CliResult reconcile = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult settle = cardops("run", "settle", "--date", "2026-09-03");

		// then: every row is malformed (no file is rejected), and settle publishes
		assertThat(reconcile.code()).as(reconcile.err()).isZero();
		assertThat(reconcile.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=0"
				+ " recharges=11000 payments=0 exceptions=11000 held=11000 dropped=0 files_rejected=0");
		assertThat(settle.code()).as(settle.err()).isZero();
		assertThat(settle.summary()).startsWith("job=settle date=2026-09-03 status=COMPLETED version=1");
		assertThat(settle.summary()).contains("recharges=0 net_receivable_yuan=0.00");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM ledger_malformed"
					+ " WHERE reason = 'amount_fen 999999999999999 is more than the 10,000,000 fen a file may carry'")
			.query(Long.class)
			.single()).isEqualTo(11000);
	}

	// Finding 7, control files: a key given twice, any-size sums, rows without an
	// amount.

	@Test
	void aControlFileThatGivesRecordsTwiceRejectsItsFileNamingBothLines() throws Exception {
		// given: records=1 then records=2: the last used to win
		loadReference();
		Path file = inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950",
				"B2," + B + ",1,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		control(file, "records=1", "sum_fen=100", "records=2", "sha256=" + sha256(file));

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).contains("taps=0", "files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(
				"source_file,reason",
				"taps_BJBUS_20260903_01.csv,control file taps_BJBUS_20260903_01.csv.ctl gives records= twice"
						+ " (lines 1 and 3)");
	}

	@Test
	void aNineteenDigitOrNegativeSumIsASumAndAMalformedValueIsNamed() throws Exception {
		// given: a sum of 19 digits and a negative one, both right; and a sum that is no
		// integer
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,"
						+ "9999999999999999999,9999999999999999999,STUDENT,4950");
		inboxFile("recharges_COUNTER_20260903_01.csv", "\n", 4, RECHARGES,
				"C1," + B + ",1,2026-09-03T07:00:00+08:00,-500,1000,");
		Path third = inboxFile("recharges_COUNTER_20260903_02.csv", "\n", 4, RECHARGES,
				"C2," + B + ",2,2026-09-03T07:00:00+08:00,500,1500,");
		control(third, "records=1", "sum_fen=abc", "sha256=" + sha256(third));

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the first two are loaded, their rows malformed; the third is rejected
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=1"
				+ " recharges=1 payments=0 exceptions=2 held=2 dropped=0 files_rejected=1");
		assertThat(this.database.sql()
			.sql("SELECT source_file || ':' || source_line || ' ' || reason FROM ledger_malformed ORDER BY source_file")
			.query(String.class)
			.list()).containsExactly("recharges_COUNTER_20260903_01.csv:2 amount_fen must be an integer > 0",
					"taps_BJBUS_20260903_01.csv:2 full_fare_fen 9999999999999999999 is more than the 10,000,000 fen"
							+ " a file may carry");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv")))
			.containsExactly("source_file,reason", "recharges_COUNTER_20260903_02.csv,control file"
					+ " recharges_COUNTER_20260903_02.csv.ctl: sum_fen= 'abc' is not an integer");
	}

	@Test
	void aSumMismatchNamesTheRowsWhoseAmountIsNotAnInteger() throws Exception {
		// given: the control file says 900; two rows' charged_fen cannot be read
		loadReference();
		Path file = inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,200,STANDARD,4800",
				"B2," + A + ",2,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,2.00,STANDARD,4600",
				"B3," + A + ",3,2026-09-03T11:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,200,STANDARD,4400",
				"B4," + A + ",4,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,300,3 yuan,STANDARD,4100");
		control(file, "records=4", "sum_fen=900", "sha256=" + sha256(file));

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(
				"source_file,reason",
				"taps_BJBUS_20260903_01.csv,control file says sum_fen=900; the file's readable charged_fen values"
						+ " sum to 400, and 2 rows have no readable charged_fen (lines 3, 5)");
	}

	// Finding 7, headers: a duplicated column, a second byte order mark.

	@Test
	void aColumnDuplicatedUnderAnotherCaseOrSpacesIsNamedWithBothPositions() throws Exception {
		// given: a tap file with card_no and Card_No, a card-event file with card_no and
		// " card_no", a roster with student_no and "Student_No "
		loadReference();
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS + ",Card_No",
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950,x");
		inboxFile("cardevents_BMAC_APP_20260903_01.csv", "\n", 7,
				CardLifecycleIntegrationTests.HEADER.strip() + ", card_no",
				"E1,ISSUE,2026-09-03T09:00:00+08:00," + A + ",UCAS,2025E0000000001,IOS,,x");
		Path roster = write("roster_UCAS_20260903.csv",
				"student_no,name,id_no,level,salaried,status,enrolled_on,expected_graduation,Student_No \n"
						+ "S1,王小明,11010520000101001X,MASTER,N,ENROLLED,2025-09-01,2028-07-01,S1\n");

		// when
		CliResult reconcile = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult events = cardops("run", "card-events", "--date", "2026-09-03");
		CliResult import_ = cardops("run", "roster-import", "--file", roster.toString());

		// then
		assertThat(reconcile.summary()).contains("files_rejected=1");
		assertThat(events.summary()).contains("files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(
				"source_file,reason",
				"cardevents_BMAC_APP_20260903_01.csv,line 1: column card_no appears twice in the header (columns 4 and 9)",
				"taps_BJBUS_20260903_01.csv,line 1: column card_no appears twice in the header (columns 2 and 14)");
		assertThat(import_.code()).isEqualTo(3);
		assertThat(import_.summary()).contains("status=REJECTED");
		assertThat(import_.err()).contains("roster_UCAS_20260903.csv: line 1: column student_no appears twice in the"
				+ " header (columns 1 and 9)");
	}

	@Test
	void aFileThatStartsWithTwoByteOrderMarksIsRejectedForThat() throws Exception {
		// given: a tap file exported twice through a tool that adds a BOM
		loadReference();
		Path file = this.work.resolve("inbox").resolve("taps_BJBUS_20260903_01.csv");
		Files.createDirectories(file.getParent());
		Files.write(file,
				("\uFEFF\uFEFF" + TAPS + "\nB1," + A
						+ ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4950\n")
					.getBytes(StandardCharsets.UTF_8));
		control(file, "records=1", "sum_fen=50", "sha256=" + sha256(file));

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then
		assertThat(result.summary()).contains("taps=0", "files_rejected=1");
		assertThat(outboundRows(outbox().resolve("20260903/inbox_rejects_20260903.csv"))).containsExactly(
				"source_file,reason",
				"taps_BJBUS_20260903_01.csv,line 1 starts with a second byte order mark (U+FEFF)");
	}

	// Finding 7, roster identity numbers.

	@Test
	void aRosterRejectReasonNeverRepeatsAPartOfTheIdentityNumber() throws Exception {
		// given: a wrong check character (X expected) and a February 30 birth date
		loadReference();
		Path roster = write("roster_UCAS_20260905.csv",
				ROSTER_HEADER + "S1,王小明,110105194912310021,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n"
						+ "S2,李雷,110105200302300028,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n");

		// when
		CliResult result = cardops("run", "roster-import", "--file", roster.toString());

		// then
		assertThat(result.summary()).contains("status=REJECTED", "rejected=2");
		String rejects = Files.readString(outbox().resolve("20260905/roster_rejects_UCAS_20260905.csv"),
				StandardCharsets.UTF_8);
		assertThat(rejects).isEqualTo("\uFEFFline,student_no,field,reason\r\n" + "2,S1,id_no,check character wrong\r\n"
				+ "3,S2,id_no,birth date not a real date\r\n");
		assertThat(rejects + result.out() + result.err()).doesNotContain("19491231", "20030230", "expected X");
	}

	@Test
	void anIdentityNumberBornAfterTheRostersDateIsRejected() throws Exception {
		// given: a student born 2026-12-31 (right check character) on a roster of
		// 2026-09-05, and one born the day of the file
		loadReference();
		Path roster = write("roster_UCAS_20260905.csv",
				ROSTER_HEADER + "S1,王小明,11010519491231002X,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n"
						+ "S2,李雷,110105202612310017,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n"
						+ "S3,韩梅梅,110105202609050015,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n");

		// when
		CliResult result = cardops("run", "roster-import", "--file", roster.toString());

		// then
		assertThat(result.summary()).contains("rows=3 accepted=2 rejected=1");
		assertThat(outboundRows(outbox().resolve("20260905/roster_rejects_UCAS_20260905.csv")))
			.containsExactly("line,student_no,field,reason", "3,S2,id_no,birth date in the future");
	}

	// Finding 7, invisible characters in names that are published again.

	@Test
	void bidiOverridesAndZeroWidthCharactersInNamesAreRefusedNamingTheCodePoint() throws Exception {
		// given: a student whose name hides a right-to-left override, a tap whose station
		// hides a zero-width space, a partner whose name hides a bidi isolate
		loadReference();
		Path roster = write("roster_UCAS_20260905.csv",
				ROSTER_HEADER + "S1,王小明,11010519491231002X,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n"
						+ "S2,Li\u202EgniM,110105202609050015,MASTER,N,ENROLLED,2025-09-01,2028-07-01\n");
		inboxFile("taps_BJBUS_20260903_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2026-09-03T09:00:00+08:00,BUS,52,Zhong\u200Bguancun,B01,SINGLE,200,50,STUDENT,4950");
		Path reference = this.work.resolve("reference");
		Files.createDirectories(reference);
		Files.copy(SAMPLES.resolve("reference/fare_rules.csv"), reference.resolve("fare_rules.csv"));
		Files.writeString(reference.resolve("partners.csv"),
				Files.readString(SAMPLES.resolve("reference/partners.csv"), StandardCharsets.UTF_8)
					.replace("HEBAO,CHANNEL,中国移动和包,80", "HEBAO,CHANNEL,中国移动\u2067和包,80"),
				StandardCharsets.UTF_8);

		// when
		CliResult import_ = cardops("run", "roster-import", "--file", roster.toString());
		CliResult reconcile = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult load = cardops("reference", "load", "--dir", reference.toString());

		// then: each is refused with the field and code point, and the text never echoed
		assertThat(outboundRows(outbox().resolve("20260905/roster_rejects_UCAS_20260905.csv")))
			.containsExactly("line,student_no,field,reason", "3,S2,name,contains an invisible character U+202E");
		assertThat(import_.out() + import_.err()).doesNotContain("\u202E");
		assertThat(reconcile.code()).as(reconcile.err()).isZero();
		assertThat(outboundRows(outbox().resolve("20260903/exceptions_20260903.csv"))).containsExactly(EXCEPTIONS,
				"2026-09-03,MALFORMED_RECORD,OPEN,BJBUS," + A
						+ ",1,taps_BJBUS_20260903_01.csv,2,0.00,station contains an invisible character U+200B");
		assertThat(load.code()).isEqualTo(3);
		assertThat(load.err()).contains("partners.csv: line 10: name contains an invisible character U+2067")
			.doesNotContain("\u2067");
		assertThat(this.database.sql()
			.sql("SELECT name FROM partner WHERE partner_code = 'HEBAO'")
			.query(String.class)
			.single()).isEqualTo("中国移动和包");
	}

	// Finding 7, rows dated after their file.

	@Test
	void aTapOrCardEventDatedMonthsAfterItsFileIsNotPaidNorApplied() throws Exception {
		// given: issued cards; a tap of 2027-12-13 in a tap file of 2026-10-13, and a
		// report of loss of 2027-12-13 in a card-event file of the same date
		new ReconcileScenario(this).issueCards();
		inboxFile("taps_BJBUS_20261013_01.csv", "\n", 10, TAPS,
				"B1," + A + ",1,2027-12-13T08:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,200,NONE,-200");
		inboxFile("cardevents_BMAC_APP_20261013_01.csv", "\n", 7, CardLifecycleIntegrationTests.HEADER.strip(),
				"L9,REPORT_LOST,2027-12-13T08:00:00+08:00," + A + ",UCAS,2023E8015361474,IOS,");

		// when
		CliResult events = cardops("run", "card-events", "--date", "2026-10-13");
		CliResult reconcile = cardops("run", "reconcile", "--date", "2026-10-13");
		CliResult settle = cardops("run", "settle", "--date", "2026-10-13");

		// then
		assertThat(events.summary()).contains("events=1 applied=0 rejected=1");
		assertThat(outboundRows(outbox().resolve("20261013/cardevent_rejects_20261013.csv")))
			.containsExactly("source_file,line,event_id,card_no,reason", "cardevents_BMAC_APP_20261013_01.csv,2,L9," + A
					+ ",occurred_at 2027-12-13T08:00:00+08:00 is after its file's clearing date 2026-10-13");
		assertThat(reconcile.code()).as(reconcile.err()).isZero();
		assertThat(outboundRows(outbox().resolve("20261013/exceptions_20261013.csv"))).containsExactly(EXCEPTIONS,
				"2026-10-13,MALFORMED_RECORD,OPEN,BJBUS," + A + ",1,taps_BJBUS_20261013_01.csv,2,0.00,"
						+ "tapped_at 2027-12-13T08:00:00+08:00 is after its file's clearing date 2026-10-13");
		assertThat(settle.code()).as(settle.err()).isZero();
		assertThat(settle.summary()).contains("taps=1 paid=0 held=1 dropped=0 payable_yuan=0.00");
	}

	/**
	 * Writes an inbox file with the given line end after every line, and a control file
	 * that matches it: the sum of the integer cells of column {@code sumColumn}, of any
	 * size, as a sender would compute it.
	 */
	Path inboxFile(String name, String lineEnd, int sumColumn, String header, String... rows) throws Exception {
		Path file = write(name, header + lineEnd + String.join(lineEnd, rows) + lineEnd);
		BigInteger sum = BigInteger.ZERO;
		for (String row : rows) {
			String cell = row.split(",", -1)[sumColumn];
			if (cell.matches("-?[0-9]+")) {
				sum = sum.add(new BigInteger(cell));
			}
		}
		control(file, "records=" + rows.length, "sum_fen=" + sum, "sha256=" + sha256(file));
		return file;
	}

	/** Writes a data file's control file, line by line. */
	static void control(Path file, String... lines) throws Exception {
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"), String.join("\n", lines) + "\n",
				StandardCharsets.UTF_8);
	}

	static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(Sha256.newDigest().digest(Files.readAllBytes(file)));
	}

}
