package io.cardops.portal.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.support.Page;

/**
 * What the operations team reads besides the runs: the audit log and the nightly figures
 * of the board's chart.
 */
@Repository
public class OpsRecords {

	private final JdbcClient jdbc;

	/**
	 * Creates the reader.
	 * @param jdbc the database
	 */
	public OpsRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of the audit log, newest first.
	 * @param since only events at or after this instant, or null
	 * @param user only this account's, or null
	 * @param action only this action, or null
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	public Page<AuditRow> audit(OffsetDateTime since, String user, String action, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> parameters = new ArrayList<>();
		if (since != null) {
			where.append(" AND occurred_at >= ?");
			parameters.add(since);
		}
		if (user != null) {
			where.append(" AND account = ?");
			parameters.add(user);
		}
		if (action != null) {
			// every action is named in lower case (roster.upload, sign-in,
			// exception.close)
			where.append(" AND action = ?");
			parameters.add(action.strip().toLowerCase(Locale.ROOT));
		}
		return Page.query(this.jdbc,
				"SELECT event_id, occurred_at, account, source_address, action, object, outcome, detail",
				"FROM audit_event" + where, parameters, "event_id DESC",
				(rs, n) -> new AuditRow(rs.getLong(1),
						rs.getObject(2, OffsetDateTime.class)
							.atZoneSameInstant(AcademicCalendar.ZONE)
							.toOffsetDateTime(),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
						rs.getString(8)),
				page, size);
	}

	/**
	 * The last nights' figures: taps loaded and exceptions found per clearing date.
	 * @param from the first date
	 * @param to the last date
	 * @return one row per date that has either, in date order
	 */
	public List<Night> nights(LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				SELECT d, SUM(taps), SUM(exceptions) FROM (
				    SELECT clearing_date AS d, COALESCE(records, 0) AS taps, 0 AS exceptions FROM inbox_file
				    WHERE kind = 'taps' AND status <> 'REJECTED' AND clearing_date BETWEEN ? AND ?
				    UNION ALL
				    SELECT clearing_date AS d, 0 AS taps, 1 AS exceptions FROM recon_exception
				    WHERE clearing_date BETWEEN ? AND ?
				) nightly GROUP BY d ORDER BY d""")
			.params(from, to, from, to)
			.query((rs, n) -> new Night(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/**
	 * The latest clearing date up to today the inbox received files for.
	 * @param today today (Asia/Shanghai)
	 * @return the date, null when none arrived yet
	 */
	public LocalDate latestInboxDate(LocalDate today) {
		// Files dated ahead (a demo's year to come) are not yet a night to look at.
		return this.jdbc.sql("SELECT MAX(clearing_date) FROM inbox_file WHERE clearing_date <= ?")
			.params(today)
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.get(0);
	}

	/**
	 * The latest publications of the gates' hotlist, newest first (domain.md, "Hotlist").
	 * @param count how many
	 * @return the versions
	 */
	public List<HotlistVersion> hotlist(int count) {
		return this.jdbc.sql("""
				SELECT version, clearing_date, published_at, blocked, added, removed FROM hotlist_version
				ORDER BY version DESC FETCH FIRST %d ROWS ONLY""".formatted(count))
			.query((rs, n) -> new HotlistVersion(rs.getLong(1), rs.getObject(2, LocalDate.class),
					OpsView.time(rs.getObject(3, OffsetDateTime.class)), rs.getInt(4), rs.getInt(5), rs.getInt(6)))
			.list();
	}

	/**
	 * A publication of the hotlist.
	 *
	 * @param version its version
	 * @param clearingDate the card-events date it was published for
	 * @param publishedAt when, Beijing time
	 * @param blocked the cards it blocks
	 * @param added the cards blocked since the version before (BLOCK in its delta)
	 * @param removed the cards no longer blocked (UNBLOCK in its delta)
	 */
	public record HotlistVersion(long version, LocalDate clearingDate, String publishedAt, int blocked, int added,
			int removed) {
	}

	/**
	 * The latest clearing date whose tap files arrived (and were not rejected whole).
	 * @return the date, null when none arrived yet
	 */
	public LocalDate latestTapsDate() {
		return this.jdbc.sql("SELECT MAX(clearing_date) FROM inbox_file WHERE kind = 'taps' AND status <> 'REJECTED'")
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.get(0);
	}

	/**
	 * How long each night's chain took, in whole seconds (rounded to the nearest): its
	 * longest ended run of each business date.
	 * @param from the first date
	 * @param to the last date
	 * @return the seconds by date
	 */
	public Map<LocalDate, Double> chainSeconds(LocalDate from, LocalDate to) {
		Map<LocalDate, Double> seconds = new TreeMap<>();
		// The chain's runs are the nightly-chain job's (its key is date=YYYY-MM-DD);
		// Spring Batch keeps local times of the JVM's zone.
		this.jdbc.sql("""
				SELECT r.business_key, e.start_time, e.end_time
				FROM job_run r JOIN batch_job_execution e ON e.job_execution_id = r.job_execution_id
				WHERE r.job = 'nightly-chain' AND r.outcome IN ('COMPLETED', 'FAILED') AND e.start_time IS NOT NULL
				  AND e.end_time IS NOT NULL AND r.business_key BETWEEN ? AND ?""")
			.params("date=" + from, "date=" + to)
			.query((rs, n) -> {
				// to the tenth of a second, as the runs list shows it: a night
				// of the sample data takes under a second, 0.4 s, not 0 or 1
				double taken = Math
					.round(Duration.between(rs.getTimestamp(2).toLocalDateTime(), rs.getTimestamp(3).toLocalDateTime())
						.toMillis() / 100.0) / 10.0;
				seconds.merge(LocalDate.parse(rs.getString(1).substring(5)), taken, Math::max);
				return null;
			})
			.list();
		return seconds;
	}

	/**
	 * An event of the audit log.
	 *
	 * @param id its number
	 * @param occurredAt when
	 * @param account who
	 * @param sourceAddress from where
	 * @param action what
	 * @param object to what
	 * @param outcome how it ended
	 * @param detail the particulars
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AuditRow(long id, OffsetDateTime occurredAt, String account, String sourceAddress, String action,
			String object, String outcome, String detail) {
	}

	/**
	 * One night's figures.
	 *
	 * @param date the clearing date
	 * @param taps tap rows received
	 * @param exceptions exceptions found
	 */
	public record Night(LocalDate date, long taps, long exceptions) {
	}

}
