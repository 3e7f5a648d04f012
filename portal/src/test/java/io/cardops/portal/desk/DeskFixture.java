package io.cardops.portal.desk;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cases for the desk's tests, each on a row of its own: a tap row (ledger_row) or a
 * malformed row (ledger_malformed) of a BJBUS tap file, and the exception the judging
 * would have raised on it, as a NEW case.
 */
public final class DeskFixture {

	/** The card of every fixture row. */
	public static final String CARD = "3104000000000000042";

	private static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

	private static final AtomicInteger LINE = new AtomicInteger(1);

	private DeskFixture() {
	}

	/**
	 * A new held tap (SEQ_CONFLICT) for the role table.
	 * @param jdbc the database
	 * @return the placeholder {@code case}
	 */
	public static Map<String, String> heldTap(JdbcClient jdbc) {
		return Map.of("case", String.valueOf(newCase(jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150)));
	}

	/**
	 * Raises a new case on a row of its own.
	 * @param jdbc the database
	 * @param category its category
	 * @param date its clearing date
	 * @param partner the partner of its file
	 * @param fen its amount (for a tap, the charged amount of its row)
	 * @return the case's id
	 */
	public static long newCase(JdbcClient jdbc, String category, LocalDate date, String partner, long fen) {
		int line = LINE.incrementAndGet();
		String file = "taps_" + partner + "_" + date.toString().replace("-", "") + "_01.csv";
		if (category.equals("MALFORMED_RECORD")) {
			jdbc.sql("""
					INSERT INTO ledger_malformed (source_file, source_line, clearing_date, partner, kind, card_no,
					  card_seq, mode, line_name, reason)
					VALUES (?, ?, ?, ?, 'T', ?, 'x7', 'BUS', '52', 'card_seq is not a number')""")
				.params(file, line, date, partner, CARD)
				.update();
		}
		else {
			jdbc.sql("""
					INSERT INTO ledger_row (source_file, source_line, clearing_date, partner, kind, card_no, card_seq,
					  ext_id, happened_at, mode, line_name, tap_type, full_fare_fen, charged_fen, discount,
					  balance_after_fen)
					VALUES (?, ?, ?, ?, 'T', ?, ?, ?, ?, 'BUS', '52', 'SINGLE', ?, ?, 'STUDENT', 1000)""")
				.params(file, line, date, partner, CARD, line, "E" + line, date.atTime(8, 0).atOffset(OFFSET),
						Math.abs(fen) * 4, Math.abs(fen))
				.update();
		}
		jdbc.sql("""
				INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file,
				  source_line, amount_fen, detail)
				VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, 'raised by the desk fixture')""")
			.params(date, category, partner, CARD, String.valueOf(line), file, line, fen)
			.update();
		return jdbc.sql("SELECT exception_id FROM recon_exception WHERE source_file = ? AND source_line = ?")
			.params(file, line)
			.query(Long.class)
			.single();
	}

}
