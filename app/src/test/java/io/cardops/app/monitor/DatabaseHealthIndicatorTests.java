package io.cardops.app.monitor;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.AbstractDataSource;

import io.cardops.jobs.support.DatabaseOutage;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseHealthIndicatorTests {

	/** A database that never answers: each connection is waited for in vain. */
	private final AbstractDataSource silent = new AbstractDataSource() {

		@Override
		public Connection getConnection() {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("interrupted");
		}

		@Override
		public Connection getConnection(String username, String password) {
			return getConnection();
		}

	};

	private final DatabaseOutage outage = new DatabaseOutage(this.silent, Clock.systemUTC(),
			"jdbc:postgresql://db-host:5432/cardops", Duration.ofHours(1));

	private final DatabaseHealthIndicator health = new DatabaseHealthIndicator(this.silent, this.outage);

	@AfterEach
	void stop() {
		this.health.destroy();
		this.outage.destroy();
	}

	@Test
	void aDatabaseThatDoesNotAnswerIsDownWithinTheWaitAndThenAtOnce() {
		this.outage.watch();
		Instant start = Instant.now();
		Health first = this.health.health();
		assertThat(first.getStatus()).isEqualTo(Status.DOWN);
		assertThat(Duration.between(start, Instant.now())).as("the pool would have waited 30 s")
			.isLessThan(Duration.ofSeconds(20));
		assertThat(first.getDetails()).containsEntry("database", "db-host:5432/cardops");
		assertThat(String.valueOf(first.getDetails().get("error"))).startsWith("cannot be reached since ")
			.endsWith(": no connection answered within 2 seconds");
		assertThat(this.outage.down()).as("the node knows it is down").isNotNull();

		start = Instant.now();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(Duration.between(start, Instant.now())).as("at once, without waiting for a connection")
			.isLessThan(Duration.ofSeconds(10));
	}

}
