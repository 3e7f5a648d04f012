package io.cardops.jobs.cards;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.cards.Card;
import io.cardops.domain.cards.CardState;
import io.cardops.domain.cards.Device;
import io.cardops.domain.eligibility.RosterStanding;
import io.cardops.domain.roster.EnrollmentStatus;
import io.cardops.writers.bulk.BulkLoader;

/**
 * Reads the card master, rosters and renewal windows in bulk for the events of a run, and
 * writes the run's results in bulk: one query per thousand keys, never one per event.
 */
@Repository
public class CardStore {

	private static final int CHUNK = 1000;

	private static final String CARD_COLUMNS = "card_no, institution, student_no, channel, device, state, issued_at, valid_until, state_since";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final DataSource dataSource;

	/**
	 * Creates the store.
	 * @param jdbc the database
	 * @param batch the same database, for batched updates
	 * @param dataSource the same database, for bulk loading in the caller's transaction
	 */
	public CardStore(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.dataSource = dataSource;
	}

	/**
	 * The cards with these numbers.
	 * @param cardNos card numbers
	 * @return the known ones by number
	 */
	public Map<String, Card> cards(Collection<String> cardNos) {
		Map<String, Card> cards = new HashMap<>();
		for (List<String> chunk : chunks(cardNos)) {
			this.jdbc.sql("SELECT " + CARD_COLUMNS + " FROM card WHERE card_no IN (:cardNos)")
				.param("cardNos", chunk)
				.query((rs, n) -> card(rs))
				.list()
				.forEach((card) -> cards.put(card.cardNo(), card));
		}
		return cards;
	}

	/**
	 * The ACTIVE cards of these students.
	 * @param studentNos student numbers (of any institution)
	 * @return the ACTIVE cards by holder key ({@link #holder})
	 */
	public Map<String, Card> activeCards(Collection<String> studentNos) {
		Map<String, Card> cards = new HashMap<>();
		for (List<String> chunk : chunks(studentNos)) {
			this.jdbc
				.sql("SELECT " + CARD_COLUMNS + " FROM card WHERE state = 'ACTIVE' AND student_no IN (:studentNos)")
				.param("studentNos", chunk)
				.query((rs, n) -> card(rs))
				.list()
				.forEach((card) -> cards.put(holder(card.institution(), card.studentNo()), card));
		}
		return cards;
	}

	/**
	 * How these students stand on their institution's latest roster.
	 * @param studentNos student numbers (of any institution)
	 * @return the standings by holder key
	 */
	public Map<String, RosterStanding> standings(Collection<String> studentNos) {
		Map<String, RosterStanding> standings = new HashMap<>();
		// Looked up by student number alone (V31's index), one query a thousand students,
		// keeping the entries of each institution's current roster. Naming the import too
		// made H2 read the whole roster for every thousand students: it takes a list of
		// values as an index condition only on an index's first column, and the entries'
		// key starts with the import.
		Map<Long, String> rosters = new HashMap<>();
		this.jdbc.sql("SELECT import_id, institution FROM roster_current")
			.query((RowCallbackHandler) (rs) -> rosters.put(rs.getLong(1), rs.getString(2)));
		for (List<String> chunk : chunks(studentNos)) {
			this.jdbc.sql("""
					SELECT import_id, student_no, status, salaried, expected_graduation FROM roster_entry
					WHERE student_no IN (:studentNos)""")
				.param("studentNos", chunk)
				.query((RowCallbackHandler) (rs) -> {
					String institution = rosters.get(rs.getLong(1));
					if (institution != null) {
						standings.put(holder(institution, rs.getString(2)),
								new RosterStanding(EnrollmentStatus.valueOf(rs.getString(3)), rs.getBoolean(4),
										rs.getObject(5, LocalDate.class)));
					}
				});
		}
		return standings;
	}

	/**
	 * The years whose renewal window has been opened.
	 * @return the years
	 */
	public Set<Integer> openRenewalWindows() {
		return new HashSet<>(this.jdbc.sql("SELECT window_year FROM renewal_window").query(Integer.class).list());
	}

