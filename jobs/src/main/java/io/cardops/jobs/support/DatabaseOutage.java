package io.cardops.jobs.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * Whether a serving node ({@code cardops serve}) can reach its database. Without it each
 * request, each health check and each of Quartz's threads waited the pool's 30 seconds
 * for a connection on its own and logged its own stack trace. The first failure to reach
 * the database (seen by a health check, a request, or Quartz's log) marks the database
 * down and says so once in the log, naming the database and the setting that names it;
 * while it is down the portal and the API answer 503 at once, the health check DOWN at
 * once, and one thread tries a connection every {@code cardops.database.retry} (5 seconds
 * unless set otherwise), until one is had: then the node says so and answers again. A
 * command-line process never watches (its command reports its own failure).
 */
@Component
public class DatabaseOutage implements DisposableBean {

	private static final int CHECK_SECONDS = 5;

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutage.class);

	private final DataSource dataSource;

	private final Clock clock;

	private final String database;

	private final Duration retry;

	private volatile boolean watching;

	private volatile Down down;

	private ScheduledExecutorService probe;

	/**
	 * Creates the watch (not watching until {@link #watch()}).
	 * @param dataSource the database
	 * @param clock the clock
	 * @param url the database's JDBC URL, as configured
	 * @param retry how long to wait between two tries while it cannot be reached
	 */
	public DatabaseOutage(DataSource dataSource, Clock clock, @Value("${spring.datasource.url:}") String url,
			@Value("${cardops.database.retry:5s}") Duration retry) {
		this.dataSource = dataSource;
		this.clock = clock;
		this.database = shown(url);
		if (retry.isNegative() || retry.isZero()) {
			throw new IllegalArgumentException(
					"cardops.database.retry must be a positive duration such as 5s, not " + retry);
		}
		this.retry = retry;
	}

	/**
	 * A database that cannot be reached, since when and why.
	 *
	 * @param since when it was first seen
	 * @param reason the driver's reason, the last one seen
	 */
	public record Down(Instant since, String reason) {

		private static final DateTimeFormatter SHOWN = DateTimeFormatter
			.ofPattern("yyyy-MM-dd HH:mm:ss 'Asia/Shanghai'")
			.withZone(AcademicCalendar.ZONE);

		/**
		 * Since when, as the health check and the 503 answers say it.
		 * @return for example {@code 2026-12-08 04:50:25 Asia/Shanghai}
		 */
		public String shownSince() {
			return SHOWN.format(this.since);
		}

	}

	/** Starts watching: the node serves. */
	public void watch() {
		this.watching = true;
	}

	/**
	 * Whether the node watches (it serves).
	 * @return true when it does
	 */
	public boolean watching() {
		return this.watching;
	}

	/**
	 * The outage in progress.
	 * @return it, or null while the database is reached
	 */
	public Down down() {
		return this.down;
	}

	/**
	 * The database as a message names it: its host, port and name, without its parameters
	 * (which may hold a password).
	 * @return the database's name
	 */
	public String database() {
		return this.database;
	}

	/**
	 * Takes note of a failure: when it is the database that cannot be reached (no
	 * connection could be had), and the node watches, the database is down from now until
	 * a connection is had again.
	 * @param failure any failure
	 * @return whether the failure is the database not reached (SQL state class 08, the
	 * pool's timeout, a closed connection)
	 */
	public boolean failed(Throwable failure) {
		if (!Failures.connectionLost(failure)) {
			return false;
		}
		if (!this.watching || !unreachable(failure)) {
			// (a connection the server ended, pg_terminate_backend or a restart, is not
			// an
			// outage: the pool opens another)
			return true;
		}
		String reason = Failures.databaseReason(failure);
		synchronized (this) {
			if (this.down != null) {
				this.down = new Down(this.down.since(), reason);
				return true;
			}
			this.down = new Down(this.clock.instant(), reason);
			logger.warn("cannot reach the database {} (--db or CARDOPS_DB_URL): {}; the portal and the API answer 503"
					+ " and the schedules wait until it is back; trying again every {} s (cardops.database.retry)",
					this.database, reason, this.retry.toSeconds());
			if (this.probe == null) {
				this.probe = Daemons.timer("cardops-database-probe");
			}
			this.probe.schedule(this::tryAgain, this.retry.toMillis(), TimeUnit.MILLISECONDS);
		}
		return true;
	}

	/**
	 * Whether a failure is a connection that could not be had: the pool waited for one in
	 * vain, or the server refused or did not answer a new one (SQL state 08001, 08004).
	 */
	static boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
					|| (cause instanceof SQLException sql
							&& ("08001".equals(sql.getSQLState()) || "08004".equals(sql.getSQLState())))) {
				return true;
			}
		}
		return false;
	}

	private void tryAgain() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid(CHECK_SECONDS)) {
				throw new SQLException("the database did not answer a check within " + CHECK_SECONDS + " seconds",
						"08006");
			}
		}
		catch (SQLException | RuntimeException ex) {
			synchronized (this) {
				this.down = new Down(this.down.since(), Failures.databaseReason(ex));
				this.probe.schedule(this::tryAgain, this.retry.toMillis(), TimeUnit.MILLISECONDS);
			}
			return;
		}
		synchronized (this) {
			Duration lasted = Duration.between(this.down.since(), this.clock.instant());
			this.down = null;
			logger.warn("reached the database {} again after {} s: the portal, the API and the schedules go on",
					this.database, Math.max(0, lasted.toSeconds()));
		}
	}

	/**
	 * A JDBC URL as a message shows it: without {@code jdbc:postgresql://}, its
	 * parameters, or a user and password before the host.
	 */
	static String shown(String url) {
		if (url == null || url.isBlank()) {
			return "(no --db)";
		}
		return url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("^[^/@]*@", "").replaceFirst("[?;].*$", "");
	}

	@Override
	public synchronized void destroy() {
		if (this.probe != null) {
			this.probe.shutdownNow();
		}
	}

}
