package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.cardops.domain.eligibility.RosterStanding;
import io.cardops.domain.roster.EnrollmentStatus;

import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.INSTITUTION;
import static io.cardops.domain.cards.CardFixtures.OTHER_CARD_NO;
import static io.cardops.domain.cards.CardFixtures.OTHER_STUDENT;
import static io.cardops.domain.cards.CardFixtures.STUDENT;
import static io.cardops.domain.cards.CardFixtures.card;
import static io.cardops.domain.cards.CardFixtures.enrolled;
import static io.cardops.domain.cards.CardFixtures.enrolledStudent;
import static io.cardops.domain.cards.CardFixtures.enrolledUntil;
import static io.cardops.domain.cards.CardFixtures.issue;
import static io.cardops.domain.cards.CardFixtures.noon;
import static io.cardops.domain.cards.CardFixtures.reportLost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for ISSUE in {@link CardLifecycle}.
 */
class CardLifecycleIssueTests {

	@Test
	void acceptedIssueCreatesAnActiveCardFromTheEvent() {
		Instant occurredAt = OffsetDateTime.parse("2026-09-03T10:15:30+08:00").toInstant();
		CardEvent event = new CardEvent("HEBAO", "H-000017", CardEventType.ISSUE, occurredAt, CARD_NO, INSTITUTION,
				STUDENT, Device.SIM, null);

		Decision decision = CardLifecycle.apply(event, enrolledStudent());

		Card expected = new Card(CARD_NO, INSTITUTION, STUDENT, "HEBAO", Device.SIM, CardState.ACTIVE, occurredAt,
				LocalDate.of(2027, 9, 30), occurredAt);
		assertEquals(Decision.accept(null, expected), decision);
		assertTrue(decision.accepted());
		assertNull(decision.before());
		assertNull(decision.rejectReason());
	}

