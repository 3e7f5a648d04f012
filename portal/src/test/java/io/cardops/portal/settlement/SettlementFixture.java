package io.cardops.portal.settlement;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.domain.digest.Sha256;

/**
 * A small published settlement for the portal's tests: clearing date 2026-09-03 in two
 * versions (BJBUS paid 1.00, then 1.50 after a late tap), each an operator file and the
 * summary with their bytes and {@code .ctl}, and BJBUS's tap file with its three taps.
 */
public final class SettlementFixture {

	/** The clearing date. */
	public static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	/** The operator file's name. */
	public static final String BJBUS = "settlement_20260903_BJBUS.csv";

	/** The summary file's name. */
	public static final String SUMMARY = "settlement_20260903_summary.csv";

	static final String OPERATOR_HEADER = "clearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,"
			+ "charged_yuan,held_yuan,payable_yuan\r\n";

	static final String SUMMARY_HEADER = "clearing_date,partner,role,items,gross_yuan,deductions_yuan,net_yuan,direction\r\n";

	/** Version 1's operator file. */
	public static final String BJBUS_V1 = "\uFEFF" + OPERATOR_HEADER
			+ "2026-09-03,BJBUS,BUS,52,2,2,4.00,3.00,1.00,0.00,1.00\r\n"
			+ "2026-09-03,BJBUS,TOTAL,,2,2,4.00,3.00,1.00,0.00,1.00\r\n";

	/** Version 2's operator file. */
	public static final String BJBUS_V2 = "\uFEFF" + OPERATOR_HEADER
			+ "2026-09-03,BJBUS,BUS,52,3,3,6.00,4.50,1.50,0.00,1.50\r\n"
			+ "2026-09-03,BJBUS,TOTAL,,3,3,6.00,4.50,1.50,0.00,1.50\r\n";

	/** Version 1's summary. */
	public static final String SUMMARY_V1 = "\uFEFF" + SUMMARY_HEADER
			+ "2026-09-03,BJBUS,OPERATOR,2,1.00,0.00,1.00,ISSUER_PAYS\r\n";

	/** Version 2's summary. */
	public static final String SUMMARY_V2 = "\uFEFF" + SUMMARY_HEADER
			+ "2026-09-03,BJBUS,OPERATOR,3,1.50,0.00,1.50,ISSUER_PAYS\r\n";

	private SettlementFixture() {
	}

	/**
	 * Publishes the fixture unless it is there.
	 * @param jdbc the database
	 * @return the placeholders the role table's paths use ({@code date})
	 */
	public static Map<String, String> publish(JdbcClient jdbc) {
		long found = jdbc.sql("SELECT COUNT(*) FROM settlement_version WHERE clearing_date = ?")
			.params(DATE)
			.query(Long.class)
			.single();
		if (found == 0) {
			version(jdbc, 1, OffsetDateTime.parse("2026-09-04T02:10:00+08:00"), BJBUS_V1, 100, SUMMARY_V1);
			version(jdbc, 2, OffsetDateTime.parse("2026-09-05T02:10:00+08:00"), BJBUS_V2, 150, SUMMARY_V2);
			jdbc.sql(
					"""
							INSERT INTO inbox_file (file_name, kind, partner, clearing_date, sha256, records, status, received_at,
							  rejected_rows, control_sum_fen)
							VALUES ('taps_BJBUS_20260903_01.csv', 'taps', 'BJBUS', ?, ?, 3, 'LOADED', ?, 0, 150)""")
				.params(DATE, "0".repeat(64), OffsetDateTime.parse("2026-09-04T01:00:00+08:00"))
				.update();
			for (int line = 2; line <= 4; line++) {
				jdbc.sql(
						"""
								INSERT INTO ledger_row (source_file, source_line, clearing_date, partner, kind, card_no, card_seq,
								  ext_id, happened_at, mode, line_name, tap_type, full_fare_fen, charged_fen, discount,
								  balance_after_fen)
								VALUES ('taps_BJBUS_20260903_01.csv', ?, ?, 'BJBUS', 'T', '3104000000000000001', ?, ?, ?,
								  'BUS', '52', 'SINGLE', 200, 50, 'STUDENT', 1000)""")
					.params(line, DATE, line, "B" + line, OffsetDateTime.parse("2026-09-03T08:00:00+08:00"))
					.update();
			}
		}
		return Map.of("date", DATE.toString());
	}

	private static void version(JdbcClient jdbc, int version, OffsetDateTime publishedAt, String operator,
			long payableFen, String summary) {
		jdbc.sql(
				"""
						INSERT INTO settlement_version (clearing_date, version, published_at, job_execution_id, fingerprint, files,
						  releases_before)
						VALUES (?, ?, ?, 0, ?, 2, ?)""")
			.params(DATE, version, publishedAt, "f".repeat(64), publishedAt)
			.update();
		file(jdbc, version, BJBUS, "BJBUS", "OPERATOR", 2, payableFen, operator);
		file(jdbc, version, SUMMARY, null, "SUMMARY", 1, 0, summary);
	}

	private static void file(JdbcClient jdbc, int version, String name, String partner, String role, int records,
			long netFen, String text) {
		byte[] content = text.getBytes(StandardCharsets.UTF_8);
		String sha256 = sha256(content);
		jdbc.sql(
				"""
						INSERT INTO settlement_file (clearing_date, version, file_name, partner, role, records, items, gross_fen,
						  deductions_fen, net_fen, direction, sha256)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")
			.params(DATE, version, name, partner, role, records, records, netFen, netFen,
					(partner != null) ? "ISSUER_PAYS" : null, sha256)
			.update();
		content(jdbc, version, name, content);
		content(jdbc, version, name + ".ctl",
				("records=" + records + "\nsha256=" + sha256 + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private static void content(JdbcClient jdbc, int version, String name, byte[] content) {
		jdbc.sql("INSERT INTO settlement_file_content (clearing_date, version, file_name, content) VALUES (?, ?, ?, ?)")
			.params(DATE, version, name, content)
			.update();
	}

	/**
	 * The SHA-256 of some bytes.
	 * @param content the bytes
	 * @return lower-case hex
	 */
	public static String sha256(byte[] content) {
		return HexFormat.of().formatHex(Sha256.newDigest().digest(content));
	}

}
