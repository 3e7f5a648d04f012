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
import static io.cardops.domain.cards.CardFixtures.STUDENT;
import static io.cardops.domain.cards.CardFixtures.activeCard;
import static io.cardops.domain.cards.CardFixtures.card;
import static io.cardops.domain.cards.CardFixtures.enrolledStudent;
import static io.cardops.domain.cards.CardFixtures.enrolledUntil;
import static io.cardops.domain.cards.CardFixtures.issue;
import static io.cardops.domain.cards.CardFixtures.noon;
import static io.cardops.domain.cards.CardFixtures.renew;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for RENEW in {@link CardLifecycle}.
 */
class CardLifecycleRenewTests {

	private static final LocalDate SEPTEMBER_30_2026 = LocalDate.of(2026, 9, 30);

	private static final LocalDate SEPTEMBER_30_2027 = LocalDate.of(2027, 9, 30);

	@Test
	void renewalOfAnActiveCardExtendsItAndKeepsItsStateSince() {
		Card card = activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026);
		InMemoryLifecycleContext context = enrolledStudent().withCard(card).withRenewalWindowOpened(2026);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 8, 10))), context);

		Card renewed = new Card(CARD_NO, INSTITUTION, STUDENT, card.channel(), card.device(), CardState.ACTIVE,
				card.issuedAt(), SEPTEMBER_30_2027, card.stateSince());
		assertEquals(Decision.accept(card, renewed), decision);
	}

	@ParameterizedTest(name = "renewed at {0} -> valid until {1}, rejected: {2}")
	@CsvSource(textBlock = """
			# occurred_at,              new valid_until, reason
			  2026-07-29T12:00:00+08:00, ,               renewal window for 2026 opens on 2026-07-30
			  2026-07-29T23:59:59+08:00, ,               renewal window for 2026 opens on 2026-07-30
			  2026-07-29T15:59:59Z,      ,               renewal window for 2026 opens on 2026-07-30
			  2026-07-29T16:00:00Z,      2027-09-30,
			  2026-07-30T00:00:00+08:00, 2027-09-30,
			  2026-08-15T12:00:00+08:00, 2027-09-30,
			  2026-09-30T23:59:59+08:00, 2027-09-30,
			  2026-09-30T16:00:00Z,      2027-09-30,
			  2027-03-01T12:00:00+08:00, 2027-09-30,
			  2027-07-29T15:59:59Z,      2027-09-30,
			  2027-07-29T16:00:00Z,      2028-09-30,
			""")
	void renewalOpensOnJuly30OfTheYearTheCardRunsOut(OffsetDateTime occurredAt, LocalDate newValidUntil,
			String reason) {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, occurredAt.toInstant()), context);

		if (reason != null) {
			assertEquals(Decision.reject(reason), decision);
		}
		else {
			assertEquals(newValidUntil, decision.after().validUntil());
		}
	}

	@Test
	void renewalBeforeTheWindowIsOpenedIsRejectedEvenInSeason() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2025);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 8, 10))), context);

		assertEquals(Decision.reject("renewal window for 2026 is not open"), decision);
	}

	@Test
	void closedWindowIsReportedBeforeTheOpeningDate() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026));

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 7, 29))), context);

		assertEquals(Decision.reject("renewal window for 2026 is not open"), decision);
	}

	@Test
	void renewalAfterExpiryReactivatesTheCard() {
		Instant expiredAt = OffsetDateTime.parse("2026-10-01T00:05:00+08:00").toInstant();
		Card expired = new Card(CARD_NO, INSTITUTION, STUDENT, "BMAC_APP", Device.IOS, CardState.EXPIRED,
				noon(LocalDate.of(2025, 9, 1)), SEPTEMBER_30_2026, expiredAt);
		InMemoryLifecycleContext context = enrolledStudent().withCard(expired).withRenewalWindowOpened(2026);
		Instant renewedAt = noon(LocalDate.of(2026, 10, 10));

		Decision decision = CardLifecycle.apply(renew(CARD_NO, renewedAt), context);

		Card reactivated = new Card(CARD_NO, INSTITUTION, STUDENT, "BMAC_APP", Device.IOS, CardState.ACTIVE,
				expired.issuedAt(), SEPTEMBER_30_2027, renewedAt);
		assertEquals(Decision.accept(expired, reactivated), decision);
	}

	@Test
	void cardExpiredForAYearIsRenewedForTheComingAcademicYear() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(card(CARD_NO, CardState.EXPIRED, Device.ANDROID, LocalDate.of(2024, 9, 1),
					LocalDate.of(2025, 9, 30)))
			.withRenewalWindowOpened(2025);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 10, 15))), context);

		assertEquals(SEPTEMBER_30_2027, decision.after().validUntil());
		assertEquals(CardState.ACTIVE, decision.after().state());
	}

	@Test
	void secondRenewalInOneSeasonWaitsForNextYearsWindow() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026);

		Decision first = context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2026, 8, 1))));
		Decision second = context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2026, 8, 15))));

		assertEquals(SEPTEMBER_30_2027, first.after().validUntil());
		assertEquals(Decision.reject("renewal window for 2027 is not open"), second);
		assertEquals(SEPTEMBER_30_2027, context.card(CARD_NO).validUntil());
	}

	@Test
	void renewedCardIsRenewedAgainInNextYearsWindow() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026)
			.withRenewalWindowOpened(2027);

		context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2026, 8, 1))));
		Decision tooEarly = context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2027, 7, 29))));
		Decision next = context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2027, 7, 30))));

		assertEquals(Decision.reject("renewal window for 2027 opens on 2027-07-30"), tooEarly);
		assertEquals(LocalDate.of(2028, 9, 30), next.after().validUntil());
	}

	@ParameterizedTest(name = "graduating {0}, renewed {1} -> rejected: {2}")
	@CsvSource(textBlock = """
			# expected_graduation, renewed on, reason (empty when accepted)
			  2027-06-30,           2027-08-15, GRADUATING
			  2027-09-30,           2027-08-15, GRADUATING
			  2027-10-01,           2027-08-15,
			  2027-10-15,           2027-10-20, GRADUATING
			  2027-10-20,           2027-10-20,
			""")
	void holderMustStillStudyOnOctober1OfTheExpiryYearAndOnTheRenewalDate(LocalDate expectedGraduation,
			LocalDate renewedOn, String reason) {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withStudent(INSTITUTION, STUDENT, enrolledUntil(expectedGraduation))
			.withCard(activeCard(LocalDate.of(2026, 9, 1), SEPTEMBER_30_2027))
			.withRenewalWindowOpened(2027);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(renewedOn)), context);

		if (reason != null) {
			assertEquals(Decision.reject("student not eligible: " + reason), decision);
		}
		else {
			assertEquals(LocalDate.of(2028, 9, 30), decision.after().validUntil());
		}
	}

	@ParameterizedTest(name = "{0}, salaried {1}, graduating {2} -> {3}")
	@CsvSource(textBlock = """
			# status (empty: not on the roster), salaried, expected_graduation, reason
			  ,          ,      ,           NOT_ON_ROSTER
			  GRADUATED, true,  2026-06-30, NOT_ENROLLED
			  SUSPENDED, false, 2030-06-30, NOT_ENROLLED
			  ENROLLED,  true,  2026-06-30, SALARIED
			  ENROLLED,  false, 2026-06-30, GRADUATING
			""")
	void ineligibleHolderIsRejectedWithTheFirstFailingReason(EnrollmentStatus status, Boolean salaried,
			LocalDate expectedGraduation, String reason) {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withCard(activeCard(LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026);
		if (status != null) {
			context.withStudent(INSTITUTION, STUDENT, new RosterStanding(status, salaried, expectedGraduation));
		}

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 8, 10))), context);

		assertEquals(Decision.reject("student not eligible: " + reason), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "LOST", "RETURNED" })
	void lostOrReturnedCardCannotBeRenewed(CardState state) {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(card(CARD_NO, state, Device.IOS, LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 8, 10))), context);

		assertEquals(Decision.reject("card is " + state), decision);
	}

	@Test
	void stateIsReportedBeforeTheClosedWindow() {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withCard(card(CARD_NO, CardState.LOST, Device.IOS, LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026));

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 7, 1))), context);

		assertEquals(Decision.reject("card is LOST"), decision);
	}

	@Test
	void renewalOfAnExpiredCardIsRejectedWhenTheStudentHoldsAnotherActiveCard() {
		InMemoryLifecycleContext context = enrolledStudent()
			.withCard(card(CARD_NO, CardState.EXPIRED, Device.IOS, LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withRenewalWindowOpened(2026);
		Decision newCard = context.applyInTurn(issue(OTHER_CARD_NO, noon(LocalDate.of(2026, 10, 5)), Device.IOS));

		Decision decision = context.applyInTurn(renew(CARD_NO, noon(LocalDate.of(2026, 10, 10))));

		assertTrue(newCard.accepted());
		assertEquals(Decision.reject("student already holds ACTIVE card " + OTHER_CARD_NO), decision);
		assertEquals(CardState.EXPIRED, context.card(CARD_NO).state());
	}

	@Test
	void ineligibilityIsReportedBeforeTheOtherActiveCard() {
		InMemoryLifecycleContext context = new InMemoryLifecycleContext()
			.withCard(card(CARD_NO, CardState.EXPIRED, Device.IOS, LocalDate.of(2025, 9, 1), SEPTEMBER_30_2026))
			.withCard(card(OTHER_CARD_NO, CardState.ACTIVE, Device.IOS, LocalDate.of(2026, 10, 5), SEPTEMBER_30_2027))
			.withRenewalWindowOpened(2026);

		Decision decision = CardLifecycle.apply(renew(CARD_NO, noon(LocalDate.of(2026, 10, 10))), context);

		assertEquals(Decision.reject("student not eligible: NOT_ON_ROSTER"), decision);
	}

}