	@ParameterizedTest(name = "issued {0} -> valid until {1}")
	@CsvSource(textBlock = """
			# issued on, valid_until
			  2026-01-01, 2026-09-30
			  2026-07-29, 2026-09-30
			  2026-07-30, 2027-09-30
			  2026-09-15, 2027-09-30
			  2026-09-30, 2027-09-30
			  2026-10-01, 2027-09-30
			  2026-12-31, 2027-09-30
			  2028-02-29, 2028-09-30
			""")
	void issuedCardIsValidUntilTheNextSeptember30AndAYearMoreInRenewalSeason(LocalDate issuedOn, LocalDate validUntil) {
		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(issuedOn), Device.IOS), enrolledStudent());

		assertEquals(validUntil, decision.after().validUntil());
		assertEquals(issuedOn, decision.after().issuedOn());
	}

	@ParameterizedTest(name = "issued at {0} -> issued on {1}, valid until {2}")
	@CsvSource(textBlock = """
			# occurred_at,              Shanghai date, valid_until
			  2026-07-29T23:59:59+08:00, 2026-07-29,    2026-09-30
			  2026-07-29T15:59:59Z,      2026-07-29,    2026-09-30
			  2026-07-29T16:00:00Z,      2026-07-30,    2027-09-30
			  2026-07-30T00:00:00+08:00, 2026-07-30,    2027-09-30
			  2026-09-30T23:59:59+08:00, 2026-09-30,    2027-09-30
			  2026-09-30T16:00:00Z,      2026-10-01,    2027-09-30
			  2027-09-30T15:59:59Z,      2027-09-30,    2028-09-30
			  2028-02-28T16:00:00Z,      2028-02-29,    2028-09-30
			""")
	void issueDateIsTheShanghaiDateOfTheInstant(OffsetDateTime occurredAt, LocalDate issuedOn, LocalDate validUntil) {
		Decision decision = CardLifecycle.apply(issue(CARD_NO, occurredAt.toInstant(), Device.ANDROID),
				enrolledStudent());

		assertEquals(issuedOn, decision.after().issuedOn());
		assertEquals(validUntil, decision.after().validUntil());
	}

	@Test
	void cardNumberAlreadyIssuedIsRejectedWhoeverHoldsIt() {
		Card othersCard = new Card(CARD_NO, INSTITUTION, OTHER_STUDENT, "BMAC_APP", Device.IOS, CardState.RETURNED,
				noon(LocalDate.of(2025, 3, 1)), LocalDate.of(2025, 9, 30), noon(LocalDate.of(2025, 5, 1)));
		InMemoryLifecycleContext context = enrolledStudent().withCard(othersCard);

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertEquals(Decision.reject("card_no already issued"), decision);
	}

	@Test
	void issueWithoutDeviceIsRejected() {
		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), null),
				enrolledStudent());

		assertEquals(Decision.reject("device is required for ISSUE"), decision);
	}

	@ParameterizedTest(name = "{0}, salaried {1}, graduating {2} -> {3}")
	@CsvSource(textBlock = """
			# status (empty: not on the roster), salaried, expected_graduation, reason
			  ,          ,      ,           NOT_ON_ROSTER
			  SUSPENDED, true,  2020-06-30, NOT_ENROLLED
			  GRADUATED, false, 2026-06-30, NOT_ENROLLED
			  WITHDRAWN, false, 2030-06-30, NOT_ENROLLED
			  ENROLLED,  true,  2026-06-30, SALARIED
			  ENROLLED,  true,  2030-06-30, SALARIED
			  ENROLLED,  false, 2026-09-14, GRADUATING
			""")
	void ineligibleStudentIsRejectedWithTheFirstFailingReason(EnrollmentStatus status, Boolean salaried,
			LocalDate expectedGraduation, String reason) {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext();
		if (status != null) {
			context.withStudent(INSTITUTION, STUDENT, new RosterStanding(status, salaried, expectedGraduation));
		}

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 15)), Device.IOS), context);

		assertEquals(Decision.reject("student not eligible: " + reason), decision);
	}

	@Test
	void studentGraduatingOnTheIssueDateMayStillBeIssued() {
		LocalDate issuedOn = LocalDate.of(2026, 6, 30);
		InMemoryLifecycleContext context = new InMemoryLifecycleContext().withStudent(INSTITUTION, STUDENT,
				enrolledUntil(issuedOn));

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(issuedOn), Device.IOS), context);

		assertTrue(decision.accepted());
	}

	@Test
	void studentOnAnotherInstitutionsRosterIsNotOnRoster() {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext().withStudent("PKU", STUDENT, enrolled());

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertEquals(Decision.reject("student not eligible: NOT_ON_ROSTER"), decision);
	}

	@Test
	void studentWithAnActiveCardIsRejected() {
		InMemoryLifecycleContext context = enrolledStudent().withCard(card(OTHER_CARD_NO, CardState.ACTIVE,
				Device.ANDROID, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 30)));

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertEquals(Decision.reject("student already holds ACTIVE card " + OTHER_CARD_NO), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "EXPIRED", "LOST", "RETURNED" })
	void cardThatIsNotActiveDoesNotBlockANewIssue(CardState state) {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(card(OTHER_CARD_NO, state, Device.ANDROID, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 9, 30)));

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertTrue(decision.accepted());
		assertEquals(CardState.ACTIVE, decision.after().state());
	}

	@Test
	void studentMayBeIssuedANewCardOnceTheActiveOneIsReportedLost() {
		InMemoryLifecycleContext context = enrolledStudent();
		LocalDate day = LocalDate.of(2026, 9, 1);

		Decision first = context.applyInTurn(issue(OTHER_CARD_NO, noon(day), Device.IOS));
		Decision refused = context.applyInTurn(issue(CARD_NO, noon(day.plusDays(1)), Device.IOS));
		Decision lost = context.applyInTurn(reportLost(OTHER_CARD_NO, noon(day.plusDays(2))));
		Decision second = context.applyInTurn(issue(CARD_NO, noon(day.plusDays(2)).plusSeconds(60), Device.IOS));

		assertTrue(first.accepted());
		assertEquals(Decision.reject("student already holds ACTIVE card " + OTHER_CARD_NO), refused);
		assertTrue(lost.accepted());
		assertTrue(second.accepted());
		assertEquals(CardState.LOST, context.card(OTHER_CARD_NO).state());
		assertEquals(CARD_NO, context.activeCardOf(INSTITUTION, STUDENT).cardNo());
	}

	@Test
	void activeCardOfAnotherStudentDoesNotBlockTheIssue() {
		Card othersCard = new Card(OTHER_CARD_NO, INSTITUTION, OTHER_STUDENT, "BMAC_APP", Device.IOS, CardState.ACTIVE,
				noon(LocalDate.of(2026, 3, 1)), LocalDate.of(2026, 9, 30), noon(LocalDate.of(2026, 3, 1)));
		InMemoryLifecycleContext context = enrolledStudent().withCard(othersCard);

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertTrue(decision.accepted());
	}

	@Test
	void knownCardNumberIsReportedBeforeAMissingDevice() {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withCard(card(CARD_NO, CardState.ACTIVE, Device.IOS, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 30)));

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), null), context);

		assertEquals(Decision.reject("card_no already issued"), decision);
	}

	@Test
	void missingDeviceIsReportedBeforeIneligibility() {
		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), null),
				new InMemoryLifecycleContext());

		assertEquals(Decision.reject("device is required for ISSUE"), decision);
	}

	@Test
	void ineligibilityIsReportedBeforeTheActiveCard() {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withStudent(INSTITUTION, STUDENT,
					new RosterStanding(EnrollmentStatus.SUSPENDED, false, LocalDate.of(2030, 6, 30)))
			.withCard(card(OTHER_CARD_NO, CardState.ACTIVE, Device.ANDROID, LocalDate.of(2026, 3, 1),
					LocalDate.of(2026, 9, 30)));

		Decision decision = CardLifecycle.apply(issue(CARD_NO, noon(LocalDate.of(2026, 9, 1)), Device.IOS), context);

		assertEquals(Decision.reject("student not eligible: NOT_ENROLLED"), decision);
	}

}
