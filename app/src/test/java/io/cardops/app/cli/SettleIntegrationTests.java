package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.FileSystemUtils;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlement end to end through the command line, on the hand-checked reconciliation
 * scenario: every figure is worked out in the comments from the rows of
 * {@link ReconcileScenario}.
 */
class SettleIntegrationTests extends CliTestSupport {

	static final String E = ReconcileScenario.E;

	static final String G = ReconcileScenario.G;

	static final String OPERATOR = "clearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,charged_yuan,held_yuan,payable_yuan";

	static final String CHANNEL = "clearing_date,channel,recharges,amount_yuan,commission_bp,commission_yuan,net_receivable_yuan";

	static final String SUBSIDY = "clearing_date,operator,mode,student_taps,discount_yuan,clawback_yuan,claimable_yuan";

	static final String SUMMARY = "clearing_date,partner,role,items,gross_yuan,deductions_yuan,net_yuan,direction";

	private final ReconcileScenario scenario = new ReconcileScenario(this);

	@BeforeEach
	void cardsIssued() throws Exception {
		this.scenario.issueCards();
		this.scenario.dayOne();
	}

	@Test
	void everyPartnerIsSettledToTheFen() throws Exception {
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();

		CliResult result = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).isEqualTo("job=settle date=2026-09-03 status=COMPLETED version=1 files=7 taps=15"
				+ " paid=11 held=3 dropped=1 payable_yuan=9.00 recharges=6 net_receivable_yuan=120.80"
				+ " claimable_yuan=13.00");
		assertThat(rows("20260903", "BJSUBWAY")).containsExactly(OPERATOR,
				// L1: 8 rows. Paid: S1 ENTRY, S2 EXIT 400/200, S6 ENTRY, S7 EXIT 400/200;
				// held: S9 (conflict) 400/200, S5 (unknown card) 0/0, S8 (malformed);
				// dropped: the second S2. Full 1200, charged 600, held 200, payable 400.
				"2026-09-03,BJSUBWAY,METRO,L1,8,2,12.00,6.00,6.00,2.00,4.00",
				// L2: S3 ENTRY and S4 EXIT 400/250, both paid.
				"2026-09-03,BJSUBWAY,METRO,L2,2,1,4.00,1.50,2.50,0.00,2.50",
				"2026-09-03,BJSUBWAY,TOTAL,,10,3,16.00,7.50,8.50,2.00,6.50");
		assertThat(rows("20260903", "BJBUS")).containsExactly(OPERATOR,
				// Five paid SINGLE taps at 200/50, lines sorted as text.
				"2026-09-03,BJBUS,BUS,1,1,1,2.00,1.50,0.50,0.00,0.50",
				"2026-09-03,BJBUS,BUS,2,1,1,2.00,1.50,0.50,0.00,0.50",
				"2026-09-03,BJBUS,BUS,3,1,1,2.00,1.50,0.50,0.00,0.50",
				"2026-09-03,BJBUS,BUS,52,2,2,4.00,3.00,1.00,0.00,1.00",
				"2026-09-03,BJBUS,TOTAL,,5,5,10.00,7.50,2.50,0.00,2.50");
		// R1 50.00 + R2 30.00 (unpaid: the channel is liable) + R3 10.00 (refunded but
		// loaded): 90.00 at 60 bp = 0.54.
		assertThat(rows("20260903", "BMAC_APP")).containsExactly(CHANNEL, "2026-09-03,BMAC_APP,3,90.00,60,0.54,89.46");
		assertThat(rows("20260903", "HEBAO")).containsExactly(CHANNEL, "2026-09-03,HEBAO,1,20.00,80,0.16,19.84");
		assertThat(rows("20260903", "COUNTER")).containsExactly(CHANNEL, "2026-09-03,COUNTER,2,11.50,0,0.00,11.50");
		assertThat(rows("20260903", "BJ_SUBSIDY")).containsExactly(SUBSIDY,
				// S2, S4 (150: charged 250 of 400) and S7; the five bus taps.
				"2026-09-03,BJBUS,BUS,5,7.50,0.00,7.50", "2026-09-03,BJSUBWAY,METRO,3,5.50,0.00,5.50",
				"2026-09-03,,TOTAL,8,13.00,0.00,13.00");
		assertThat(rows("20260903", "summary")).containsExactly(SUMMARY,
				"2026-09-03,BJBUS,OPERATOR,5,2.50,0.00,2.50,ISSUER_PAYS",
				"2026-09-03,BJSUBWAY,OPERATOR,10,8.50,2.00,6.50,ISSUER_PAYS",
				"2026-09-03,BMAC_APP,CHANNEL,3,90.00,0.54,89.46,ISSUER_RECEIVES",
				"2026-09-03,COUNTER,CHANNEL,2,11.50,0.00,11.50,ISSUER_RECEIVES",
				"2026-09-03,HEBAO,CHANNEL,1,20.00,0.16,19.84,ISSUER_RECEIVES",
				"2026-09-03,BJ_SUBSIDY,SUBSIDY,8,13.00,0.00,13.00,FUND_PAYS_OPERATORS");
		assertThat(Files.list(outbox().resolve("20260903")).map((path) -> path.getFileName().toString()))
			.filteredOn((name) -> name.startsWith("settlement_"))
			.hasSize(14)
			.allMatch((name) -> !name.endsWith(".tmp"));
	}

	@Test
	void commissionIsRoundedHalfUpOnTheChannelsTotalAndExpiredDiscountIsClawedBack() throws Exception {
		cardops("run", "reconcile", "--date", "2026-09-03");
		// E left -50 on 2026-09-03; three top-ups of 2.50 at BMAC_APP, then a bus ride.
		this.scenario.inboxFile("recharges_BMAC_APP_20260905_01.csv", ReconcileScenario.RECHARGES, 4,
				"E4," + E + ",4,2026-09-05T07:00:00+08:00,250,200,PE4",
				"E5," + E + ",5,2026-09-05T07:01:00+08:00,250,450,PE5",
				"E6," + E + ",6,2026-09-05T07:02:00+08:00,250,700,PE6");
		this.scenario.inboxFile("payments_ALIPAY_20260905_01.csv", ReconcileScenario.PAYMENTS, 3,
				"PE4,PAYMENT,2026-09-05T06:59:00+08:00,250,2,", "PE5,PAYMENT,2026-09-05T07:00:00+08:00,250,2,",
				"PE6,PAYMENT,2026-09-05T07:01:00+08:00,250,2,");
		this.scenario.inboxFile("taps_BJBUS_20260905_01.csv", ReconcileScenario.TAPS, 10,
				"E7," + E + ",7,2026-09-05T08:00:00+08:00,BUS,=1+1,Haidian,B02,SINGLE,200,50,STUDENT,650");
		// G's card was valid until 2026-09-30: the student discount of October 2 is
		// clawed back.
		this.scenario.inboxFile("recharges_COUNTER_20261002_01.csv", ReconcileScenario.RECHARGES, 4,
				"C4," + G + ",1,2026-10-02T08:00:00+08:00,1000,1000,");
		this.scenario.inboxFile("taps_BJBUS_20261002_01.csv", ReconcileScenario.TAPS, 10,
				"B8," + G + ",2,2026-10-02T09:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		cardops("run", "reconcile", "--date", "2026-09-05");
		cardops("run", "reconcile", "--date", "2026-10-02");

		CliResult september = cardops("run", "settle", "--date", "2026-09-05");
		CliResult october = cardops("run", "settle", "--date", "2026-10-02");

		assertThat(september.code()).as(september.err()).isZero();
		// 7.50 at 60 bp = 4.5 fen, rounded half-up on the total to 5 (per top-up it
		// would be 3 × 2 = 6).
		assertThat(rows("20260905", "BMAC_APP")).containsExactly(CHANNEL, "2026-09-05,BMAC_APP,3,7.50,60,0.05,7.45");
		// A line name that a spreadsheet would run as a formula is written as text.
		assertThat(rows("20260905", "BJBUS")).containsExactly(OPERATOR,
				"2026-09-05,BJBUS,BUS,'=1+1,1,1,2.00,1.50,0.50,0.00,0.50",
				"2026-09-05,BJBUS,TOTAL,,1,1,2.00,1.50,0.50,0.00,0.50");
		assertThat(october.code()).as(october.err()).isZero();
		assertThat(rows("20261002", "BJ_SUBSIDY")).containsExactly(SUBSIDY, "2026-10-02,BJBUS,BUS,1,1.50,1.50,0.00",
				"2026-10-02,,TOTAL,1,1.50,1.50,0.00");
		assertThat(rows("20261002", "summary")).containsExactly(SUMMARY,
				"2026-10-02,BJBUS,OPERATOR,1,0.50,0.00,0.50,ISSUER_PAYS",
				"2026-10-02,COUNTER,CHANNEL,1,10.00,0.00,10.00,ISSUER_RECEIVES",
				"2026-10-02,BJ_SUBSIDY,SUBSIDY,1,1.50,1.50,0.00,FUND_PAYS_OPERATORS");
	}

	@Test
	void aDayWithoutActivityHasOnlyAnEmptySummary() throws Exception {
		assertThat(cardops("run", "reconcile", "--date", "2026-09-04").code()).isZero();

		CliResult result = cardops("run", "settle", "--date", "2026-09-04");

		assertThat(result.summary()).isEqualTo("job=settle date=2026-09-04 status=COMPLETED version=1 files=1 taps=0"
				+ " paid=0 held=0 dropped=0 payable_yuan=0.00 recharges=0 net_receivable_yuan=0.00 claimable_yuan=0.00");
		assertThat(rows("20260904", "summary")).containsExactly(SUMMARY);
		try (var files = Files.list(outbox().resolve("20260904"))) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.filteredOn((name) -> name.startsWith("settlement_"))
				.containsExactlyInAnyOrder("settlement_20260904_summary.csv", "settlement_20260904_summary.csv.ctl");
		}
	}

	@Test
	void settlementIsRefusedUntilReconciliationCompletedThenRestarts() {
		CliResult early = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(early.code()).isEqualTo(1);
		assertThat(early.summary()).startsWith("job=settle date=2026-09-03 status=FAILED");
		assertThat(early.err()).contains("settlement of 2026-09-03 refused: reconciliation of 2026-09-03 has not run");
		assertThat(outbox().resolve("20260903")).doesNotExist();

		cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult later = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(later.summary()).startsWith("job=settle date=2026-09-03 status=COMPLETED version=1");
		// The failed run was restarted, not started anew.
		assertThat(this.database.sql()
			.sql("SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_execution e"
					+ " JOIN job_run r ON r.job_execution_id = e.job_execution_id WHERE r.job = 'settle'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReRunWithTheSameInputsIsByteIdenticalAndANewInputMakesTheNextVersion() throws Exception {
		cardops("run", "reconcile", "--date", "2026-09-03");
		cardops("run", "settle", "--date", "2026-09-03");
		Path day = outbox().resolve("20260903");
		List<String> first = digests(day);
		Files.delete(day.resolve("settlement_20260903_HEBAO.csv"));

		CliResult again = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(again.summary()).startsWith("job=settle date=2026-09-03 status=NOOP version=1 files=7");
		assertThat(digests(day)).isEqualTo(first);

		// A late tap file of the same clearing date, then reconciliation and settlement
		// again: a Chinese line name, one paid 400/200 exit.
		this.scenario.inboxFile("taps_BJMTR_20260903_01.csv", ReconcileScenario.TAPS, 10,
				"M1," + E + ",4,2026-09-03T20:00:00+08:00,METRO,大兴线,Xingong,M01,ENTRY,0,0,STUDENT,-50",
				"M2," + E + ",5,2026-09-03T20:30:00+08:00,METRO,大兴线,Tiangongyuan,M02,EXIT,400,200,STUDENT,-250");
		cardops("run", "reconcile", "--date", "2026-09-03");
		CliResult changed = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(changed.summary())
			.startsWith("job=settle date=2026-09-03 status=COMPLETED version=2 files=8 taps=17 paid=13 held=3 dropped=1"
					+ " payable_yuan=11.00");
		assertThat(rows("20260903", "BJMTR")).containsExactly(OPERATOR,
				"2026-09-03,BJMTR,METRO,大兴线,2,1,4.00,2.00,2.00,0.00,2.00",
				"2026-09-03,BJMTR,TOTAL,,2,1,4.00,2.00,2.00,0.00,2.00");
		assertThat(this.database.sql()
			.sql("SELECT version || ' ' || role || ' ' || net_fen FROM settlement_file"
					+ " WHERE clearing_date = DATE '2026-09-03' AND partner = 'BJ_SUBSIDY' ORDER BY version")
			.query(String.class)
			.list()).containsExactly("1 SUBSIDY 1300", "2 SUBSIDY 1500");
		List<String> history = this.database.sql()
			.sql("SELECT version || ' ' || sha256 FROM settlement_file"
					+ " WHERE file_name = 'settlement_20260903_summary.csv' ORDER BY version")
			.query(String.class)
			.list();
		assertThat(history).hasSize(2);
		assertThat(history.get(1)).isEqualTo("2 " + Sha256.of(day.resolve("settlement_20260903_summary.csv")));
		assertThat(cardops("runs").out()).contains("settlement versions", "2026-09-03  v2", "2026-09-03  v1",
				history.get(1).substring(2));
	}

	@Test
	void aFileThatCannotBeWrittenInFullLeavesThePublishedVersionAloneAndNoTemporaryFile() throws Exception {
		cardops("run", "reconcile", "--date", "2026-09-03");
		cardops("run", "settle", "--date", "2026-09-03");
		Path day = outbox().resolve("20260903");
		List<String> first = digests(day);
		this.scenario.inboxFile("taps_BJMTR_20260903_01.csv", ReconcileScenario.TAPS, 10,
				"M1," + E + ",4,2026-09-03T20:00:00+08:00,METRO,大兴线,Xingong,M01,ENTRY,0,0,STUDENT,-50",
				"M2," + E + ",5,2026-09-03T20:30:00+08:00,METRO,大兴线,Tiangongyuan,M02,EXIT,400,200,STUDENT,-250");
		cardops("run", "reconcile", "--date", "2026-09-03");
		// the summary, the last file of the version, cannot be finished (as on a full
		// disk)
		Path blocked = Files.createDirectories(day.resolve(".settlement_20260903_summary.csv.ctl.tmp"));
		Files.writeString(blocked.resolve("in-the-way"), "x");

		CliResult failed = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(failed.code()).isEqualTo(1);
		assertThat(failed.err()).contains(".settlement_20260903_summary.csv");
		// the new operator file was written in full, but not moved in beside version 1
		assertThat(digests(day)).isEqualTo(first);
		try (var files = Files.list(day)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.noneMatch((name) -> name.endsWith(".tmp") && !name.equals(blocked.getFileName().toString()));
		}
		FileSystemUtils.deleteRecursively(blocked);
		CliResult again = cardops("run", "settle", "--date", "2026-09-03");
		assertThat(again.summary()).startsWith("job=settle date=2026-09-03 status=COMPLETED version=2 files=8");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a file never judged  | UPDATE inbox_file SET judged_at = NULL WHERE file_name = 'taps_BJBUS_20260903_01.csv' | taps in 15 (the tap files' control records) ≠ paid 6 + held 3 + dropped 1 = 10
					a paid tap held      | INSERT INTO ledger_judgment (source_file, source_line, clearing_date, disposition, settlement, card_no, card_seq) SELECT source_file, source_line, clearing_date, 'ACCEPTED', 'HELD', card_no, card_seq FROM ledger_row WHERE source_file = 'taps_BJBUS_20260903_01.csv' AND source_line = 2 | Σ operator payable 8.50 ≠ Σ charged of paid taps 9.00
					a top-up not settled | INSERT INTO ledger_judgment (source_file, source_line, clearing_date, disposition, settlement, card_no, card_seq) SELECT source_file, source_line, clearing_date, 'ACCEPTED', 'HELD', card_no, card_seq FROM ledger_row WHERE source_file = 'recharges_HEBAO_20260903_01.csv' | Σ channel amounts 101.50 in 5 top-ups ≠ accepted top-ups 121.50 in 6
					""")
	void aBrokenControlTotalFailsTheRunAndPublishesNothing(String title, String tamper, String message) {
		cardops("run", "reconcile", "--date", "2026-09-03");
		this.database.sql().sql(tamper).update();

		CliResult result = cardops("run", "settle", "--date", "2026-09-03");

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.summary()).startsWith("job=settle date=2026-09-03 status=FAILED");
		assertThat(result.err()).contains("control totals broken, nothing published: 2026-09-03: " + message);
		assertThat(outbox().resolve("20260903").toFile().list()).noneMatch((name) -> name.startsWith("settlement_"));
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM settlement_version").query(Long.class).single())
			.isZero();
	}

	private List<String> rows(String day, String partner) throws Exception {
		return outboundRows(outbox().resolve(day).resolve("settlement_" + day + "_" + partner + ".csv"));
	}

	private static List<String> digests(Path day) throws Exception {
		try (var files = Files.list(day)) {
			return files.filter((path) -> path.getFileName().toString().startsWith("settlement_"))
				.sorted()
				.map((path) -> path.getFileName() + " " + Sha256.of(path))
				.toList();
		}
	}

}
