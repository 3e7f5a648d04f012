package io.cardops.jobs.cards;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Publishes the blocklist gates load offline (domain.md, "Hotlist"): every LOST or
 * RETURNED card is blocked. A publication has a version one higher than the last and goes
 * out in full and as a delta against the previous version.
 *
 * <p>
 * A date gets its first version from its first card-events run; a later run of the same
 * date publishes a new version only when the blocked set changed, so a re-run with
 * nothing new changes nothing.
 */
@Service
public class HotlistService {

	private static final int FETCH_SIZE = 1000;

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
		.withZone(AcademicCalendar.ZONE);

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final Clock clock;

	private final JdbcTemplate streaming;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param dataSource the same database, read through a cursor in the caller's
	 * transaction
	 * @param properties the settings (the outbox)
	 * @param clock the clock
	 */
	public HotlistService(JdbcClient jdbc, DataSource dataSource, CardopsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Publishes a new version when the date has none yet or the blocked set changed. The
	 * comparison with the version in force is made in the database and the files are
	 * written as the rows stream out, so that no number of blocked cards has to fit in
	 * memory.
	 * @param date the clearing date of the card-events run
	 * @return the version in force after the call
	 */
	public Publication publish(LocalDate date) {
		long blocked = this.jdbc.sql("SELECT COUNT(*) FROM card WHERE state IN ('LOST', 'RETURNED')")
			.query(Long.class)
			.single();
		long added = this.jdbc.sql("SELECT COUNT(*) FROM (" + NEWLY_BLOCKED + ") b").query(Long.class).single();
		long removed = this.jdbc.sql("SELECT COUNT(*) FROM (" + UNBLOCKED + ") u").query(Long.class).single();
		long latest = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM hotlist_version").query(Long.class).single();
		Optional<Long> ofDate = this.jdbc.sql("SELECT MAX(version) FROM hotlist_version WHERE clearing_date = ?")
			.params(date)
			.query(Long.class)
			.optional()
			.filter(Objects::nonNull);
		if (ofDate.isPresent() && added == 0 && removed == 0) {
			return new Publication(latest, Math.toIntExact(blocked), 0, 0, false);
		}
		long version = latest + 1;
		this.jdbc.sql("""
				INSERT INTO hotlist_version (version, clearing_date, published_at, blocked, added, removed)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(version, date, OffsetDateTime.now(this.clock), blocked, added, removed)
			.update();
		this.jdbc
			.sql("INSERT INTO hotlist_change (version, card_no, action, reason, since) SELECT ?, card_no, 'BLOCK',"
					+ " reason, since FROM (" + NEWLY_BLOCKED + ") b")
			.params(version)
			.update();
		this.jdbc
			.sql("INSERT INTO hotlist_change (version, card_no, action, reason, since) SELECT ?, card_no,"
					+ " 'UNBLOCK', reason, since FROM (" + UNBLOCKED + ") u")
			.params(version)
			.update();
		this.jdbc
			.sql("DELETE FROM hotlist_entry WHERE card_no IN (SELECT card_no FROM hotlist_change WHERE version = ?)")
			.params(version)
			.update();
		this.jdbc.sql("""
				INSERT INTO hotlist_entry (card_no, reason, since)
				SELECT card_no, reason, since FROM hotlist_change WHERE version = ? AND action = 'BLOCK'""")
			.params(version)
			.update();
		try (OutboundCsvWriter full = OutboundFile.HOTLIST_FULL.create(this.properties.outbox(), date, version)) {
			stream("SELECT card_no, 'BLOCK', state, state_since FROM card WHERE state IN ('LOST', 'RETURNED')"
					+ " ORDER BY card_no", null, version, full);
			full.publish();
		}
		try (OutboundCsvWriter delta = OutboundFile.HOTLIST_DELTA.create(this.properties.outbox(), date, version)) {
			stream("SELECT card_no, action, reason, since FROM hotlist_change WHERE version = ? ORDER BY card_no",
					version, version, delta);
			delta.publish();
		}
		return new Publication(version, Math.toIntExact(blocked), Math.toIntExact(added), Math.toIntExact(removed),
				true);
	}

	/**
	 * Blocked cards not in the version in force, or in it with another reason or time.
	 */
	private static final String NEWLY_BLOCKED = """
			SELECT c.card_no, c.state AS reason, c.state_since AS since FROM card c
			LEFT JOIN hotlist_entry h ON h.card_no = c.card_no
			WHERE c.state IN ('LOST', 'RETURNED')
			  AND (h.card_no IS NULL OR h.reason <> c.state OR h.since <> c.state_since)""";

	/** Cards of the version in force that are no longer blocked. */
	private static final String UNBLOCKED = """
			SELECT h.card_no, h.reason, h.since FROM hotlist_entry h
			WHERE NOT EXISTS (SELECT 1 FROM card c WHERE c.card_no = h.card_no AND c.state IN ('LOST', 'RETURNED'))""";

	/**
	 * Writes a query's rows (card_no, action, reason, since) to a file as they come, a
	 * batch at a time through a cursor.
	 */
	private void stream(String sql, Long parameter, long version, OutboundCsvWriter csv) {
		this.streaming.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setFetchSize(FETCH_SIZE);
			if (parameter != null) {
				statement.setLong(1, parameter);
			}
			return statement;
		}, (RowCallbackHandler) (rs) -> csv.row(version, rs.getString(1).trim(), rs.getString(2), rs.getString(3),
				since(rs.getObject(4, OffsetDateTime.class).toInstant())));
	}

	private static String since(Instant instant) {
		return SINCE.format(instant);
	}

	/**
	 * The hotlist after a run.
	 *
	 * @param version the version in force
	 * @param blocked cards blocked in it
	 * @param added cards newly blocked by this run's version
	 * @param removed cards unblocked by this run's version
	 * @param published whether this run published a new version
	 */
	public record Publication(long version, int blocked, int added, int removed, boolean published) {
	}

}
