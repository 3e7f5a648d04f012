package io.cardops.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * Reconciliation end to end through the command line on a hand-checked scenario that
 * plants every exception category; amounts are worked out in the comments.
 */
class ReconcileIntegrationTests extends CliTestSupport {

	static final String A = ReconcileScenario.A;

	static final String B = ReconcileScenario.B;

	static final String C = ReconcileScenario.C;

	static final String UNKNOWN = ReconcileScenario.UNKNOWN;

	static final String E = ReconcileScenario.E;

	static final String F = ReconcileScenario.F;

	static final String H = ReconcileScenario.H;

	static final String G = ReconcileScenario.G;

	static final String TAPS = ReconcileScenario.TAPS;

	static final String RECHARGES = ReconcileScenario.RECHARGES;

	static final String PAYMENTS = ReconcileScenario.PAYMENTS;

	static final String EXCEPTIONS = "clearing_date,category,status,partner,card_no,card_seq,source_file,source_line,amount_yuan,detail";

	private final ReconcileScenario scenario = new ReconcileScenario(this);

	@BeforeEach
	void cardsIssued() throws Exception {
		this.scenario.issueCards();
	}

	@Test
	void everyCategoryIsFoundWithItsAmountSourceAndPartner() throws Exception {
		this.scenario.dayOne();

		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-03 status=COMPLETED taps=15 recharges=6"
				+ " payments=7 exceptions=14 held=3 dropped=1 files_rejected=0");
		assertThat(exceptions("20260903")).containsExactly(EXCEPTIONS,
				"2026-09-03,UNLOADED_PAYMENT,OPEN,ALIPAY,,,payments_ALIPAY_20260903_01.csv,3,12.00",
				"2026-09-03,UNPAID_RECHARGE,OPEN,BMAC_APP," + C + ",1,recharges_BMAC_APP_20260903_01.csv,3,30.00",
				"2026-09-03,REFUNDED_BUT_LOADED,OPEN,BMAC_APP," + H + ",2,recharges_BMAC_APP_20260903_01.csv,4,10.00",
				"2026-09-03,AMOUNT_MISMATCH,OPEN,HEBAO," + H + ",1,recharges_HEBAO_20260903_01.csv,2,1.00",
				// seq 5 missing: seq 4 left 4750, seq 6 started from 4700.
				"2026-09-03,SEQ_GAP,OPEN,BJBUS," + A + ",6,taps_BJBUS_20260903_01.csv,3,0.50",
				"2026-09-03,LOST_CARD_TAP,OPEN,BJBUS," + B + ",2,taps_BJBUS_20260903_01.csv,5,0.50",
				// seq 1 left 3000, seq 2 reports 2000 after a 50 fen charge: 2050 - 3000.
				"2026-09-03,BALANCE_BREAK,OPEN,BJBUS," + C + ",2,taps_BJBUS_20260903_01.csv,6,-9.50",
				"2026-09-03,DUPLICATE,OPEN,BJSUBWAY," + A + ",3,taps_BJSUBWAY_20260903_01.csv,4,2.00",
				// seq 4 was taken by the BJBUS file, first by file name.
				"2026-09-03,SEQ_CONFLICT,OPEN,BJSUBWAY," + A + ",4,taps_BJSUBWAY_20260903_01.csv,5,2.00",
				"2026-09-03,INCOMPLETE_TRIP,OPEN,BJSUBWAY," + A + ",7,taps_BJSUBWAY_20260903_01.csv,6,0.00",
				// 400 at 50%: 200 expected, 250 charged.
				"2026-09-03,FARE_MISMATCH,OPEN,BJSUBWAY," + A + ",9,taps_BJSUBWAY_20260903_01.csv,7,0.50",
				"2026-09-03,UNKNOWN_CARD,OPEN,BJSUBWAY," + UNKNOWN + ",1,taps_BJSUBWAY_20260903_01.csv,8,0.00",
				// an ENTRY with 150 fen, the metro minimum being 200.
				"2026-09-03,BELOW_MIN_BALANCE,OPEN,BJSUBWAY," + E + ",2,taps_BJSUBWAY_20260903_01.csv,9,0.50",
				"2026-09-03,MALFORMED_RECORD,OPEN,BJSUBWAY,31040000000000000,1,taps_BJSUBWAY_20260903_01.csv,11,0.00");
		// Instants in details are Asia/Shanghai time, as the card event said them.
		assertThat(Files.readString(outbox().resolve("20260903/exceptions_20260903.csv"), StandardCharsets.UTF_8))
			.contains(",card blocked since 2026-09-02T08:00:00+08:00\r\n");
		CliResult trace = cardops("trace", "--card", A);
		assertThat(trace.out()).contains("taps and top-ups (card_seq order; judgment/settlement)",
				"seq 1    2026-09-03T07:00:00+08:00  top-up 50.00 via BMAC_APP ref PA1",
				"seq 3    2026-09-03T08:30:00+08:00  BJSUBWAY METRO L1 EXIT 2.00 of 4.00 STUDENT", "ACCEPTED/PAID",
				"DUPLICATE/DROPPED", "CONFLICT/HELD", "(taps_BJSUBWAY_20260903_01.csv:4)",
				"2026-09-03  PAYMENT PA1  50.00 yuan via ALIPAY  (payments_ALIPAY_20260903_01.csv:2)",
				"2026-09-03  SEQ_GAP             OPEN     seq 6", "card_seq 5 missing");
		assertThat(cardops("trace", "--card", UNKNOWN).out()).contains("UNKNOWN/HELD", "UNKNOWN_CARD");
		assertThat(this.database.sql()
			.sql("SELECT last_seq || '/' || balance_fen FROM card_ledger WHERE card_no = ?")
			.params(A)
			.query(String.class)
			.single()).isEqualTo("9/4350");
	}

	@Test
	void traceShowsTheRowsOfAFileNotJudgedYet() throws Exception {
		this.scenario.dayOne();
		cardops("run", "reconcile", "--date", "2026-09-03");
		// As if a run had stopped after loading the BJBUS file and before judging it.
		this.database.sql()
			.sql("DELETE FROM ledger_judgment WHERE source_file = 'taps_BJBUS_20260903_01.csv'")
			.update();
		this.database.sql()
			.sql("UPDATE inbox_file SET judged_at = NULL WHERE file_name = 'taps_BJBUS_20260903_01.csv'")
			.update();

		List<String> trace = cardops("trace", "--card", A).out().lines().toList();

		assertThat(trace)
			.filteredOn((line) -> line.startsWith("  seq ") && line.endsWith("(taps_BJBUS_20260903_01.csv:3)"))
			.singleElement(STRING)
			.contains("not judged yet");
		assertThat(trace)
			.filteredOn((line) -> line.startsWith("  seq ") && line.endsWith("(taps_BJSUBWAY_20260903_01.csv:4)"))
			.singleElement(STRING)
			.contains("DUPLICATE/DROPPED");
	}

	@Test
	void aTapFileFromAPartnerThatIsNoOperatorIsRejectedWhole() throws Exception {
		this.scenario.inboxFile("taps_NOSUCHOP_20260903_01.csv", TAPS, 10,
				"N1," + A + ",2,2026-09-03T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,5000");

		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		assertThat(result.summary()).contains("taps=0", "files_rejected=1");
		assertThat(Files.readString(outbox().resolve("20260903/inbox_rejects_20260903.csv"), StandardCharsets.UTF_8))
			.isEqualTo("\uFEFFsource_file,reason\r\n"
					+ "taps_NOSUCHOP_20260903_01.csv,NOSUCHOP is not an operator in the reference data\r\n");
	}

	@Test
	void laterDatesResolveGapsAndPaymentsAndFlagLateAndExpiredTaps() throws Exception {
		this.scenario.dayOne();
		cardops("run", "reconcile", "--date", "2026-09-03");
		byte[] firstRun = Files.readAllBytes(outbox().resolve("20260903/exceptions_20260903.csv"));
		// The missing seq 5 and C's payment arrive two days later; F's late tap comes
		// with them.
		this.scenario.inboxFile("taps_BJBUS_20260905_01.csv", TAPS, 10,
				"B6," + A + ",5,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,4700",
				"B7," + F + ",2,2026-08-27T09:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		this.scenario.inboxFile("recharges_COUNTER_20260905_01.csv", RECHARGES, 4,
				"C3," + F + ",1,2026-08-27T08:00:00+08:00,1000,1000,");
		this.scenario.inboxFile("payments_ALIPAY_20260905_01.csv", PAYMENTS, 3,
				"PC1,PAYMENT,2026-09-05T09:00:00+08:00,3000,18,");

		CliResult rerun = cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult later = cardops("run", "reconcile", "--date", "2026-09-05");

		assertThat(rerun.summary()).startsWith("job=reconcile date=2026-09-03 status=NOOP taps=15");
		assertThat(Files.readAllBytes(outbox().resolve("20260903/exceptions_20260903.csv"))).isEqualTo(firstRun);
		assertThat(later.summary()).isEqualTo("job=reconcile date=2026-09-05 status=COMPLETED taps=2 recharges=1"
				+ " payments=1 exceptions=3 held=0 dropped=0 files_rejected=0");
		assertThat(exceptions("20260905")).containsExactly(EXCEPTIONS,
				"2026-09-03,UNPAID_RECHARGE,RESOLVED,BMAC_APP," + C + ",1,recharges_BMAC_APP_20260903_01.csv,3,30.00",
				"2026-09-03,SEQ_GAP,RESOLVED,BJBUS," + A + ",6,taps_BJBUS_20260903_01.csv,3,0.50",
				"2026-09-05,LATE_RECORD,OPEN,BJBUS," + F + ",2,taps_BJBUS_20260905_01.csv,3,0.50");
		// Re-running September 3 after September 5 resolved two of its exceptions
		// publishes them as they stood at the end of September 3's run: the same bytes.
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").summary())
			.startsWith("job=reconcile date=2026-09-03 status=NOOP");
		assertThat(Files.readString(outbox().resolve("20260903/exceptions_20260903.csv"), StandardCharsets.UTF_8))
			.isEqualTo(new String(firstRun, StandardCharsets.UTF_8));

		// G's card was valid until 2026-09-30: a student fare on October 2 is not
		// claimable.
		this.scenario.inboxFile("recharges_COUNTER_20261002_01.csv", RECHARGES, 4,
				"C4," + G + ",1,2026-10-02T08:00:00+08:00,1000,1000,");
		this.scenario.inboxFile("taps_BJBUS_20261002_01.csv", TAPS, 10,
				"B8," + G + ",2,2026-10-02T09:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		cardops("run", "reconcile", "--date", "2026-10-02");

		assertThat(exceptions("20261002")).containsExactly(EXCEPTIONS,
				"2026-10-02,EXPIRED_DISCOUNT,OPEN,BJBUS," + G + ",2,taps_BJBUS_20261002_01.csv,2,1.50");
	}

	@Test
	void aCopyMatchesInEveryFieldAndAnyOtherRowWithTheSeqIsAConflict() throws Exception {
		this.scenario.dayOne();
		cardops("run", "reconcile", "--date", "2026-09-03");
		// Rows of September 3 sent again: one unchanged, the others each with one field
		// changed, among them fields the judging's sort leaves out; and a new seq twice.
		this.scenario.inboxFile("taps_BJMTR_20260904_01.csv", TAPS, 10,
				"S1," + A + ",2,2026-09-03T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,5000",
				"S3," + A + ",7,2026-09-03T18:00:00+08:00,METRO,L2,Dongdan,G99,ENTRY,0,0,STUDENT,4650",
				"S4X," + A + ",9,2026-09-03T19:00:00+08:00,METRO,L2,Wangfujing,G04,EXIT,400,250,STUDENT,4350",
				"B1," + A + ",4,2026-09-03T09:00:00+08:00,BUS,52,Wudaokou,B01,SINGLE,200,50,STUDENT,4750",
				"B2," + A + ",6,2026-09-03T12:00:00+08:00,BUS,53,Haidian,B02,SINGLE,200,50,STUDENT,4650",
				"S10," + A + ",10,2026-09-04T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,4350",
				"S10," + A + ",10,2026-09-04T08:00:00+08:00,METRO,L1,Jishuitan,G01,ENTRY,0,0,STUDENT,4350");
		// With a column files.md does not know: ignored with a warning.
		this.scenario.inboxFile("recharges_BMAC_APP_20260904_01.csv", RECHARGES + ",note", 4,
				"R1," + A + ",1,2026-09-03T07:00:00+08:00,5000,5000,PA9,resent",
				"R2," + C + ",1,2026-09-03T07:10:00+08:00,3000,3000,PC1,resent");

		CliResult result = cardops("run", "reconcile", "--date", "2026-09-04");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.err())
			.contains("warning: recharges_BMAC_APP_20260904_01.csv: line 1: unknown column note ignored\n");
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,SEQ_CONFLICT,OPEN,BMAC_APP," + A + ",1,recharges_BMAC_APP_20260904_01.csv,2,50.00",
				"2026-09-04,DUPLICATE,OPEN,BMAC_APP," + C + ",1,recharges_BMAC_APP_20260904_01.csv,3,30.00",
				"2026-09-04,DUPLICATE,OPEN,BJMTR," + A + ",2,taps_BJMTR_20260904_01.csv,2,0.00",
				"2026-09-04,SEQ_CONFLICT,OPEN,BJMTR," + A + ",7,taps_BJMTR_20260904_01.csv,3,0.00",
				"2026-09-04,SEQ_CONFLICT,OPEN,BJMTR," + A + ",9,taps_BJMTR_20260904_01.csv,4,2.50",
				"2026-09-04,SEQ_CONFLICT,OPEN,BJMTR," + A + ",4,taps_BJMTR_20260904_01.csv,5,0.50",
				"2026-09-04,SEQ_CONFLICT,OPEN,BJMTR," + A + ",6,taps_BJMTR_20260904_01.csv,6,0.50",
				"2026-09-04,SEQ_CONFLICT,OPEN,BJMTR," + A + ",10,taps_BJMTR_20260904_01.csv,8,0.00");
		assertThat(result.summary()).isEqualTo("job=reconcile date=2026-09-04 status=COMPLETED taps=7 recharges=2"
				+ " payments=0 exceptions=8 held=6 dropped=2 files_rejected=0");
	}

	@Test
	void aCounterpartInALaterFileOfTheSameDateResolvesThePaymentExceptions() throws Exception {
		// A top-up without its payment and a payment without its top-up. The other half
		// of each comes in a file of the same date, complete only after the first run.
		this.scenario.inboxFile("recharges_BMAC_APP_20260904_01.csv", RECHARGES, 4,
				"R1," + A + ",1,2026-09-04T07:00:00+08:00,5000,5000,PA1");
		this.scenario.inboxFile("payments_ALIPAY_20260904_01.csv", PAYMENTS, 3,
				"PC1,PAYMENT,2026-09-04T07:09:00+08:00,3000,18,");
		CliResult first = cardops("run", "reconcile", "--date", "2026-09-04");
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,UNLOADED_PAYMENT,OPEN,ALIPAY,,,payments_ALIPAY_20260904_01.csv,2,30.00",
				"2026-09-04,UNPAID_RECHARGE,OPEN,BMAC_APP," + A + ",1,recharges_BMAC_APP_20260904_01.csv,2,50.00");
		assertThat(first.summary()).contains("exceptions=2");
		this.scenario.inboxFile("recharges_HEBAO_20260904_01.csv", RECHARGES, 4,
				"H1," + C + ",1,2026-09-04T07:10:00+08:00,3000,3000,PC1");
		this.scenario.inboxFile("payments_WECHAT_20260904_01.csv", PAYMENTS, 3,
				"PA1,PAYMENT,2026-09-04T06:59:00+08:00,5000,30,");

		CliResult rerun = cardops("run", "reconcile", "--date", "2026-09-04");

		assertThat(rerun.summary()).isEqualTo("job=reconcile date=2026-09-04 status=COMPLETED taps=0 recharges=2"
				+ " payments=2 exceptions=2 held=0 dropped=0 files_rejected=0");
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,UNLOADED_PAYMENT,RESOLVED,ALIPAY,,,payments_ALIPAY_20260904_01.csv,2,30.00",
				"2026-09-04,UNPAID_RECHARGE,RESOLVED,BMAC_APP," + A + ",1,recharges_BMAC_APP_20260904_01.csv,2,50.00");
	}

	@Test
	void aPaymentBacksOneTopUpTheFirstAndASecondNamingItIsUnpaid() throws Exception {
		// Two top-ups of two cards name the one payment PS1: it backs the first in the
		// judging's order (file, then line); the second is unpaid, the channel liable.
		this.scenario.inboxFile("recharges_BMAC_APP_20260904_01.csv", RECHARGES, 4,
				"R1," + A + ",1,2026-09-04T07:00:00+08:00,5000,5000,PS1",
				"R2," + C + ",1,2026-09-04T07:05:00+08:00,5000,5000,PS1");
		this.scenario.inboxFile("payments_ALIPAY_20260904_01.csv", PAYMENTS, 3,
				"PS1,PAYMENT,2026-09-04T06:59:00+08:00,5000,30,");

		CliResult first = cardops("run", "reconcile", "--date", "2026-09-04");

		assertThat(first.summary()).contains("exceptions=1");
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,UNPAID_RECHARGE,OPEN,BMAC_APP," + C + ",1,recharges_BMAC_APP_20260904_01.csv,3,50.00");
		// A run again, with the payment there all along, does not take it for the second
		// top-up's.
		CliResult again = cardops("run", "reconcile", "--date", "2026-09-04");
		assertThat(again.code()).as(again.err()).isZero();
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,UNPAID_RECHARGE,OPEN,BMAC_APP," + C + ",1,recharges_BMAC_APP_20260904_01.csv,3,50.00");
	}

	@Test
	void aCounterpartOlderThanTheWindowIsStillComparedInAmount() throws Exception {
		// Each half's counterpart arrives six days after it: too late to resolve the
		// first half's exception, but a match for the second half, which then differs in
		// amount.
		this.scenario.inboxFile("payments_ALIPAY_20260904_01.csv", PAYMENTS, 3,
				"PX1,PAYMENT,2026-09-04T07:09:00+08:00,3000,18,");
		this.scenario.inboxFile("recharges_HEBAO_20260904_01.csv", RECHARGES, 4,
				"H1," + C + ",1,2026-09-04T07:10:00+08:00,3000,3000,PY1");
		cardops("run", "reconcile", "--date", "2026-09-04");
		this.scenario.inboxFile("recharges_BMAC_APP_20260910_01.csv", RECHARGES, 4,
				"R1," + A + ",1,2026-09-10T07:00:00+08:00,5000,5000,PX1");
		this.scenario.inboxFile("payments_WECHAT_20260910_01.csv", PAYMENTS, 3,
				"PY1,PAYMENT,2026-09-04T07:11:00+08:00,2000,12,");

		CliResult late = cardops("run", "reconcile", "--date", "2026-09-10");

		assertThat(late.summary()).contains("exceptions=2");
		assertThat(exceptions("20260910")).containsExactly(EXCEPTIONS,
				"2026-09-10,AMOUNT_MISMATCH,OPEN,BMAC_APP," + A + ",1,recharges_BMAC_APP_20260910_01.csv,2,20.00",
				"2026-09-10,AMOUNT_MISMATCH,OPEN,HEBAO," + C + ",1,recharges_HEBAO_20260904_01.csv,2,10.00");
		assertThat(exceptions("20260904")).containsExactly(EXCEPTIONS,
				"2026-09-04,UNLOADED_PAYMENT,OPEN,ALIPAY,,,payments_ALIPAY_20260904_01.csv,2,30.00",
				"2026-09-04,UNPAID_RECHARGE,OPEN,HEBAO," + C + ",1,recharges_HEBAO_20260904_01.csv,2,30.00");
	}

	/** Rows of an exceptions file without BOM, CRLF and the detail column. */
	@Test
	void anAppTopUpWithoutAPaymentRefIsUnpaidNotCash() throws Exception {
		// given: day one, and a HEBAO top-up of 10.00 onto card C without a payment_ref
		// (only a COUNTER top-up is cash)
		this.scenario.dayOne();
		this.scenario.inboxFile("recharges_HEBAO_20260903_02.csv", RECHARGES, 4,
				"H9," + C + ",3,2026-09-03T11:00:00+08:00,1000,3000,");

		// when
		CliResult result = cardops("run", "reconcile", "--date", "2026-09-03");

		// then: the channel is liable for it, as for a top-up without its payment
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(exceptions("20260903"))
			.contains("2026-09-03,UNPAID_RECHARGE,OPEN,HEBAO," + C + ",3,recharges_HEBAO_20260903_02.csv,2,10.00");
		assertThat(this.database.sql()
			.sql("SELECT detail FROM recon_exception WHERE source_file = 'recharges_HEBAO_20260903_02.csv'")
			.query(String.class)
			.single())
			.isEqualTo("no payment_ref: a top-up through HEBAO is paid through the app (only a COUNTER"
					+ " top-up is cash)");
		// and the cash top-ups at the COUNTER raise nothing
		assertThat(exceptions("20260903")).noneMatch((row) -> row.contains("recharges_COUNTER_"));
	}

	@Test
	void aPaymentStatementSentAgainUnderAnotherNameOwesTheUnloadedPaymentOnce() throws Exception {
		// given: day one, and ALIPAY's statement sent again as _02, the same day and the
		// next (PX9, 12.00, has no top-up)
		this.scenario.dayOne();
		String statement = Files.readString(this.work.resolve("inbox").resolve("payments_ALIPAY_20260903_01.csv"),
				StandardCharsets.UTF_8);
		String[] rows = statement.lines().skip(1).toArray(String[]::new);
		this.scenario.inboxFile("payments_ALIPAY_20260903_02.csv", PAYMENTS, 3, rows);

		// when
		CliResult first = cardops("run", "reconcile", "--date", "2026-09-03");
		this.scenario.inboxFile("payments_ALIPAY_20260904_01.csv", PAYMENTS, 3, rows[1]);
		CliResult next = cardops("run", "reconcile", "--date", "2026-09-04");

		// then: PX9 is one payment whose money is due back once, from its first row
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(next.code()).as(next.err()).isZero();
		assertThat(this.database.sql()
			.sql("SELECT source_file || ':' || source_line || ' ' || amount_fen FROM recon_exception"
					+ " WHERE category = 'UNLOADED_PAYMENT'")
			.query(String.class)
			.list()).containsExactly("payments_ALIPAY_20260903_01.csv:3 1200");
	}

	private List<String> exceptions(String day) throws Exception {
		String text = Files.readString(outbox().resolve(day).resolve("exceptions_" + day + ".csv"),
				StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF").endsWith("\r\n");
		List<String> rows = new java.util.ArrayList<>(List.of(EXCEPTIONS));
		for (org.apache.commons.csv.CSVRecord record : org.apache.commons.csv.CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new java.io.StringReader(text.substring(1)))) {
			rows.add(String.join(",", Arrays.asList(record.values()).subList(0, record.size() - 1)));
		}
		return rows;
	}

}
