package io.cardops.app.logging;

import java.sql.SQLException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzStopInterruptsTests {

	private final LoggerContext logging = new LoggerContext();

	private final QuartzStopInterrupts filter = new QuartzStopInterrupts();

	@Test
	void aJobStoresErrorCausedByTheStopsInterruptIsDropped() {
		SQLException interrupted = new SQLException("Interrupted during connection acquisition",
				new InterruptedException());
		assertThat(decide("org.springframework.scheduling.quartz.LocalDataSourceJobStore",
				new RuntimeException("Failed to obtain DB connection", interrupted)))
			.isEqualTo(FilterReply.DENY);
	}

	@Test
	void anyOtherFailureIsLoggedAsBefore() {
		assertThat(decide("org.springframework.scheduling.quartz.LocalDataSourceJobStore",
				new SQLException("Connection refused")))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("io.cardops.jobs.Something", new RuntimeException(new InterruptedException())))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("org.springframework.scheduling.quartz.LocalDataSourceJobStore", null))
			.isEqualTo(FilterReply.NEUTRAL);
	}

	private FilterReply decide(String logger, Throwable failure) {
		return this.filter.decide(null, this.logging.getLogger(logger), Level.ERROR,
				"ClusterManager: Error managing cluster", null, failure);
	}

}
