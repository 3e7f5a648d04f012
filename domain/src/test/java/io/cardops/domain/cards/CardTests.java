package io.cardops.domain.cards;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.cardops.domain.cards.CardFixtures.APP;
import static io.cardops.domain.cards.CardFixtures.CARD_NO;
import static io.cardops.domain.cards.CardFixtures.INSTITUTION;
import static io.cardops.domain.cards.CardFixtures.STUDENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests for {@link Card}.
 */
class CardTests {

	@ParameterizedTest(name = "issued at {0} -> issued on {1}")
	@CsvSource(textBlock = """
			# issued_at,                Shanghai date
			  2026-07-29T23:59:59+08:00, 2026-07-29
			  2026-07-29T15:59:59Z,      2026-07-29
			  2026-07-29T16:00:00Z,      2026-07-30
			  2026-12-31T16:00:00Z,      2027-01-01
			  2028-02-28T16:00:00Z,      2028-02-29
			""")
	void issueDateIsTheShanghaiDateOfTheIssueInstant(OffsetDateTime issuedAt, LocalDate issuedOn) {
		Card card = new Card(CARD_NO, INSTITUTION, STUDENT, APP, Device.IOS, CardState.ACTIVE, issuedAt.toInstant(),
				LocalDate.of(2030, 9, 30), issuedAt.toInstant());

		assertEquals(issuedOn, card.issuedOn());
	}

}
