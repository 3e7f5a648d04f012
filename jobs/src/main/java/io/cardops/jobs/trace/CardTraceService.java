package io.cardops.jobs.trace;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.money.Money;

/**
 * Prints everything known about one card, oldest first, each fact with the file and line
 * it came from: the card master, its holder's standing on the latest roster, its
 * lifecycle events, the events that named it and were rejected, expiry runs and hotlist
 * publications.
 */
@Service
public class CardTraceService {

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
		.withZone(AcademicCalendar.ZONE);

	/**
	 * A card's taps and top-ups with their judgments, found through the ledger rows' card
	 * index. A row turned away has its judgment; an accepted row (ledger_accepted: a row
	 * of a judged file without a judgment) is ACCEPTED and PAID; the rows of a file not
	 * judged yet (a run stopped between loading and judging) have neither.
	 */
	private static final String CARD_ROWS = """
			SELECT r.card_seq, r.happened_at, r.kind, r.tap_type, r.mode, r.line_name, r.station, r.full_fare_fen,
			       r.charged_fen, r.discount, r.amount_fen, r.payment_ref, r.balance_after_fen, r.partner,
			       r.source_file, r.source_line,
			       COALESCE(j.disposition, CASE WHEN a.source_file IS NOT NULL THEN 'ACCEPTED' END) AS disposition,
			       COALESCE(j.settlement, CASE WHEN a.source_file IS NOT NULL THEN 'PAID' END) AS settlement,
			       rt.released_at
			FROM ledger_row r
			LEFT JOIN ledger_judgment j ON j.card_no = r.card_no AND j.card_seq = r.card_seq
			  AND j.source_file = r.source_file AND j.source_line = r.source_line
			LEFT JOIN ledger_accepted a ON a.card_no = r.card_no AND a.card_seq = r.card_seq
			  AND a.source_file = r.source_file AND a.source_line = r.source_line
			LEFT JOIN released_tap rt ON rt.clearing_date = r.clearing_date AND rt.source_file = r.source_file
			  AND rt.source_line = r.source_line
			WHERE r.card_no = :card
			""";

