package io.cardops.jobs.desk;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.AgeBucket;
import io.cardops.domain.desk.CaseState;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.jobs.support.Page;

/**
 * What the exception desk reads: cases by filter, one case with its source row and trail,
 * the aging of the cases not closed, and the clearing dates a release has left to
 * re-settle.
 */
@Repository
public class DeskCases {

	private static final String COLUMNS = """
			exception_id, clearing_date, category, status, resolved_on, case_state, case_owner, resolution,
			release_requested_by, released_at, partner, card_no, card_seq, source_file, source_line, amount_fen,
			detail, case_changed_at""";

	private final JdbcClient jdbc;

	/**
	 * Creates the reader.
	 * @param jdbc the database
	 */
	public DeskCases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of cases, newest clearing date first, then in the order they were raised.
	 * @param filter which
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	public Page<DeskCase> list(CaseFilter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> parameters = new ArrayList<>();
		filter.where(where, parameters);
		return Page.query(this.jdbc, "SELECT " + COLUMNS, "FROM recon_exception" + where, parameters,
				"clearing_date DESC, exception_id", (rs, n) -> deskCase(rs), page, size);
	}

	/**
	 * One case.
	 * @param id its id
	 * @return the case, or empty when there is none
	 */
	public Optional<DeskCase> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM recon_exception WHERE exception_id = ?")
			.params(id)
			.query((rs, n) -> deskCase(rs))
			.optional();
	}

	/**
	 * A case's trail, oldest action first.
	 * @param id the case
	 * @return its actions
	 */
	public List<TrailEntry> trail(long id) {
		return this.jdbc.sql("""
				SELECT action_id, acted_at, account, action, from_state, to_state, resolution, note
				FROM case_action WHERE exception_id = ? ORDER BY action_id""")
			.params(id)
			.query((rs, n) -> new TrailEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

	/**
	 * The row a case was raised on, as it was received: a tap or top-up row, a payment
	 * statement row, or what could be read of a malformed row and why it broke. Amounts
	 * are given in yuan ({@code *_yuan}); every other value as stored, as text; a field
	 * without a value is null.
	 * @param deskCase the case
	 * @return the row's fields in the order of its table, empty when the row is not kept
	 */
	public Map<String, String> sourceRow(DeskCase deskCase) {
		String table = "MALFORMED_RECORD".equals(deskCase.category()) ? "ledger_malformed"
				: deskCase.sourceFile().startsWith("payments_") ? "payment_row" : "ledger_row";
		Map<String, String> row = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM " + table + " WHERE source_file = ? AND source_line = ?")
			.params(deskCase.sourceFile(), deskCase.sourceLine())
			.query((RowCallbackHandler) (rs) -> {
				ResultSetMetaData columns = rs.getMetaData();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					String name = columns.getColumnLabel(i).toLowerCase(Locale.ROOT);
					Object value = rs.getObject(i);
					if (name.endsWith("_fen")) {
						// Money shows as yuan, and as no value (null) where the row has
						// none (a tap's top-up amount): never a _fen field.
						row.put(name.substring(0, name.length() - 4) + "_yuan",
								(value != null) ? Money.yuan(rs.getLong(i)) : null);
					}
					else if (value instanceof OffsetDateTime || value instanceof Timestamp) {
						// An instant as the partner's file gives it: ISO-8601 with its
						// seconds, Beijing's offset (PostgreSQL's driver gives a
						// Timestamp, whose text has neither).
						row.put(name, DateTimeFormatter.ISO_OFFSET_DATE_TIME
							.format(rs.getObject(i, OffsetDateTime.class).atZoneSameInstant(AcademicCalendar.ZONE)));
					}
					else {
						// Likewise any field the row has no value for (a tap's
						// payment_ref).
						row.put(name, (value != null) ? value.toString().strip() : null);
					}
				}
			});
		return "ledger_row".equals(table) ? asInTheFile(row) : row;
	}

	/**
	 * A tap or top-up row with its fields named as in the partner's file (files.md):
	 * {@code txn_id} or {@code recharge_id}, {@code tapped_at} or {@code recharged_at},
	 * {@code line}; the ledger's own {@code kind} (T or R) goes, the file's name says it.
	 * Fields that are not the file's kind's (a tap's top-up amount) go too.
	 */
	private static Map<String, String> asInTheFile(Map<String, String> stored) {
		boolean tap = "T".equals(stored.get("kind"));
		Map<String, String> named = new LinkedHashMap<>();
		stored.forEach((name, value) -> {
			switch (name) {
				case "kind" -> {
				}
				case "ext_id" -> named.put(tap ? "txn_id" : "recharge_id", value);
				case "happened_at" -> named.put(tap ? "tapped_at" : "recharged_at", value);
				case "line_name" -> named.put("line", value);
				case "amount_yuan", "payment_ref" -> {
					if (!tap) {
						named.put(name, value);
					}
				}
				case "mode", "station", "device_id", "tap_type", "full_fare_yuan", "charged_yuan", "discount" -> {
					if (tap) {
						named.put(name, value);
					}
				}
				default -> named.put(name, value);
			}
		});
		return named;
	}

	/**
	 * For a SEQ_CONFLICT, the accepted row that holds its card and card_seq: the copy the
	 * judging took (and, when a tap, paid to its operator). Releasing the held copy pays
	 * a second transaction for the same card_seq, right only when both were real (the
	 * desk shows it before anyone asks for a release). Found through the ledger rows'
	 * card index.
	 * @param deskCase the case
	 * @return the accepted copy, or empty for another category or when none is kept
	 */
	public Optional<AcceptedCopy> acceptedCopy(DeskCase deskCase) {
		if (!"SEQ_CONFLICT".equals(deskCase.category()) || deskCase.cardNo() == null) {
			return Optional.empty();
		}
		long cardSeq;
		try {
			cardSeq = Long.parseLong(deskCase.cardSeq());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT a.source_file, a.source_line, a.partner, a.kind, COALESCE(a.charged_fen, a.amount_fen)
				FROM ledger_accepted a
				WHERE a.card_no = ? AND a.card_seq = ? AND NOT (a.source_file = ? AND a.source_line = ?)
				ORDER BY a.source_file, a.source_line""")
			.params(deskCase.cardNo(), cardSeq, deskCase.sourceFile(), deskCase.sourceLine())
			.query((rs, n) -> new AcceptedCopy(rs.getString(1), rs.getInt(2), rs.getString(3),
					"T".equals(rs.getString(4)), rs.getLong(5)))
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The cases not CLOSED by category and age in days since their clearing date
	 * (desk.md, "Aging"), with how many and the money at stake: the sum of their amounts'
	 * magnitudes (a SEQ_GAP or BALANCE_BREAK amount may be negative, and is money at
	 * stake all the same). A case of a clearing date after the day is left out: it was
	 * not found yet (its age would be negative).
	 * @param asOf the day ages are taken on
	 * @return one row per category with open cases, in category order, each with every
	 * bucket
	 */
	public List<AgingRow> aging(LocalDate asOf) {
		Map<String, Map<AgeBucket, long[]>> byCategory = new TreeMap<>();
		this.jdbc.sql("""
				SELECT category, clearing_date, COUNT(*), SUM(ABS(amount_fen)) FROM recon_exception
				WHERE case_state <> 'CLOSED' AND clearing_date <= ?
				GROUP BY category, clearing_date""").param(asOf).query((RowCallbackHandler) (rs) -> {
			long[] cell = byCategory.computeIfAbsent(rs.getString(1), (category) -> new EnumMap<>(AgeBucket.class))
				.computeIfAbsent(AgeBucket.of(rs.getObject(2, LocalDate.class), asOf), (bucket) -> new long[2]);
			cell[0] += rs.getLong(3);
			cell[1] += rs.getLong(4);
		});
		List<AgingRow> rows = new ArrayList<>();
		byCategory.forEach((category, buckets) -> {
			List<AgingCell> cells = new ArrayList<>();
			for (AgeBucket bucket : AgeBucket.values()) {
				long[] cell = buckets.getOrDefault(bucket, new long[2]);
				cells.add(new AgingCell(bucket, cell[0], cell[1]));
			}
			rows.add(new AgingRow(category, cells));
		});
		return rows;
	}

	/**
	 * The latest clearing date with cases.
	 * @return the date, or null when there is no case
	 */
	public LocalDate latestDate() {
		return this.jdbc.sql("SELECT MAX(clearing_date) FROM recon_exception")
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.get(0);
	}

	/**
	 * The cases of a clearing date by category, for the night's summary.
	 * @param date the clearing date
	 * @return one row per category, in category order
	 */
	public List<CategoryCount> byCategory(LocalDate date) {
		return this.jdbc.sql("""
				SELECT category, COUNT(*), SUM(CASE WHEN case_state = 'NEW' THEN 1 ELSE 0 END), SUM(ABS(amount_fen))
				FROM recon_exception WHERE clearing_date = ? GROUP BY category ORDER BY category""")
			.params(date)
			.query((rs, n) -> new CategoryCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/**
	 * How many cases are not CLOSED.
	 * @return the count
	 */
	public long openCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM recon_exception WHERE case_state <> 'CLOSED'")
			.query(Long.class)
			.single();
	}

	/**
	 * The clearing dates with a release the date's latest settlement version did not
	 * count (approved at or after its cutoff, ReleaseCutoff, even while it was being
	 * settled): the nightly chain settles them again so that the released taps are paid.
	 * A date never settled is not among them (its own settlement will count the release).
	 * @return the dates, oldest first
	 */
	public List<LocalDate> datesToResettle() {
		return this.jdbc.sql("""
				SELECT e.clearing_date FROM recon_exception e
				JOIN (SELECT clearing_date, MAX(releases_before) AS releases_before FROM settlement_version
				      GROUP BY clearing_date) v ON v.clearing_date = e.clearing_date
				WHERE e.released_at IS NOT NULL AND e.released_at >= v.releases_before
				GROUP BY e.clearing_date ORDER BY e.clearing_date""").query(LocalDate.class).list();
	}

	static DeskCase deskCase(ResultSet rs) throws SQLException {
		return new DeskCase(rs.getLong("exception_id"), rs.getObject("clearing_date", LocalDate.class),
				rs.getString("category"), rs.getString("status"), rs.getObject("resolved_on", LocalDate.class),
				rs.getString("case_state"), rs.getString("case_owner"), rs.getString("resolution"),
				rs.getString("release_requested_by"), rs.getObject("released_at", OffsetDateTime.class),
				rs.getString("partner"), rs.getString("card_no"), rs.getString("card_seq"), rs.getString("source_file"),
				rs.getInt("source_line"), rs.getLong("amount_fen"), rs.getString("detail"),
				rs.getObject("case_changed_at", OffsetDateTime.class));
	}

	/**
	 * The age in days of a case.
	 * @param deskCase the case
	 * @param asOf the day
	 * @return days since its clearing date
	 */
	public static long ageInDays(DeskCase deskCase, LocalDate asOf) {
		return ChronoUnit.DAYS.between(deskCase.clearingDate(), asOf);
	}

	/**
	 * The accepted row that holds a SEQ_CONFLICT's card_seq.
	 *
	 * @param sourceFile its file
	 * @param sourceLine its line
	 * @param partner who sent it
	 * @param tap whether it is a tap (paid to its operator) rather than a top-up
	 * @param amountFen its charge (a tap) or amount (a top-up), in fen
	 */
	public record AcceptedCopy(String sourceFile, int sourceLine, String partner, boolean tap, long amountFen) {
	}

	/**
	 * Which cases (every criterion optional).
	 *
	 * @param date only this clearing date, or null
	 * @param category only this category, or null
	 * @param state only this case_state, or null
	 * @param partner only this partner's, or null
	 * @param status only this system status, or null
	 */
	public record CaseFilter(LocalDate date, String category, String state, String partner, String status) {

		/** Every case. */
		public static final CaseFilter ALL = new CaseFilter(null, null, null, null, null);

		/** The categories a filter may name, in their order. */
		public static final List<String> CATEGORIES = Arrays.stream(ExceptionCategory.values())
			.map(Enum::name)
			.toList();

		/**
		 * Every case not CLOSED, as a filter's state: the cases the aging table counts.
		 */
		public static final String NOT_CLOSED = "NOT_CLOSED";

		/**
		 * The case states a filter may name, in their order, and {@link #NOT_CLOSED}.
		 */
		public static final List<String> STATES = java.util.stream.Stream
			.concat(Arrays.stream(CaseState.values()).map(Enum::name), java.util.stream.Stream.of(NOT_CLOSED))
			.toList();

		/** The system statuses a filter may name (domain.md: OPEN or RESOLVED). */
		public static final List<String> STATUSES = List.of("OPEN", "RESOLVED");

		void where(StringBuilder where, List<Object> parameters) {
			add(where, parameters, "clearing_date", this.date);
			add(where, parameters, "category", this.category);
			if (NOT_CLOSED.equals(this.state)) {
				where.append(" AND case_state <> 'CLOSED'");
			}
			else {
				add(where, parameters, "case_state", this.state);
			}
			add(where, parameters, "partner", this.partner);
			add(where, parameters, "status", this.status);
		}

		private static void add(StringBuilder where, List<Object> parameters, String column, Object value) {
			if (value != null) {
				where.append(" AND ").append(column).append(" = ?");
				parameters.add(value);
			}
		}

	}

	/**
	 * The cases of one category on one date.
	 *
	 * @param category the category
	 * @param count how many
	 * @param fresh how many nobody has looked at yet (NEW)
	 * @param amountFen the money at stake, in fen
	 */
	public record CategoryCount(String category, long count, long fresh, long amountFen) {
	}

	/**
	 * The open cases of one category, per age bucket.
	 *
	 * @param category the category
	 * @param cells one per bucket, youngest first
	 */
	public record AgingRow(String category, List<AgingCell> cells) {

		/**
		 * The row's total over every bucket.
		 * @return the cases and the money at stake
		 */
		public AgingCell total() {
			long count = 0;
			long amount = 0;
			for (AgingCell cell : this.cells) {
				count += cell.count();
				amount += cell.amountFen();
			}
			return new AgingCell(null, count, amount);
		}

	}

	/**
	 * The open cases of one category and age bucket.
	 *
	 * @param bucket the bucket (null for a total)
	 * @param count how many
	 * @param amountFen the money at stake, in fen
	 */
	public record AgingCell(AgeBucket bucket, long count, long amountFen) {
	}

}
