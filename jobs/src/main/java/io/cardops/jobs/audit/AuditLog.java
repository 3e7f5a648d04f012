package io.cardops.jobs.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.text.VisibleText;

/**
 * Appends to the audit log, table {@code audit_event} (V25). Rows are only ever inserted:
 * no method updates or deletes one, and on PostgreSQL a trigger refuses it.
 */
@Repository
public class AuditLog {

	/** The outcome of a change that was made. */
	public static final String OK = "OK";

	/** The outcome of a change that could not be made. */
	public static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * Creates the log.
	 * @param jdbc the database
	 * @param clock the time events are stamped with
	 */
	public AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Appends one event, in the caller's transaction if there is one.
	 * @param actor who did it, from where
	 * @param action what was done, for example {@code schedule.pause}
	 * @param object what it was done to, for example {@code nightly-chain}
	 * @param outcome how it ended, for example {@link #OK}
	 * @param detail the old and new value or other particulars, or null
	 */
	public void record(Actor actor, String action, String object, String outcome, String detail) {
		this.jdbc.sql("""
				INSERT INTO audit_event (occurred_at, account, source_address, action, object, outcome, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(OffsetDateTime.now(this.clock), cut(actor.account(), 128), cut(actor.sourceAddress(), 64), action,
					cut(object, 255), cut(outcome, 32), (detail != null) ? cut(detail, 2000) : null)
			.update();
	}

	/**
	 * The most recent events, newest first.
	 * @param limit how many
	 * @return the events
	 */
	public List<AuditEvent> recent(int limit) {
		return this.jdbc.sql("""
				SELECT event_id, occurred_at, account, source_address, action, object, outcome, detail
				FROM audit_event ORDER BY event_id DESC LIMIT ?""")
			.params(limit)
			.query((rs, n) -> new AuditEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

	private static String cut(String text, int length) {
		return VisibleText.cut(visible(text), length);
	}

	/**
	 * A text as the log keeps it: a control character (a NUL, which PostgreSQL refuses in
	 * any text, a line break that would fake a second entry where the log is printed) or
	 * an invisible one (VisibleText: a direction override, which would show a file name
	 * reversed; a zero-width space, which would make a failed sign-in as {@code ops-demo}
	 * followed by one read as the account's own; a lone surrogate) replaced by U+FFFD, so
	 * that what a client sent is kept, visibly, and the event is never lost for it.
	 */
	private static String visible(String text) {
		// An identity number a client typed where a name goes (a file name, an account
		// at sign-in) is masked as everywhere else: none may appear in the log (http.md).
		return VisibleText.masked(IdNumbers.redact(text));
	}

	/**
	 * One event of the audit log.
	 *
	 * @param id its number, in the order events were appended
	 * @param occurredAt when
	 * @param account who
	 * @param sourceAddress from where
	 * @param action what was done
	 * @param object to what
	 * @param outcome how it ended
	 * @param detail the old and new value, or null
	 */
	public record AuditEvent(long id, OffsetDateTime occurredAt, String account, String sourceAddress, String action,
			String object, String outcome, String detail) {
	}

}