	private final JdbcClient jdbc;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 */
	public CardTraceService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Prints a card's story.
	 * @param cardNo the card number
	 * @param out where to print
	 * @return false when nothing at all is known of the card
	 */
	public boolean trace(String cardNo, PrintStream out) {
		Optional<Map<String, Object>> card = this.jdbc.sql("""
				SELECT c.institution, c.student_no, c.channel, c.device, c.state, c.issued_at, c.valid_until,
				       c.state_since, c.refund_fen, l.last_seq, l.balance_fen, l.updated_on, e.name, e.status
				FROM card c
				LEFT JOIN card_ledger l ON l.card_no = c.card_no
				LEFT JOIN roster_current rc ON rc.institution = c.institution
				LEFT JOIN roster_entry e ON e.import_id = rc.import_id AND e.student_no = c.student_no
				WHERE c.card_no = ?""").params(cardNo).query().listOfRows().stream().findFirst();
		List<String> rejected = this.jdbc.sql("""
				SELECT source_file || ':' || source_line || '  ' || COALESCE(event_id, '') || '  ' || reason
				FROM card_event_reject WHERE card_no = ? ORDER BY clearing_date, source_file, source_line""")
			.params(cardNo)
			.query(String.class)
			.list();
		List<String> ledger = this.jdbc.sql("""
				SELECT r.card_seq, r.happened_at, r.kind, r.tap_type, r.mode, r.line_name, r.station, r.full_fare_fen,
				       r.charged_fen, r.discount, r.amount_fen, r.payment_ref, r.balance_after_fen, r.disposition,
				       r.settlement, r.partner, r.source_file, r.source_line, r.released_at
				FROM (""" + CARD_ROWS + """
				) r ORDER BY r.card_seq, r.source_file, r.source_line""")
			.param("card", cardNo)
			.query((rs, n) -> String
				.format("seq %-4d %s  %-44s balance %9s  %-17s (%s:%d)%s", rs.getLong(1),
						instant(rs.getObject(2, OffsetDateTime.class)),
						rs.getString(3).trim().equals("T")
								? rs.getString(16) + " " + rs.getString(5) + " " + rs.getString(6) + " "
										+ rs.getString(4) + " " + Money.yuan(rs.getLong(9)) + " of "
										+ Money.yuan(rs.getLong(8)) + " " + rs.getString(10)
								: "top-up " + Money.yuan(rs.getLong(11)) + " via " + rs.getString(16)
										+ ((rs.getString(12) != null) ? " ref " + rs.getString(12) : " (cash)"),
						Money.yuan(rs.getLong(13)),
						(rs.getString(14) != null) ? rs.getString(14) + "/" + rs.getString(15) : "not judged yet",
						rs.getString(17), rs.getLong(18),
						// A held tap released on the desk is paid from the next
						// settlement of
						// its date on (desk.md); its judgment stays what the judging
						// found.
						(rs.getObject(19) != null) ? "  released " + instant(rs.getObject(19, OffsetDateTime.class))
								+ ", paid from then on" : ""))
			.list();
		List<String> exceptions = this.jdbc
			.sql("""
					SELECT clearing_date, category, status, resolved_on, card_seq, amount_fen, detail, source_file, source_line,
					       exception_id, case_state, resolution
					FROM recon_exception WHERE card_no = ? ORDER BY clearing_date, source_file, source_line, category""")
			.params(cardNo)
			// The system status (the judging's) and the desk's case state beside it.
			.query((rs, n) -> String.format("%s  %-19s %-8s seq %-4s %8s yuan  %s%s  (%s:%d)  case %d %s%s",
					rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(5),
					Money.yuan(rs.getLong(6)), (rs.getString(7) != null) ? rs.getString(7) : "",
					(rs.getObject(4) != null) ? ", resolved " + rs.getObject(4, LocalDate.class) : "", rs.getString(8),
					rs.getLong(9), rs.getLong(10), rs.getString(11),
					(rs.getString(12) != null) ? " " + rs.getString(12) : ""))
			.list();
		if (card.isEmpty() && rejected.isEmpty() && ledger.isEmpty()) {
			return false;
		}
		out.println("card " + cardNo);
		card.ifPresent((row) -> master(row, out));
		section(out, "lifecycle events",
				this.jdbc.sql("""
						SELECT occurred_at, event, channel, event_id, state_before, state_after, valid_until_after,
						       refund_fen, source_file, source_line
						FROM card_event WHERE card_no = ? ORDER BY occurred_at, event_id""")
					.params(cardNo)
					.query((rs, n) -> String.format("%s  %-11s %-8s %-14s %s -> %s, valid until %s%s  (%s:%d)",
							instant(rs.getObject(1, OffsetDateTime.class)), rs.getString(2), rs.getString(3),
							rs.getString(4), (rs.getString(5) != null) ? rs.getString(5) : "new", rs.getString(6),
							rs.getObject(7, LocalDate.class),
							(rs.getObject(8) != null) ? ", refund " + Money.yuan(rs.getLong(8)) + " yuan" : "",
							rs.getString(9), rs.getLong(10)))
					.list());
		section(out, "rejected events naming this card", rejected);
		section(out, "taps and top-ups (card_seq order; judgment/settlement)", ledger);
		// Two lookups by reference (each through its index) rather than one scan with OR.
		section(out, "payments of its top-ups", this.jdbc.sql("""
				WITH refs AS (SELECT payment_ref FROM ledger_row WHERE card_no = :card AND payment_ref IS NOT NULL)
				SELECT p.clearing_date, p.payment_type, p.payment_ref, p.original_ref, p.amount_fen, p.partner,
				       p.source_file, p.source_line
				FROM payment_row p WHERE p.payment_ref IN (SELECT payment_ref FROM refs)
				UNION
				SELECT p.clearing_date, p.payment_type, p.payment_ref, p.original_ref, p.amount_fen, p.partner,
				       p.source_file, p.source_line
				FROM payment_row p WHERE p.original_ref IN (SELECT payment_ref FROM refs)
				ORDER BY clearing_date, source_file, source_line""")
			.param("card", cardNo)
			.query((rs, n) -> rs.getObject(1, LocalDate.class) + "  " + rs.getString(2) + " " + rs.getString(3)
					+ ((rs.getString(4) != null) ? " of " + rs.getString(4) : "") + "  " + Money.yuan(rs.getLong(5))
					+ " yuan via " + rs.getString(6) + "  (" + rs.getString(7) + ":" + rs.getLong(8) + ")")
			.list());
		section(out, "reconciliation exceptions", exceptions);
		section(out, "expiry runs",
				this.jdbc.sql("""
						SELECT run_date, valid_until FROM card_expiry WHERE card_no = ? ORDER BY run_date""")
					.params(cardNo)
					.query((rs, n) -> rs.getObject(1, LocalDate.class) + "  expired (valid until "
							+ rs.getObject(2, LocalDate.class) + ")")
					.list());
		section(out, "hotlist", this.jdbc.sql("""
				SELECT h.version, v.clearing_date, h.action, h.reason, h.since
				FROM hotlist_change h JOIN hotlist_version v ON v.version = h.version
				WHERE h.card_no = ? ORDER BY h.version""")
			.params(cardNo)
			.query((rs, n) -> "v" + rs.getLong(1) + " (" + rs.getObject(2, LocalDate.class) + ")  " + rs.getString(3)
					+ " " + rs.getString(4) + " since " + instant(rs.getObject(5, OffsetDateTime.class)))
			.list());
		return true;
	}

	private static void master(Map<String, Object> row, PrintStream out) {
		String standing = (row.get("status") != null)
				? row.get("name") + ", " + row.get("status") + " on the latest roster" : "not on the latest roster";
		out.printf("  holder       %s / %s (%s)%n", row.get("institution"), row.get("student_no"), standing);
		out.printf("  state        %s since %s%n", row.get("state"), instant(row.get("state_since")));
		out.printf("  valid until  %s%n", row.get("valid_until"));
		out.printf("  issued       %s via %s, %s%n", instant(row.get("issued_at")), row.get("channel"),
				row.get("device"));
		if (row.get("refund_fen") != null) {
			out.printf("  refunded     %s yuan%n", Money.yuan(((Number) row.get("refund_fen")).longValue()));
		}
		if (row.get("last_seq") != null) {
			out.printf("  ledger       card_seq %s, balance %s yuan (as of %s)%n", row.get("last_seq"),
					Money.yuan(((Number) row.get("balance_fen")).longValue()), row.get("updated_on"));
		}
	}

	private static void section(PrintStream out, String title, List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		out.println(title);
		lines.forEach((line) -> out.println("  " + line));
	}

	private static String instant(OffsetDateTime time) {
		return (time != null) ? INSTANT.format(time.toInstant()) : "";
	}

	/**
	 * A timestamp column read through a generic row map: H2 gives OffsetDateTime,
	 * PostgreSQL Timestamp.
	 */
	private static String instant(Object time) {
		if (time instanceof OffsetDateTime offset) {
			return instant(offset);
		}
		if (time instanceof java.sql.Timestamp timestamp) {
			return INSTANT.format(timestamp.toInstant());
		}
		return (time != null) ? time.toString() : "";
	}

}
