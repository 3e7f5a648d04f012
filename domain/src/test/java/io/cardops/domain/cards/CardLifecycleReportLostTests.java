package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.card;
import static io.cardops.domain.cards.CardFixtures.noon;
import static io.cardops.domain.cards.CardFixtures.reportLost;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests for REPORT_LOST in {@link CardLifecycle}.
 */
class CardLifecycleReportLostTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "ACTIVE", "EXPIRED" })
	void reportedCardBecomesLostAtTheEventInstant(CardState state) {
		Card card = card(CARD_NO, state, Device.HARMONY, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 9, 30));
		Instant reportedAt = OffsetDateTime.parse("2026-10-02T08:30:00+08:00").toInstant();

		Decision decision = CardLifecycle.apply(reportLost(CARD_NO, reportedAt),
				new InMemoryLifecycleContext().withCard(card));

		Card lost = new Card(CARD_NO, card.institution(), card.studentNo(), card.channel(), card.device(),
				CardState.LOST, card.issuedAt(), card.validUntil(), reportedAt);
		assertEquals(Decision.accept(card, lost), decision);
	}

	@Test
	void cardMayBeReportedLostAtItsIssueInstant() {
		Card card = card(CARD_NO, CardState.ACTIVE, Device.IOS, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 9, 30));

		Decision decision = CardLifecycle.apply(reportLost(CARD_NO, card.issuedAt()),
				new InMemoryLifecycleContext().withCard(card));

		assertEquals(CardState.LOST, decision.after().state());
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = CardState.class, names = { "LOST", "RETURNED" })
	void lostOrReturnedCardCannotBeReportedLost(CardState state) {
		Card card = card(CARD_NO, state, Device.IOS, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 9, 30));

		Decision decision = CardLifecycle.apply(reportLost(CARD_NO, noon(LocalDate.of(2026, 3, 1))),
				new InMemoryLifecycleContext().withCard(card));

		assertEquals(Decision.reject("card is " + state), decision);
	}

}
