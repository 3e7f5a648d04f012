package io.cardops.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Primary;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * The application the portal's tests start: the jobs and the portal, on the test's own
 * database (PortalTestSupport), with a clock the test moves.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan({ "io.cardops.jobs", "io.cardops.portal" })
public class PortalTestApplication {

	/**
	 * The clock every bean uses in the tests.
	 * @return the clock, at 2026-09-01 09:00 Asia/Shanghai until moved
	 */
	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock(Instant.parse("2026-09-01T01:00:00Z"), AcademicCalendar.ZONE);
	}

	/**
	 * A clock the test moves forward.
	 */
	public static final class TestClock extends Clock {

		private volatile Instant now;

		private final ZoneId zone;

		TestClock(Instant now, ZoneId zone) {
			this.now = now;
			this.zone = zone;
		}

		/**
		 * Moves the clock forward.
		 * @param duration how far
		 */
		public void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new TestClock(this.now, zone);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
