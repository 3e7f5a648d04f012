package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.eligibility.RosterStanding;
import io.cardops.domain.roster.EnrollmentStatus;

/**
 * Cards, events and students shared by the {@link CardLifecycle} tests; every event is
 * for {@link #STUDENT} of {@link #INSTITUTION} unless a test says otherwise.
 */
final class CardFixtures {

	static final String INSTITUTION = "UCAS";

	static final String STUDENT = "2026M8001";

	static final String OTHER_STUDENT = "2026M8002";

	static final String APP = "BMAC_APP";

	static final String CARD_NO = "3104000000000000001";

	static final String OTHER_CARD_NO = "3104000000000000002";

	private CardFixtures() {
	}

	/**
	 * A student who studies well past every date in these tests.
	 */
	static RosterStanding enrolled() {
		return enrolledUntil(LocalDate.of(2030, 6, 30));
	}

	static RosterStanding enrolledUntil(LocalDate expectedGraduation) {
		return new RosterStanding(EnrollmentStatus.ENROLLED, false, expectedGraduation);
	}

	/**
	 * A context where {@link #STUDENT} is on the roster and holds no card.
	 */
	static InMemoryLifecycleContext enrolledStudent() {
		return new InMemoryLifecycleContext().withStudent(INSTITUTION, STUDENT, enrolled());
	}

	/**
	 * Noon in Shanghai, far from any date boundary, for tests about dates rather than
	 * instants.
	 */
	static Instant noon(LocalDate date) {
		return date.atTime(LocalTime.NOON).atZone(AcademicCalendar.ZONE).toInstant();
	}

	static Card card(String cardNo, CardState state, Device device, LocalDate issuedOn, LocalDate validUntil) {
		Instant issuedAt = noon(issuedOn);
		return new Card(cardNo, INSTITUTION, STUDENT, APP, device, state, issuedAt, validUntil, issuedAt);
	}

	static Card activeCard(LocalDate issuedOn, LocalDate validUntil) {
		return card(CARD_NO, CardState.ACTIVE, Device.ANDROID, issuedOn, validUntil);
	}

	static CardEvent issue(String cardNo, Instant occurredAt, Device device) {
		return new CardEvent(APP, "E-ISSUE-" + cardNo, CardEventType.ISSUE, occurredAt, cardNo, INSTITUTION, STUDENT,
				device, null);
	}

	static CardEvent renew(String cardNo, Instant occurredAt) {
		return event(CardEventType.RENEW, cardNo, occurredAt);
	}

	static CardEvent reportLost(String cardNo, Instant occurredAt) {
		return event(CardEventType.REPORT_LOST, cardNo, occurredAt);
	}

	static CardEvent returnCard(String cardNo, Instant occurredAt, String channel, Long refundFen) {
		return new CardEvent(channel, "E-RETURN-" + cardNo, CardEventType.RETURN, occurredAt, cardNo, INSTITUTION,
				STUDENT, null, refundFen);
	}

	/**
	 * An event of any type other than ISSUE for the card's holder, with a small app
	 * refund for a RETURN so that only the rule under test can fail.
	 */
	static CardEvent event(CardEventType type, String cardNo, Instant occurredAt) {
		Long refundFen = (type == CardEventType.RETURN) ? 1250L : null;
		return new CardEvent(APP, "E-" + type + "-" + cardNo, type, occurredAt, cardNo, INSTITUTION, STUDENT, null,
				refundFen);
	}

}
