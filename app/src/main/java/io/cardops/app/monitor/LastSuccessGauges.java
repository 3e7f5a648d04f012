package io.cardops.app.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.cardops.jobs.JobName;
import io.cardops.schedules.schedule.ScheduleKind;

/**
 * Gauges of how long ago each job and each schedule last succeeded, in seconds, so that
 * an alert fires when the nightly chain did not complete:
 * {@code cardops.job.last.success.age} (tag {@code job}, from {@code job_run}: outcome
 * COMPLETED or NOOP) and {@code cardops.schedule.last.success.age} (tag {@code schedule}:
 * the last run of the schedule's job that did not fail, whoever started it). A job or
 * schedule that never succeeded reads NaN.
 *
 * <p>
 * One scrape reads the table once (one small grouped query), not once per gauge.
 */
@Component
public class LastSuccessGauges implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private Map<String, OffsetDateTime> lastSuccess = Map.of();

	private Instant readAt = Instant.MIN;

	/**
	 * Creates the gauges.
	 * @param jdbc the database
	 * @param clock the clock
	 */
	public LastSuccessGauges(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (JobName job : JobName.values()) {
			Gauge.builder("cardops.job.last.success.age", this, (gauges) -> gauges.age("job:" + job.command()))
				.description("Seconds since the job last completed (NaN: never)")
				.baseUnit("seconds")
				.tag("job", job.command())
				.register(registry);
		}
		for (ScheduleKind kind : ScheduleKind.values()) {
			Gauge.builder("cardops.schedule.last.success.age", this, (gauges) -> gauges.age("schedule:" + kind.id()))
				.description("Seconds since the schedule's last run completed every step (NaN: never)")
				.baseUnit("seconds")
				.tag("schedule", kind.id())
				.register(registry);
		}
	}

	private synchronized double age(String key) {
		Instant now = this.clock.instant();
		if (this.readAt.plus(FRESH).isBefore(now)) {
			this.lastSuccess = read();
			this.readAt = now;
		}
		OffsetDateTime last = this.lastSuccess.get(key);
		return (last != null) ? Duration.between(last.toInstant(), now).toMillis() / 1000.0 : Double.NaN;
	}

	private Map<String, OffsetDateTime> read() {
		Map<String, OffsetDateTime> last = new HashMap<>();
		this.jdbc.sql("""
				SELECT job, outcome, MAX(heartbeat_at) FROM job_run WHERE outcome IS NOT NULL GROUP BY job, outcome""")
			.query((RowCallbackHandler) (rs) -> {
				String job = rs.getString(1);
				String outcome = rs.getString(2);
				OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
				if (outcome.equals("COMPLETED") || outcome.equals("NOOP")) {
					last.merge("job:" + job, at, LastSuccessGauges::later);
				}
				// A schedule's run completed when its job did not fail: a rejected or
				// held
				// input is reported, and the chain goes on past it.
				if (!outcome.equals("FAILED")) {
					for (ScheduleKind kind : ScheduleKind.values()) {
						if (kind.job().command().equals(job)) {
							last.merge("schedule:" + kind.id(), at, LastSuccessGauges::later);
						}
					}
				}
			});
		return last;
	}

	private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
		return a.isAfter(b) ? a : b;
	}

}
