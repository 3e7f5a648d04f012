package io.cardops.domain.cards;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.card;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for {@link Decision}.
 */
class DecisionTests {

	private static final Card BEFORE = card(CARD_NO, CardState.ACTIVE, Device.IOS, LocalDate.of(2026, 9, 1),
			LocalDate.of(2027, 9, 30));

	private static final Card AFTER = card(CARD_NO, CardState.LOST, Device.IOS, LocalDate.of(2026, 9, 1),
			LocalDate.of(2027, 9, 30));

	@Test
	void acceptanceCarriesTheCardBeforeAndAfter() {
		Decision decision = Decision.accept(BEFORE, AFTER);

		assertTrue(decision.accepted());
		assertSame(BEFORE, decision.before());
		assertSame(AFTER, decision.after());
		assertNull(decision.rejectReason());
	}

	@Test
	void rejectionCarriesOnlyTheReason() {
		Decision decision = Decision.reject("unknown card");

		assertFalse(decision.accepted());
		assertNull(decision.before());
		assertNull(decision.after());
		assertEquals("unknown card", decision.rejectReason());
	}

	@Test
	void decisionIsEitherAnAcceptanceOrARejection() {
		assertThrows(IllegalArgumentException.class, () -> new Decision(BEFORE, AFTER, "unknown card"));
		assertThrows(IllegalArgumentException.class, () -> new Decision(BEFORE, null, null));
		assertThrows(IllegalArgumentException.class, () -> Decision.reject(null));
		assertThrows(IllegalArgumentException.class, () -> Decision.accept(BEFORE, null));
	}

}
