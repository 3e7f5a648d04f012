package io.cardops.app.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.Daemons;
import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.jobs.support.Failures;

/**
 * The {@code db} component of {@code /actuator/health}, in place of Spring Boot's, which
 * waited for a connection as long as the pool lets anything wait (30 seconds), so that a
 * load balancer's check of a node whose database was gone timed out instead of reading
 * DOWN. This one answers within {@value #WAIT_SECONDS} seconds: DOWN at once while the
 * node knows its database is down ({@link DatabaseOutage}), else after a check of a
 * pooled connection that answers in time. A check that does not answer in time marks the
 * database down (the watch then tries it again in the background); one check runs at a
 * time, whoever asks.
 */
@Component("db")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

	static final int WAIT_SECONDS = 2;

	private final DataSource dataSource;

	private final DatabaseOutage outage;

	private final ExecutorService checks = Daemons.timer("cardops-database-health");

	private Future<String> running;

	/**
	 * Creates the indicator.
	 * @param dataSource the database
	 * @param outage the node's watch of its database
	 */
	public DatabaseHealthIndicator(DataSource dataSource, DatabaseOutage outage) {
		this.dataSource = dataSource;
		this.outage = outage;
	}

	@Override
	public Health health() {
		DatabaseOutage.Down down = this.outage.down();
		if (down != null) {
			return down(down);
		}
		Future<String> check = check();
		try {
			String product = check.get(WAIT_SECONDS, TimeUnit.SECONDS);
			return Health.up().withDetail("database", product).withDetail("validationQuery", "isValid()").build();
		}
		catch (TimeoutException ex) {
			return failed(new SQLTransientConnectionException(
					"no connection answered within " + WAIT_SECONDS + " seconds", "08001", ex));
		}
		catch (ExecutionException ex) {
			return failed(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().build();
		}
	}

	private synchronized Future<String> check() {
		if (this.running == null || this.running.isDone()) {
			this.running = this.checks.submit(() -> {
				try (Connection connection = this.dataSource.getConnection()) {
					if (!connection.isValid(WAIT_SECONDS)) {
						throw new SQLException("the connection did not answer a check", "08006");
					}
					return connection.getMetaData().getDatabaseProductName();
				}
			});
		}
		return this.running;
	}

	private Health failed(Throwable failure) {
		if (this.outage.failed(failure)) {
			DatabaseOutage.Down down = this.outage.down();
			return (down != null) ? down(down)
					: Health.down()
						.withDetail("database", this.outage.database())
						.withDetail("error", "cannot be reached: " + Failures.databaseReason(failure))
						.build();
		}
		return Health.down().withDetail("error", failure.getClass().getSimpleName()).build();
	}

	private Health down(DatabaseOutage.Down down) {
		return Health.down()
			.withDetail("database", this.outage.database())
			.withDetail("error", "cannot be reached since " + down.shownSince() + ": " + down.reason())
			.build();
	}

	@Override
	public void destroy() {
		this.checks.shutdownNow();
	}

}