	/**
	 * The events of these ids already applied, as {@code channel/event_id}.
	 * @param eventIds event ids (of any channel)
	 * @return the keys already applied
	 */
	public Set<String> appliedEventKeys(Collection<String> eventIds) {
		Set<String> keys = new HashSet<>();
		for (List<String> chunk : chunks(eventIds)) {
			keys.addAll(this.jdbc.sql("SELECT channel, event_id FROM card_event WHERE event_id IN (:ids)")
				.param("ids", chunk)
				.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
				.list());
		}
		return keys;
	}

	/**
	 * Inserts new cards with their ledger starting point (card_seq 0, balance 0).
	 * @param cards the cards in their state at the end of the run
	 * @param refunds the refund of each card returned in the same run, by card number
	 * @param date the clearing date
	 * @throws SQLException when the database refuses them
	 */
	public void insert(Collection<Card> cards, Map<String, Long> refunds, LocalDate date) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		List<String> columns = new ArrayList<>(List.of(CARD_COLUMNS.split(", ")));
		columns.add("refund_fen");
		try (BulkLoader loader = BulkLoader.open(connection, "card", columns)) {
			for (Card card : cards) {
				// A card issued and returned in the same run keeps its refund, as one
				// returned in a later run does (update).
				loader.add(card.cardNo(), card.institution(), card.studentNo(), card.channel(), card.device().name(),
						card.state().name(), offset(card.issuedAt()), card.validUntil(), offset(card.stateSince()),
						refunds.get(card.cardNo()));
			}
			loader.finish();
		}
		try (BulkLoader loader = BulkLoader.open(connection, "card_ledger",
				List.of("card_no", "last_seq", "balance_fen", "updated_on"))) {
			for (Card card : cards) {
				loader.add(card.cardNo(), 0, 0, date);
			}
			loader.finish();
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Updates existing cards to their state at the end of the run.
	 * @param cards the changed cards
	 * @param refunds the refund of each returned card, by card number
	 */
	public void update(Collection<Card> cards, Map<String, Long> refunds) {
		List<Object[]> rows = new ArrayList<>(cards.size());
		for (Card card : cards) {
			rows.add(new Object[] { card.state().name(), card.validUntil(), offset(card.stateSince()),
					refunds.get(card.cardNo()), card.cardNo() });
		}
		int[] counts = this.batch.batchUpdate(
				"UPDATE card SET state = ?, valid_until = ?, state_since = ?, refund_fen = COALESCE(?, refund_fen) WHERE card_no = ?",
				rows);
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] != 1 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
				throw new IllegalStateException("card " + rows.get(i)[4] + " vanished during the run");
			}
		}
	}

	/**
	 * Bulk-loads rows into a table in the caller's transaction.
	 * @param table the table
	 * @param columns its columns
	 * @param rows the rows
	 * @throws SQLException when the database refuses them
	 */
	public void load(String table, List<String> columns, Collection<Object[]> rows) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (BulkLoader loader = BulkLoader.open(connection, table, columns)) {
			for (Object[] row : rows) {
				loader.add(row);
			}
			loader.finish();
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * The key of a card holder.
	 * @param institution the institution
	 * @param studentNo the student number
	 * @return the key
	 */
	public static String holder(String institution, String studentNo) {
		return institution + "/" + studentNo;
	}

	/**
	 * An instant as the database stores it (Asia/Shanghai offset).
	 * @param instant the instant
	 * @return the offset date-time, or null
	 */
	public static OffsetDateTime offset(Instant instant) {
		return (instant != null) ? instant.atZone(AcademicCalendar.ZONE).toOffsetDateTime() : null;
	}

	private static Card card(ResultSet rs) throws SQLException {
		return new Card(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				Device.valueOf(rs.getString(5)), CardState.valueOf(rs.getString(6)),
				rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, LocalDate.class),
				rs.getObject(9, OffsetDateTime.class).toInstant());
	}

	private static <T> List<List<T>> chunks(Collection<T> values) {
		List<List<T>> chunks = new ArrayList<>();
		List<T> chunk = new ArrayList<>(CHUNK);
		for (T value : values) {
			chunk.add(value);
			if (chunk.size() == CHUNK) {
				chunks.add(chunk);
				chunk = new ArrayList<>(CHUNK);
			}
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

}
