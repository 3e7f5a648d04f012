package io.cardops.domain.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.roster.EnrollmentStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests for {@link Eligibility}.
 */
class EligibilityTests {

	@Test
	void studentMissingFromTheRosterIsNotOnRoster() {
		assertEquals(Optional.of(IneligibilityReason.NOT_ON_ROSTER),
				Eligibility.judge(null, LocalDate.of(2026, 10, 1)));
	}

	@ParameterizedTest(name = "{0}, salaried {1}, graduating {2}, required {3} -> {4}")
	@CsvSource(textBlock = """
			# status,   salaried, expected_graduation, required through, reason (empty when eligible)
			  ENROLLED,  false,    2030-06-30,          2026-10-01,
			  ENROLLED,  false,    2026-10-01,          2026-10-01,
			  ENROLLED,  false,    2026-09-30,          2026-10-01,        GRADUATING
			  ENROLLED,  true,     2030-06-30,          2026-10-01,        SALARIED
			  ENROLLED,  true,     2026-06-30,          2026-10-01,        SALARIED
			  SUSPENDED, false,    2030-06-30,          2026-10-01,        NOT_ENROLLED
			  GRADUATED, false,    2026-06-30,          2026-10-01,        NOT_ENROLLED
			  WITHDRAWN, true,     2026-06-30,          2026-10-01,        NOT_ENROLLED
			  GRADUATED, true,     2020-06-30,          2026-10-01,        NOT_ENROLLED
			""")
	void firstFailingReasonIsReported(EnrollmentStatus status, boolean salaried, LocalDate expectedGraduation,
			LocalDate requiredThrough, IneligibilityReason reason) {
		RosterStanding standing = new RosterStanding(status, salaried, expectedGraduation);

		assertEquals(Optional.ofNullable(reason), Eligibility.judge(standing, requiredThrough));
	}

	@Test
	void issueRequiresStudyOnTheIssueDate() {
		LocalDate issuedOn = LocalDate.of(2026, 6, 15);
		RosterStanding graduatingThatDay = new RosterStanding(EnrollmentStatus.ENROLLED, false, issuedOn);
		RosterStanding graduatedTheDayBefore = new RosterStanding(EnrollmentStatus.ENROLLED, false,
				issuedOn.minusDays(1));

		assertEquals(issuedOn, Eligibility.forIssue(issuedOn));
		assertEquals(Optional.empty(), Eligibility.judge(graduatingThatDay, Eligibility.forIssue(issuedOn)));
		assertEquals(Optional.of(IneligibilityReason.GRADUATING),
				Eligibility.judge(graduatedTheDayBefore, Eligibility.forIssue(issuedOn)));
	}

	@ParameterizedTest(name = "renewed {0}, valid until {1} -> study through {2}")
	@CsvSource(textBlock = """
			# renewed on, current valid_until, required through
			  2026-07-30,  2026-09-30,          2026-10-01
			  2026-09-30,  2026-09-30,          2026-10-01
			  2026-10-01,  2026-09-30,          2026-10-01
			  2026-10-02,  2026-09-30,          2026-10-02
			  2027-03-01,  2026-09-30,          2027-03-01
			  2028-02-29,  2027-09-30,          2028-02-29
			""")
	void renewalRequiresStudyFromOctober1OfTheExpiryYearOrTheRenewalDateIfLater(LocalDate renewedOn,
			LocalDate currentValidUntil, LocalDate requiredThrough) {
		assertEquals(requiredThrough, Eligibility.forRenewal(renewedOn, currentValidUntil));
	}

	@ParameterizedTest(name = "graduating {0}, renewed {1}, valid until {2} -> {3}")
	@CsvSource(textBlock = """
			# expected_graduation, renewed on, current valid_until, reason
			  2026-09-30,           2026-08-01, 2026-09-30,          GRADUATING
			  2026-10-01,           2026-08-01, 2026-09-30,
			  2026-10-15,           2026-11-01, 2026-09-30,          GRADUATING
			  2027-06-30,           2026-11-01, 2026-09-30,
			""")
	void renewingStudentMustStillStudyWhenTheOldCardWouldHaveExpired(LocalDate expectedGraduation, LocalDate renewedOn,
			LocalDate currentValidUntil, IneligibilityReason reason) {
		RosterStanding standing = new RosterStanding(EnrollmentStatus.ENROLLED, false, expectedGraduation);

		assertEquals(Optional.ofNullable(reason),
				Eligibility.judge(standing, Eligibility.forRenewal(renewedOn, currentValidUntil)));
	}

	@Test
	void renewalListJudgesGraduationAgainstOctober1OfItsYear() {
		assertEquals(LocalDate.of(2026, 10, 1), Eligibility.forRenewalList(2026));
	}

	@Test
	void reasonsAreDeclaredInPrecedenceOrder() {
		assertEquals(
				List.of(IneligibilityReason.NOT_ON_ROSTER, IneligibilityReason.NOT_ENROLLED,
						IneligibilityReason.SALARIED, IneligibilityReason.GRADUATING),
				List.of(IneligibilityReason.values()));
	}

}
