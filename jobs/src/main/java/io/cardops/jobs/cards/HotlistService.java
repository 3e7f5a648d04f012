package io.cardops.jobs.cards;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
		.withZone(AcademicCalendar.ZONE);

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 * @param clock the clock
	 */
	public HotlistService(JdbcClient jdbc, CardopsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Publishes a new version when the date has none yet or the blocked set changed.
	 * @param date the clearing date of the card-events run
	 * @return the version in force after the call
	 */
	public Publication publish(LocalDate date) {
		Map<String, Entry> current = blocked("""
				SELECT card_no, state, state_since FROM card WHERE state IN ('LOST', 'RETURNED') ORDER BY card_no""");
		Map<String, Entry> published = blocked("SELECT card_no, reason, since FROM hotlist_entry ORDER BY card_no");
		List<Change> changes = new ArrayList<>();
		current.forEach((cardNo, entry) -> {
			if (!entry.equals(published.get(cardNo))) {
				changes.add(new Change(cardNo, "BLOCK", entry));
			}
		});
		published.forEach((cardNo, entry) -> {
			if (!current.containsKey(cardNo)) {
				changes.add(new Change(cardNo, "UNBLOCK", entry));
			}
		});
		changes.sort((a, b) -> a.cardNo().compareTo(b.cardNo()));
		long latest = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM hotlist_version").query(Long.class).single();
		Optional<Long> ofDate = this.jdbc.sql("SELECT MAX(version) FROM hotlist_version WHERE clearing_date = ?")
			.params(date)
			.query(Long.class)
			.optional()
			.filter(Objects::nonNull);
		if (ofDate.isPresent() && changes.isEmpty()) {
			return new Publication(latest, current.size(), 0, 0, false);
		}
		long version = latest + 1;
		int added = (int) changes.stream().filter((change) -> change.action().equals("BLOCK")).count();
		int removed = changes.size() - added;
		this.jdbc.sql("""
				INSERT INTO hotlist_version (version, clearing_date, published_at, blocked, added, removed)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(version, date, OffsetDateTime.now(this.clock), current.size(), added, removed)
			.update();
		for (Change change : changes) {
			this.jdbc.sql("INSERT INTO hotlist_change (version, card_no, action, reason, since) VALUES (?, ?, ?, ?, ?)")
				.params(version, change.cardNo(), change.action(), change.entry().reason(),
						CardStore.offset(change.entry().since()))
				.update();
			this.jdbc.sql("DELETE FROM hotlist_entry WHERE card_no = ?").params(change.cardNo()).update();
			if (change.action().equals("BLOCK")) {
				this.jdbc.sql("INSERT INTO hotlist_entry (card_no, reason, since) VALUES (?, ?, ?)")
					.params(change.cardNo(), change.entry().reason(), CardStore.offset(change.entry().since()))
					.update();
			}
		}
		try (OutboundCsvWriter full = OutboundFile.HOTLIST_FULL.create(this.properties.outbox(), date, version)) {
			current
				.forEach((cardNo, entry) -> full.row(version, cardNo, "BLOCK", entry.reason(), since(entry.since())));
			full.publish();
		}
		try (OutboundCsvWriter delta = OutboundFile.HOTLIST_DELTA.create(this.properties.outbox(), date, version)) {
			changes.forEach((change) -> delta.row(version, change.cardNo(), change.action(), change.entry().reason(),
					since(change.entry().since())));
			delta.publish();
		}
		return new Publication(version, current.size(), added, removed, true);
	}

	private Map<String, Entry> blocked(String sql) {
		Map<String, Entry> entries = new LinkedHashMap<>();
		this.jdbc.sql(sql)
			.query((RowCallbackHandler) (rs) -> entries.put(rs.getString(1).trim(),
					new Entry(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant())));
		return entries;
	}

	private static String since(Instant instant) {
		return SINCE.format(instant);
	}

	private record Entry(String reason, Instant since) {
	}

	private record Change(String cardNo, String action, Entry entry) {
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
