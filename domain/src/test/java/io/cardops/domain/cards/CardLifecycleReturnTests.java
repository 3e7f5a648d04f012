package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cardops.domain.cards.CardFixtures.APP;
import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.INSTITUTION;
import static io.cardops.domain.cards.CardFixtures.STUDENT;
import static io.cardops.domain.cards.CardFixtures.card;
import static io.cardops.domain.cards.CardFixtures.noon;
import static io.cardops.domain.cards.CardFixtures.returnCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for RETURN in {@link CardLifecycle}.
 */
class CardLifecycleReturnTests {

	private static final LocalDate ISSUED_ON = LocalDate.of(2026, 9, 1);

	private static final LocalDate VALID_UNTIL = LocalDate.of(2027, 9, 30);

	private static InMemoryLifecycleContext contextWith(Card card) {
		return new InMemoryLifecycleContext().withCard(card);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "ACTIVE", "EXPIRED" })
	void returnedCardBecomesReturnedAtTheEventInstant(CardState state) {
		Card card = card(CARD_NO, state, Device.ANDROID, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 9, 30));
		Instant returnedAt = OffsetDateTime.parse("2026-10-02T08:30:00+08:00").toInstant();

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, returnedAt, APP, 3550L), contextWith(card));

		Card returned = new Card(CARD_NO, INSTITUTION, STUDENT, card.channel(), Device.ANDROID, CardState.RETURNED,
				card.issuedAt(), card.validUntil(), returnedAt);
		assertEquals(Decision.accept(card, returned), decision);
	}

	@ParameterizedTest(name = "{0} issued {1}, returned {2} -> rejected: {3}")
	@CsvSource(textBlock = """
			# device, issued on,  returned on, reason (empty when accepted)
			  IOS,     2026-09-01, 2026-09-01,  an IOS card can be returned from 2026-10-01
			  IOS,     2026-09-01, 2026-09-30,  an IOS card can be returned from 2026-10-01
			  IOS,     2026-09-01, 2026-10-01,
			  IOS,     2028-02-01, 2028-03-01,  an IOS card can be returned from 2028-03-02
			  IOS,     2028-02-01, 2028-03-02,
			  IOS,     2026-12-15, 2027-01-13,  an IOS card can be returned from 2027-01-14
			  IOS,     2026-12-15, 2027-01-14,
			  ANDROID, 2026-09-01, 2026-09-01,  an ANDROID card can be returned from 2026-09-02
			  ANDROID, 2026-09-01, 2026-09-02,
			  ANDROID, 2026-12-31, 2027-01-01,
			  HARMONY, 2026-09-01, 2026-09-01,  a HARMONY card can be returned from 2026-09-02
			  HARMONY, 2026-09-01, 2026-09-02,
			  SIM,     2026-09-01, 2026-09-01,  a SIM card can be returned from 2026-09-02
			  SIM,     2026-09-01, 2026-09-02,
			  SIM,     2028-02-28, 2028-02-29,
			""")
	void cardCanBeReturnedFromThirtyDaysAfterIssueOnIosAndFromTheNextDayOtherwise(Device device, LocalDate issuedOn,
			LocalDate returnedOn, String reason) {
		Card card = card(CARD_NO, CardState.ACTIVE, device, issuedOn, issuedOn.plusYears(1));

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(returnedOn), APP, 1000L), contextWith(card));

		if (reason != null) {
			assertEquals(Decision.reject(reason), decision);
		}
		else {
			assertEquals(CardState.RETURNED, decision.after().state());
		}
	}

	@ParameterizedTest(name = "issued at {0}, returned at {1} -> accepted {2}")
	@CsvSource(textBlock = """
			# issued_at,                returned_at,               accepted
			  2026-09-01T23:59:59+08:00, 2026-09-01T15:59:59Z,      false
			  2026-09-01T23:59:59+08:00, 2026-09-01T16:00:00Z,      true
			  2026-09-01T16:00:00Z,      2026-09-02T23:59:59+08:00, false
			  2026-09-01T16:00:00Z,      2026-09-02T16:00:00Z,      true
			""")
	void dayAfterIssueIsCountedInShanghaiDates(OffsetDateTime issuedAt, OffsetDateTime returnedAt, boolean accepted) {
		Card card = new Card(CARD_NO, INSTITUTION, STUDENT, APP, Device.ANDROID, CardState.ACTIVE, issuedAt.toInstant(),
				VALID_UNTIL, issuedAt.toInstant());

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, returnedAt.toInstant(), APP, 1000L),
				contextWith(card));

		assertEquals(accepted, decision.accepted());
	}

	@Test
	void waitingPeriodFollowsTheDeviceRecordedAtIssueNotTheOneOnTheReturn() {
		Card iosCard = card(CARD_NO, CardState.ACTIVE, Device.IOS, ISSUED_ON, VALID_UNTIL);
		CardEvent returnSayingAndroid = new CardEvent(APP, "E-1", CardEventType.RETURN, noon(ISSUED_ON.plusDays(1)),
				CARD_NO, INSTITUTION, STUDENT, Device.ANDROID, 1000L);

		Decision decision = CardLifecycle.apply(returnSayingAndroid, contextWith(iosCard));

		assertEquals(Decision.reject("an IOS card can be returned from 2026-10-01"), decision);
	}

	@ParameterizedTest(name = "{1} fen via {0} -> rejected: {2}")
	@CsvSource(textBlock = """
			# channel, refund_fen, reason (empty when accepted)
			  BMAC_APP, 0,
			  BMAC_APP, 20000,
			  HEBAO,    20000,
			  HEBAO,    20001,    a refund of 200.01 yuan (above 200.00) must be done at a COUNTER
			  BMAC_APP, 50000,    a refund of 500.00 yuan (above 200.00) must be done at a COUNTER
			  COUNTER,  20001,
			  COUNTER,  50000,
			""")
	void refundAbove200YuanMustBeDoneAtACounter(String channel, long refundFen, String reason) {
		Card card = card(CARD_NO, CardState.ACTIVE, Device.ANDROID, ISSUED_ON, VALID_UNTIL);

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(ISSUED_ON.plusDays(3)), channel, refundFen),
				contextWith(card));

		if (reason != null) {
			assertEquals(Decision.reject(reason), decision);
		}
		else {
			assertTrue(decision.accepted());
		}
	}

	@Test
	void returnWithoutRefundIsRejected() {
		Card card = card(CARD_NO, CardState.ACTIVE, Device.ANDROID, ISSUED_ON, VALID_UNTIL);

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(ISSUED_ON.plusDays(3)), APP, null),
				contextWith(card));

		assertEquals(Decision.reject("refund_fen is required for RETURN"), decision);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "LOST", "RETURNED" })
	void lostOrReturnedCardCannotBeReturned(CardState state) {
		Card card = card(CARD_NO, state, Device.ANDROID, ISSUED_ON, VALID_UNTIL);

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(ISSUED_ON.plusDays(3)), APP, null),
				contextWith(card));

		assertEquals(Decision.reject("card is " + state), decision);
	}

	@Test
	void missingRefundIsReportedBeforeTheWaitingPeriod() {
		Card card = card(CARD_NO, CardState.ACTIVE, Device.IOS, ISSUED_ON, VALID_UNTIL);

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(ISSUED_ON), APP, null), contextWith(card));

		assertEquals(Decision.reject("refund_fen is required for RETURN"), decision);
	}

	@Test
	void waitingPeriodIsReportedBeforeTheRefundLimit() {
		Card card = card(CARD_NO, CardState.ACTIVE, Device.IOS, ISSUED_ON, VALID_UNTIL);

		Decision decision = CardLifecycle.apply(returnCard(CARD_NO, noon(ISSUED_ON), "HEBAO", 50000L),
				contextWith(card));

		assertEquals(Decision.reject("an IOS card can be returned from 2026-10-01"), decision);
	}

}
