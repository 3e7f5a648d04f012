package io.cardops.app.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.schedules.schedule.ScheduleKind;

/**
 * The dates a schedule may be run for by hand, from the portal or {@code cardops
 * schedules trigger} alike (http.md: "Same rules as cardops schedules"): from 2000-01-01
 * (a year typed wrong, 0000 or 9999, would publish renewal lists for it) to today in
 * Asia/Shanghai (a night still to come: an expiry run early would expire valid cards),
 * and for the nightly chain to yesterday (its night is over only then: a chain run for
 * today would publish the day's settlement and hotlist before its files are complete).
 */
public final class TriggerDates {

	/** The earliest date a schedule is run for by hand. */
	public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private TriggerDates() {
	}

	/**
	 * Why a date is not one to run a schedule for by hand, if it is not.
	 * @param kind the schedule
	 * @param date the business date asked for
	 * @param clock the clock
	 * @return the reason, or empty when the date may be run
	 */
	public static Optional<String> outOfRange(ScheduleKind kind, LocalDate date, Clock clock) {
		LocalDate today = LocalDate.now(clock.withZone(AcademicCalendar.ZONE));
		LocalDate latest = kind.latestBusinessDate(today);
		if (date.isAfter(latest) || date.isBefore(EARLIEST)) {
			return Optional.of(kind.id() + " runs for a date from " + EARLIEST + " to "
					+ (latest.equals(today) ? "today (" + today + ")"
							: "yesterday (" + latest + "; a night is run once it is over)")
					+ ": " + date + " is not one");
		}
		return Optional.empty();
	}

}
