package io.cardops.domain.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests for {@link AcademicCalendar}.
 */
class AcademicCalendarTests {

	@ParameterizedTest(name = "issued {0} -> valid until {1}")
	@CsvSource(textBlock = """
			# issued,    valid_until
			  2026-01-01, 2026-09-30
			  2026-03-01, 2026-09-30
			  2026-07-29, 2026-09-30
			  2026-07-30, 2027-09-30
			  2026-09-15, 2027-09-30
			  2026-09-30, 2027-09-30
			  2026-10-01, 2027-09-30
			  2026-12-31, 2027-09-30
			  2028-02-29, 2028-09-30
			  2027-12-31, 2028-09-30
			""")
	void issuedCardIsValidUntilTheNextSeptember30AndAYearMoreInRenewalSeason(LocalDate issued, LocalDate validUntil) {
		assertEquals(validUntil, AcademicCalendar.validUntilForIssue(issued));
	}

	@ParameterizedTest(name = "valid until {0}, renewed {1} -> {2}")
	@CsvSource(textBlock = """
			# current,   renewed on, new valid_until
			  2026-09-30, 2026-07-30, 2027-09-30
			  2026-09-30, 2026-08-15, 2027-09-30
			  2026-09-30, 2026-09-30, 2027-09-30
			  2026-09-30, 2026-10-01, 2027-09-30
			  2026-09-30, 2026-12-31, 2027-09-30
			  2026-09-30, 2027-03-01, 2027-09-30
			  2026-09-30, 2027-07-29, 2027-09-30
			  2026-09-30, 2027-07-30, 2028-09-30
			  2026-09-30, 2026-07-29, 2027-09-30
			  2027-09-30, 2027-08-01, 2028-09-30
			  2027-09-30, 2028-02-29, 2028-09-30
			  2023-09-30, 2028-02-29, 2028-09-30
			""")
	void renewalExtendsToTheLaterOfNextYearAndTheEventsAcademicYear(LocalDate current, LocalDate renewedOn,
			LocalDate expected) {
		assertEquals(expected, AcademicCalendar.renewedValidUntil(current, renewedOn));
	}

	@ParameterizedTest(name = "{0} in renewal season: {1}")
	@CsvSource(textBlock = """
			2026-07-29, false
			2026-07-30, true
			2026-08-15, true
			2026-09-30, true
			2026-10-01, false
			2026-01-01, false
			2026-12-31, false
			2028-02-29, false
			""")
	void renewalSeasonRunsFromJuly30ThroughSeptember30(LocalDate date, boolean expected) {
		assertEquals(expected, AcademicCalendar.inRenewalSeason(date));
	}

	@ParameterizedTest(name = "valid until {0}, on {1}: {2}")
	@CsvSource(textBlock = """
			2026-09-30, 2026-09-29, true
			2026-09-30, 2026-09-30, true
			2026-09-30, 2026-10-01, false
			2026-09-30, 2027-01-01, false
			2028-09-30, 2028-02-29, true
			""")
	void cardIsValidThroughTheEndOfItsValidUntilDay(LocalDate validUntil, LocalDate date, boolean expected) {
		assertEquals(expected, AcademicCalendar.isValidOn(validUntil, date));
	}

	@Test
	void renewalWindowOpensOnJuly30AndGraduationCutoffIsOctober1() {
		assertEquals(LocalDate.of(2026, 7, 30), AcademicCalendar.renewalWindowOpens(2026));
		assertEquals(LocalDate.of(2026, 10, 1), AcademicCalendar.graduationCutoff(2026));
	}

	@ParameterizedTest(name = "the renewal window opened on {0} is for {1}")
	@CsvSource(textBlock = """
			2027-01-15, 2026-07-30
			2027-07-29, 2026-07-30
			2027-07-30, 2027-07-30
			2027-08-02, 2027-08-02
			2027-12-31, 2027-12-31
			""")
	void theRenewalWindowOpenedBeforeJuly30IsTheOneOfTheYearBefore(LocalDate day, LocalDate expected) {
		assertEquals(expected, AcademicCalendar.renewalOpeningFor(day));
	}

	@ParameterizedTest(name = "{0} is business date {1}")
	@CsvSource(textBlock = """
			2026-09-30T15:59:59Z,      2026-09-30
			2026-09-30T16:00:00Z,      2026-10-01
			2026-10-01T00:05:00+08:00, 2026-10-01
			2026-09-30T23:59:59+08:00, 2026-09-30
			2026-07-29T20:00:00-08:00, 2026-07-30
			2028-02-28T16:00:00Z,      2028-02-29
			2024-12-31T16:00:00Z,      2025-01-01
			""")
	void businessDateIsTheShanghaiDateOfTheInstant(String instant, LocalDate expected) {
		assertEquals(expected, AcademicCalendar.businessDate(OffsetDateTime.parse(instant).toInstant()));
	}

	@Test
	void zoneIsShanghai() {
		assertEquals("Asia/Shanghai", AcademicCalendar.ZONE.getId());
	}

}
