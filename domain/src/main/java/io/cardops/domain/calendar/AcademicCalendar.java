package io.cardops.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/**
 * Dates of the student-card year: a card is valid through September 30 and is renewed
 * from July 30, all in Asia/Shanghai time.
 */
public final class AcademicCalendar {

	/**
	 * The zone of every business date and schedule (UTC+8, no daylight saving).
	 */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private AcademicCalendar() {
	}

	/**
	 * Returns the {@code valid_until} of a card issued on the given date: the first
	 * September 30 on or after it, except that a card issued in the renewal season (July
	 * 30 to September 30) is valid until September 30 of the next year, so that a student
	 * who gets a card just before the academic year starts does not have to renew at
	 * once.
	 * @param issueDate the Asia/Shanghai date of the issue
	 * @return the last day on which the card is valid
	 */
	public static LocalDate validUntilForIssue(LocalDate issueDate) {
		LocalDate sameYear = validityEnd(issueDate.getYear());
		if (inRenewalSeason(issueDate) || issueDate.isAfter(sameYear)) {
			return validityEnd(issueDate.getYear() + 1);
		}
		return sameYear;
	}

	/**
	 * Returns the day the renewal window of a year opens.
	 * @param year the calendar year
	 * @return July 30 of that year
	 */
	public static LocalDate renewalWindowOpens(int year) {
		return LocalDate.of(year, Month.JULY, 30);
	}

	/**
	 * Returns the date the renewal window is opened for when it is opened on a day: the
	 * day itself from July 30 on (a late opening in the same year), else the July 30 of
	 * the year before, the one it missed (never the coming year's, months early).
	 * @param day the day it is opened on
	 * @return the business date of the opening
	 */
	public static LocalDate renewalOpeningFor(LocalDate day) {
		return day.isBefore(renewalWindowOpens(day.getYear())) ? renewalWindowOpens(day.getYear() - 1) : day;
	}

	/**
	 * Returns the first day a student must still be studying on to renew a card that
	 * expires in the given year: a student graduating before it is GRADUATING.
	 * @param year the year of the card's current {@code valid_until}
	 * @return October 1 of that year
	 */
	public static LocalDate graduationCutoff(int year) {
		return LocalDate.of(year, Month.OCTOBER, 1);
	}

	/**
	 * Returns the {@code valid_until} after a renewal: September 30 of the later of the
	 * year after the current {@code valid_until} and the event's academic year (the event
	 * year, or the next one from July 30), so that a late renewal after expiry still
	 * covers the coming academic year and an early one never shortens the card.
	 * @param currentValidUntil the card's {@code valid_until} before the renewal
	 * @param eventDate the Asia/Shanghai date of the renewal
	 * @return the new {@code valid_until}
	 */
	public static LocalDate renewedValidUntil(LocalDate currentValidUntil, LocalDate eventDate) {
		int eventYear = eventDate.getYear();
		int eventAcademicYear = eventDate.isBefore(renewalWindowOpens(eventYear)) ? eventYear : eventYear + 1;
		return validityEnd(Math.max(currentValidUntil.getYear() + 1, eventAcademicYear));
	}

	/**
	 * Tells whether a date falls in the renewal season, July 30 to September 30, both
	 * days included.
	 * @param date the Asia/Shanghai date
	 * @return {@code true} inside the season
	 */
	public static boolean inRenewalSeason(LocalDate date) {
		int year = date.getYear();
		return !date.isBefore(renewalWindowOpens(year)) && !date.isAfter(validityEnd(year));
	}

	/**
	 * Tells whether a card is valid on a date: validity runs through the end of the
	 * {@code valid_until} day.
	 * @param validUntil the card's last valid day
	 * @param date the Asia/Shanghai date to judge
	 * @return {@code true} when the date is on or before {@code validUntil}
	 */
	public static boolean isValidOn(LocalDate validUntil, LocalDate date) {
		return !date.isAfter(validUntil);
	}

	/**
	 * Returns the Asia/Shanghai calendar date of an instant, the date every business rule
	 * is judged on.
	 * @param instant the instant
	 * @return its date in {@link #ZONE}
	 */
	public static LocalDate businessDate(Instant instant) {
		return LocalDate.ofInstant(instant, ZONE);
	}

	private static LocalDate validityEnd(int year) {
		return LocalDate.of(year, Month.SEPTEMBER, 30);
	}

}
