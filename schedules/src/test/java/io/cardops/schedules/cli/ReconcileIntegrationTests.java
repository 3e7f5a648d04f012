package io.cardops.schedules.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation end to end through the command line on a hand-checked scenario that
 * plants every exception category; amounts are worked out in the comments.
 */
class ReconcileIntegrationTests extends CliTestSupport {

	static final String A = "3104000000000000001";

	static final String B = "3104000000000000002";

	static final String C = "3104000000000000003";

	static final String UNKNOWN = "3104000000000000009";

	static final String E = "3104000000000000005";

	static final String F = "3104000000000000006";

	static final String G = "3104000000000000007";

	static final String H = "3104000000000000008";

	static final String TAPS = "txn_id,card_no,card_seq,tapped_at,mode,line,station,device_id,tap_type,full_fare_fen,charged_fen,discount,balance_after_fen";

	static final String RECHARGES = "recharge_id,card_no,card_seq,recharged_at,amount_fen,balance_after_fen,payment_ref";

	static final String PAYMENTS = "payment_ref,type,paid_at,amount_fen,fee_fen,original_ref";

	static final String EXCEPTIONS = "clearing_date,category,status,partner,card_no,card_seq,source_file,source_line,amount_yuan,detail";

	@BeforeEach
	void cardsIssued() throws Exception {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		// G is issued before July 30, so it is valid only until 2026-09-30.
		inboxFile("cardevents_BMAC_APP_20260715_01.csv", CardLifecycleIntegrationTests.HEADER.strip(), 7,
				"G1,ISSUE,2026-07-15T10:00:00+08:00," + G + ",UCAS,2025E8014621497,ANDROID,");
		inboxFile("cardevents_BMAC_APP_20260826_01.csv", CardLifecycleIntegrationTests.HEADER.strip(), 7,
				"I1,ISSUE,2026-08-26T09:00:00+08:00," + A + ",UCAS,2023E8015361474,IOS,",
				"I2,ISSUE,2026-08-26T09:01:00+08:00," + B + ",UCAS,2024E8014621291,IOS,",
				"I3,ISSUE,2026-08-26T09:02:00+08:00," + C + ",UCAS,2025E8017703005,IOS,",
				"I5,ISSUE,2026-08-26T09:03:00+08:00," + E + ",UCAS,2024E8015361382,IOS,",
				"I6,ISSUE,2026-08-26T09:04:00+08:00," + F + ",UCAS,2024E8000719604,IOS,",
				"I8,ISSUE,2026-08-26T09:05:00+08:00," + H + ",UCAS,2025E8013282650,IOS,");
		inboxFile("cardevents_COUNTER_20260902_01.csv", CardLifecycleIntegrationTests.HEADER.strip(), 7,
				"L1,REPORT_LOST,2026-09-02T08:00:00+08:00," + B + ",UCAS,2024E8014621291,IOS,");
		for (String date : List.of("2026-07-15", "2026-08-26", "2026-09-02")) {
			assertThat(cardops("run", "card-events", "--date", date).summary()).contains("rejected=0");
		}
	}

