package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cardops.domain.cards.CardFixtures.APP;
import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.INSTITUTION;
import static io.cardops.domain.cards.CardFixtures.OTHER_STUDENT;
import static io.cardops.domain.cards.CardFixtures.STUDENT;
import static io.cardops.domain.cards.CardFixtures.card;
import static io.cardops.domain.cards.CardFixtures.enrolledStudent;
import static io.cardops.domain.cards.CardFixtures.event;
import static io.cardops.domain.cards.CardFixtures.noon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for the checks {@link CardLifecycle} makes on every event about an existing card:
 * RENEW, REPORT_LOST and RETURN.
 */
class CardLifecycleHolderTests {

	/**
	 * An iOS card issued a year before the events, with the renewal window of its year
	 * open, so that each event type passes its own rules on {@link #IN_SEASON}.
	 */
	private static final Card CARD = card(CARD_NO, CardState.ACTIVE, Device.IOS, LocalDate.of(2025, 9, 1),
			LocalDate.of(2026, 9, 30));

	private static final Instant IN_SEASON = noon(LocalDate.of(2026, 8, 10));

	private static InMemoryLifecycleContext contextWithCard() {
		return enrolledStudent().withCard(CARD).withRenewalWindowOpened(2026);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventOnAKnownCardOfItsHolderIsAccepted(CardEventType type) {
		Decision decision = CardLifecycle.apply(event(type, CARD_NO, IN_SEASON), contextWithCard());

		assertTrue(decision.accepted());
		assertEquals(CARD, decision.before());
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventOnAnUnknownCardIsRejected(CardEventType type) {
		Decision decision = CardLifecycle.apply(event(type, "3104000000000000999", IN_SEASON), contextWithCard());

		assertEquals(Decision.reject("unknown card"), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventFromAnotherStudentIsRejectedWithoutNamingTheHolder(CardEventType type) {
		CardEvent fromOtherStudent = new CardEvent(APP, "E-1", type, IN_SEASON, CARD_NO, INSTITUTION, OTHER_STUDENT,
				null, 1250L);

		Decision decision = CardLifecycle.apply(fromOtherStudent, contextWithCard());

		assertEquals(Decision.reject("card belongs to another holder"), decision);
		assertFalse(decision.rejectReason().contains(STUDENT));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventForTheSameStudentNumberAtAnotherInstitutionIsRejected(CardEventType type) {
		CardEvent fromOtherInstitution = new CardEvent(APP, "E-1", type, IN_SEASON, CARD_NO, "PKU", STUDENT, null,
				1250L);

		Decision decision = CardLifecycle.apply(fromOtherInstitution, contextWithCard());

		assertEquals(Decision.reject("card belongs to another holder"), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventBeforeTheIssueInstantIsRejected(CardEventType type) {
		Decision decision = CardLifecycle.apply(event(type, CARD_NO, CARD.issuedAt().minusSeconds(1)),
				contextWithCard());

		assertEquals(Decision.reject("event is before the card was issued"), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void wrongHolderIsReportedBeforeAnEventBeforeTheIssue(CardEventType type) {
		CardEvent early = new CardEvent(APP, "E-1", type, CARD.issuedAt().minusSeconds(1), CARD_NO, INSTITUTION,
				OTHER_STUDENT, null, 1250L);

		Decision decision = CardLifecycle.apply(early, contextWithCard());

		assertEquals(Decision.reject("card belongs to another holder"), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardEventType.class, names = { "RENEW", "REPORT_LOST", "RETURN" })
	void eventBeforeTheIssueIsReportedBeforeTheEventsOwnRules(CardEventType type) {
		Card lost = new Card(CARD_NO, INSTITUTION, STUDENT, APP, Device.IOS, CardState.LOST, CARD.issuedAt(),
				CARD.validUntil(), IN_SEASON);
		InMemoryLifecycleContext context = enrolledStudent().withCard(lost);

		Decision decision = CardLifecycle.apply(event(type, CARD_NO, CARD.issuedAt().minusSeconds(1)), context);

		assertEquals(Decision.reject("event is before the card was issued"), decision);
	}

}
