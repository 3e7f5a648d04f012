package io.cardops.app.logging;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.cardops.jobs.support.DatabaseOutage;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageLogsTests {

	private final LoggerContext logging = new LoggerContext();

	private final DatabaseOutage outage = new DatabaseOutage(new DriverManagerDataSource("jdbc:h2:mem:outage"),
			Clock.systemUTC(), "jdbc:postgresql://db-host:5432/cardops?user=x&password=secret", Duration.ofHours(1));

	private final DatabaseOutageLogs filter = new DatabaseOutageLogs(this.outage);

	private final SQLTransientConnectionException lost = new SQLTransientConnectionException(
			"HikariPool-1 - Connection is not available, request timed out after 30000ms", "08001");

	@AfterEach
	void stop() {
		this.outage.destroy();
	}

	@Test
	void aCommandsFrameworkWarningOfALostConnectionIsLeftToTheCommandsOwnSentence() {
		assertThat(decide("com.zaxxer.hikari.pool.ProxyConnection", Level.WARN, "{} - Connection {} marked as broken",
				new Object[] { "HikariPool-1", "c", this.lost }, null))
			.isEqualTo(FilterReply.DENY);
		assertThat(decide("org.springframework.transaction.support.TransactionTemplate", Level.ERROR,
				"Application exception overridden by rollback exception", null, this.lost))
			.isEqualTo(FilterReply.DENY);
		// not watching: nothing is said of an outage
		assertThat(this.outage.down()).isNull();
	}

	@Test
	void aServingNodesFirstFailureToReachItsDatabaseMarksItDownAndItsLogLinesGo() {
		this.outage.watch();
		assertThat(decide("org.quartz.core.ErrorLogger", Level.ERROR,
				"An error occurred while scanning for the next triggers to fire.", null,
				new RuntimeException("Failed to obtain DB connection", this.lost)))
			.isEqualTo(FilterReply.DENY);
		assertThat(this.outage.down()).isNotNull();
		assertThat(this.outage.database()).as("no parameters, no password").isEqualTo("db-host:5432/cardops");
		assertThat(decide("com.zaxxer.hikari.pool.PoolBase", Level.WARN,
				"{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value.",
				new Object[] { "HikariPool-1", "c", "closed" }, null))
			.isEqualTo(FilterReply.DENY);
	}

	@Test
	void aConnectionTheServerEndedIsNoOutage() {
		this.outage.watch();
		// (pg_terminate_backend, a restart: the pool opens another connection)
		java.sql.SQLException ended = new java.sql.SQLException("terminating connection due to administrator command",
				"57P01");
		assertThat(decide("com.zaxxer.hikari.pool.ProxyConnection", Level.WARN, "{} - Connection {} marked as broken",
				new Object[] { "HikariPool-1", "c", ended }, null))
			.isEqualTo(FilterReply.DENY);
		assertThat(this.outage.down()).isNull();
	}

	@Test
	void anythingElseIsLoggedAsBefore() {
		this.outage.watch();
		assertThat(decide("org.quartz.core.ErrorLogger", Level.ERROR, "a job failed", null,
				new IllegalStateException("no such file")))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("io.cardops.jobs.Something", Level.ERROR, "lost", null, this.lost))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("com.zaxxer.hikari.pool.PoolBase", Level.INFO, "{} - Start completed.", null, null))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(this.outage.down()).isNull();
	}

	private FilterReply decide(String logger, Level level, String format, Object[] params, Throwable failure) {
		return this.filter.decide(null, this.logging.getLogger(logger), level, format, params, failure);
	}

}