	@Test
	void everyCategoryIsFoundWithItsAmountSourceAndPartner() throws Exception {
		dayOne();

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
		CliResult trace = cardops("trace", "--card", A);
		assertThat(trace.out()).contains("taps and top-ups (card_seq order; judgment/settlement)",
				"seq 1    2026-09-03T07:00:00+08:00  top-up 50.00 via BMAC_APP ref PA1",
				"seq 3    2026-09-03T08:30:00+08:00  BJSUBWAY METRO L1 EXIT 2.00 of 4.00 STUDENT", "DUPLICATE/DROPPED",
				"CONFLICT/HELD", "(taps_BJSUBWAY_20260903_01.csv:4)",
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
	void laterDatesResolveGapsAndPaymentsAndFlagLateAndExpiredTaps() throws Exception {
		dayOne();
		cardops("run", "reconcile", "--date", "2026-09-03");
		byte[] firstRun = Files.readAllBytes(outbox().resolve("20260903/exceptions_20260903.csv"));
		// The missing seq 5 and C's payment arrive two days later; F's late tap comes
		// with them.
		inboxFile("taps_BJBUS_20260905_01.csv", TAPS, 10,
				"B6," + A + ",5,2026-09-03T10:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,4700",
				"B7," + F + ",2,2026-08-27T09:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		inboxFile("recharges_COUNTER_20260905_01.csv", RECHARGES, 4,
				"C3," + F + ",1,2026-08-27T08:00:00+08:00,1000,1000,");
		inboxFile("payments_ALIPAY_20260905_01.csv", PAYMENTS, 3, "PC1,PAYMENT,2026-09-05T09:00:00+08:00,3000,18,");

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

		// G's card was valid until 2026-09-30: a student fare on October 2 is not
		// claimable.
		inboxFile("recharges_COUNTER_20261002_01.csv", RECHARGES, 4,
				"C4," + G + ",1,2026-10-02T08:00:00+08:00,1000,1000,");
		inboxFile("taps_BJBUS_20261002_01.csv", TAPS, 10,
				"B8," + G + ",2,2026-10-02T09:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,950");
		cardops("run", "reconcile", "--date", "2026-10-02");

		assertThat(exceptions("20261002")).containsExactly(EXCEPTIONS,
				"2026-10-02,EXPIRED_DISCOUNT,OPEN,BJBUS," + G + ",2,taps_BJBUS_20261002_01.csv,2,1.50");
	}

	private void dayOne() throws Exception {
		inboxFile("taps_BJSUBWAY_20260903_01.csv", TAPS, 10,
				"S1," + A + ",2,2026-09-03T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,5000",
				"S2," + A + ",3,2026-09-03T08:30:00+08:00,METRO,L1,Guomao,G02,EXIT,400,200,STUDENT,4800",
				"S2," + A + ",3,2026-09-03T08:30:00+08:00,METRO,L1,Guomao,G02,EXIT,400,200,STUDENT,4800",
				"S9," + A + ",4,2026-09-03T09:00:00+08:00,METRO,L1,Guomao,G02,EXIT,400,200,STUDENT,4600",
				"S3," + A + ",7,2026-09-03T18:00:00+08:00,METRO,L2,Dongdan,G03,ENTRY,0,0,STUDENT,4650",
				"S4," + A + ",9,2026-09-03T19:00:00+08:00,METRO,L2,Wangfujing,G04,EXIT,400,250,STUDENT,4350",
				"S5," + UNKNOWN + ",1,2026-09-03T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,0",
				"S6," + E + ",2,2026-09-03T08:10:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,150",
				"S7," + E + ",3,2026-09-03T08:40:00+08:00,METRO,L1,Guomao,G02,EXIT,400,200,STUDENT,-50",
				"S8,31040000000000000,1,2026-09-03T08:00:00+08:00,METRO,L1,Xizhimen,G01,ENTRY,0,0,STUDENT,0");
		inboxFile("taps_BJBUS_20260903_01.csv", TAPS, 10,
				"B1," + A + ",4,2026-09-03T09:00:00+08:00,BUS,52,Zhongguancun,B01,SINGLE,200,50,STUDENT,4750",
				"B2," + A + ",6,2026-09-03T12:00:00+08:00,BUS,52,Haidian,B02,SINGLE,200,50,STUDENT,4650",
				"B3," + A + ",8,2026-09-03T18:30:00+08:00,BUS,1,Dongdan,B03,SINGLE,200,50,STUDENT,4600",
				"B4," + B + ",2,2026-09-03T07:30:00+08:00,BUS,2,Andingmen,B04,SINGLE,200,50,STUDENT,950",
				"B5," + C + ",2,2026-09-03T10:00:00+08:00,BUS,3,Dongzhimen,B05,SINGLE,200,50,STUDENT,2000");
		inboxFile("recharges_BMAC_APP_20260903_01.csv", RECHARGES, 4,
				"R1," + A + ",1,2026-09-03T07:00:00+08:00,5000,5000,PA1",
				"R2," + C + ",1,2026-09-03T07:10:00+08:00,3000,3000,PC1",
				"R3," + H + ",2,2026-09-03T07:30:00+08:00,1000,3000,PH2");
		inboxFile("recharges_HEBAO_20260903_01.csv", RECHARGES, 4,
				"H1," + H + ",1,2026-09-03T07:20:00+08:00,2000,2000,PH1");
		inboxFile("recharges_COUNTER_20260903_01.csv", RECHARGES, 4,
				"C1," + B + ",1,2026-09-03T07:00:00+08:00,1000,1000,",
				"C2," + E + ",1,2026-09-03T07:05:00+08:00,150,150,");
		inboxFile("payments_ALIPAY_20260903_01.csv", PAYMENTS, 3, "PA1,PAYMENT,2026-09-03T06:59:00+08:00,5000,30,",
				"PX9,PAYMENT,2026-09-03T11:00:00+08:00,1200,7,", "PZ1,PAYMENT,2026-09-03T12:00:00+08:00,800,5,",
				"PZ1R,REFUND,2026-09-03T13:00:00+08:00,800,0,PZ1");
		inboxFile("payments_WECHAT_20260903_01.csv", PAYMENTS, 3, "PH1,PAYMENT,2026-09-03T07:19:00+08:00,1900,10,",
				"PH2,PAYMENT,2026-09-03T07:29:00+08:00,1000,6,", "PH2R,REFUND,2026-09-03T15:00:00+08:00,1000,0,PH2");
	}

	/** Rows of an exceptions file without BOM, CRLF and the detail column. */
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

	/**
	 * Writes an inbox file and its control file; sumColumn is the index of the money
	 * column summed.
	 */
	private void inboxFile(String name, String header, int sumColumn, String... rows) throws Exception {
		Path file = write(name, header + "\n" + String.join("\n", rows) + "\n");
		long sum = 0;
		for (String row : rows) {
			String cell = row.split(",", -1)[sumColumn];
			sum += cell.isEmpty() ? 0 : Long.parseLong(cell);
		}
		Files.writeString(file.resolveSibling(name + ".ctl"),
				"records=" + rows.length + "\nsum_fen=" + sum + "\nsha256="
						+ java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(Files.readAllBytes(file)))
						+ "\n");
	}

}
