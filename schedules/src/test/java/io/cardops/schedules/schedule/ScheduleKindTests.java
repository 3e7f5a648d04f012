package io.cardops.schedules.schedule;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScheduleKind#businessDate}.
 */
class ScheduleKindTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@ParameterizedTest
	@CsvSource({
			// on time: the chain takes the day before, the calendar jobs the day itself
			"nightly-chain, 2027-03-02T03:00+08:00, 2027-03-01", "expire-cards,  2027-10-01T00:05+08:00, 2027-10-01",
			"open-renewal,  2027-07-30T00:05+08:00, 2027-07-30",
			// the zone decides the day, not UTC (still July 29 in UTC)
			"open-renewal,  2027-07-29T16:05Z,      2027-07-30",
			// made up for later in the same year: the day it runs
			"open-renewal,  2027-08-02T09:00+08:00, 2027-08-02",
			// made up for in the next year before July 30: the July 30 it missed
			"open-renewal,  2028-01-15T09:00+08:00, 2027-07-30", "open-renewal,  2028-07-29T23:59+08:00, 2027-07-30" })
	void aFiringIsForTheBusinessDateOfItsSchedule(String schedule, OffsetDateTime fired, LocalDate expected) {
		ScheduleKind kind = ScheduleKind.of(schedule).orElseThrow();

		assertThat(kind.businessDate(fired.toInstant(), SHANGHAI)).isEqualTo(expected);
	}

}
