package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-checked reconciliation scenario shared by the reconciliation and settlement
 * tests: cards issued, and a first clearing date (2026-09-03) that plants every exception
 * category.
 */
final class ReconcileScenario {

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

	private final CliTestSupport cli;

	ReconcileScenario(CliTestSupport cli) {
		this.cli = cli;
	}

	void issueCards() throws Exception {
		this.cli.loadReference();
		this.cli.cardops("run", "roster-import", "--file", this.cli.sample("roster_UCAS_20260825.csv").toString());
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
			assertThat(this.cli.cardops("run", "card-events", "--date", date).summary()).contains("rejected=0");
		}
	}

	void dayOne() throws Exception {
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

	/**
	 * Writes an inbox file and its control file; sumColumn is the index of the money
	 * column summed.
	 */
	void inboxFile(String name, String header, int sumColumn, String... rows) throws Exception {
		Path file = this.cli.write(name, header + "\n" + String.join("\n", rows) + "\n");
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
