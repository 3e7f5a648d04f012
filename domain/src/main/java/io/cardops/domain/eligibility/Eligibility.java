package io.cardops.domain.eligibility;

import java.time.LocalDate;
import java.util.Optional;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.roster.EnrollmentStatus;

/**
 * Judges whether a student may hold a student card, and through which date they must
 * still be studying for an issue or a renewal.
 */
public final class Eligibility {

	private Eligibility() {
	}

	/**
	 * Judges a student's roster standing, reporting the first failing reason in the order
	 * NOT_ON_ROSTER, NOT_ENROLLED, SALARIED, GRADUATING.
	 * @param standingOrNull the student's standing in the latest snapshot, or
	 * {@code null} when the student is not in it
	 * @param studyRequiredThrough the earliest acceptable expected graduation date, from
	 * {@link #forIssue}, {@link #forRenewal} or {@link #forRenewalList}
	 * @return empty when eligible, else the reason
	 */
	public static Optional<IneligibilityReason> judge(RosterStanding standingOrNull, LocalDate studyRequiredThrough) {
		if (standingOrNull == null) {
			return Optional.of(IneligibilityReason.NOT_ON_ROSTER);
		}
		if (standingOrNull.status() != EnrollmentStatus.ENROLLED) {
			return Optional.of(IneligibilityReason.NOT_ENROLLED);
		}
		if (standingOrNull.salaried()) {
			return Optional.of(IneligibilityReason.SALARIED);
		}
		if (standingOrNull.expectedGraduation().isBefore(studyRequiredThrough)) {
			return Optional.of(IneligibilityReason.GRADUATING);
		}
		return Optional.empty();
	}

	/**
	 * Returns the date a student must still be studying on to be issued a card: the issue
	 * date itself.
	 * @param eventDate the Asia/Shanghai date of the ISSUE
	 * @return the earliest acceptable expected graduation date
	 */
	public static LocalDate forIssue(LocalDate eventDate) {
		return eventDate;
	}

	/**
	 * Returns the date a student must still be studying on to renew: the renewal date,
	 * and at least October 1 of the year of the card's current {@code valid_until}, since
	 * a renewed card covers the following academic year.
	 * @param eventDate the Asia/Shanghai date of the RENEW
	 * @param currentValidUntil the card's {@code valid_until} before the renewal
	 * @return the earliest acceptable expected graduation date
	 */
	public static LocalDate forRenewal(LocalDate eventDate, LocalDate currentValidUntil) {
		LocalDate cutoff = AcademicCalendar.graduationCutoff(currentValidUntil.getYear());
		return eventDate.isAfter(cutoff) ? eventDate : cutoff;
	}

	/**
	 * Returns the date a student must still be studying on to appear as eligible on the
	 * renewal list published for a year.
	 * @param year the year of the list, the year the listed cards expire
	 * @return October 1 of that year
	 */
	public static LocalDate forRenewalList(int year) {
		return AcademicCalendar.graduationCutoff(year);
	}

}
