package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.eligibility.Eligibility;
import io.cardops.domain.eligibility.IneligibilityReason;
import io.cardops.domain.money.Money;

/**
 * Judges a card event against the card master, the rosters and the renewal windows, and
 * says what the card becomes.
 * <p>
 * The rules of each event are checked in a fixed order and the first failure is the
 * reason reported, so that a rejects file reads the same on every run. Judging is pure:
 * the caller applies an accepted {@link Decision} to its own state before it judges the
 * next event.
 */
public final class CardLifecycle {

	/**
	 * The only channel that is not an app: the service outlet, where large refunds are
	 * paid out.
	 */
	public static final String COUNTER_CHANNEL = "COUNTER";

	/**
	 * The largest refund, in fen, that an app channel may pay out (200 yuan).
	 */
	public static final long APP_REFUND_LIMIT_FEN = 20000;

	/**
	 * Days after the issue date from which an iOS card may be returned.
	 */
	private static final int IOS_RETURN_DAYS = 30;

	/**
	 * Days after the issue date from which any other card may be returned.
	 */
	private static final int OTHER_RETURN_DAYS = 1;

	private CardLifecycle() {
	}

	/**
	 * Judges one card event. Dates are the Asia/Shanghai business date of the event's
	 * instant.
	 * @param event the event to judge
	 * @param context the card master, rosters and renewal windows as they stand before
	 * the event; it is only read
	 * @return the card before and after the event, or the reason it is rejected
	 */
	public static Decision apply(CardEvent event, LifecycleContext context) {
		LocalDate eventDate = AcademicCalendar.businessDate(event.occurredAt());
		return switch (event.type()) {
			case ISSUE -> issue(event, eventDate, context);
			case RENEW -> onIssuedCard(event, context, (card) -> renew(event, eventDate, card, context));
			case REPORT_LOST -> onIssuedCard(event, context, (card) -> reportLost(event, card));
			case RETURN -> onIssuedCard(event, context, (card) -> returnCard(event, eventDate, card));
		};
	}

	private static Decision issue(CardEvent event, LocalDate eventDate, LifecycleContext context) {
		if (context.card(event.cardNo()) != null) {
			return Decision.reject("card_no already issued");
		}
		if (event.device() == null) {
			return Decision.reject("device is required for ISSUE");
		}
		Optional<IneligibilityReason> ineligible = Eligibility
			.judge(context.standing(event.institution(), event.studentNo()), Eligibility.forIssue(eventDate));
		if (ineligible.isPresent()) {
			return Decision.reject(notEligible(ineligible.get()));
		}
		// Only an ACTIVE card blocks: after a loss, a return or an expiry the student
		// must be able to get a new card.
		Card active = context.activeCardOf(event.institution(), event.studentNo());
		if (active != null) {
			return Decision.reject(alreadyHoldsActiveCard(active));
		}
		Card issued = new Card(event.cardNo(), event.institution(), event.studentNo(), event.channel(), event.device(),
				CardState.ACTIVE, event.occurredAt(), AcademicCalendar.validUntilForIssue(eventDate),
				event.occurredAt());
		return Decision.accept(null, issued);
	}

	/**
	 * Runs the checks every event on an existing card shares, then the event's own rule.
	 */
	private static Decision onIssuedCard(CardEvent event, LifecycleContext context, Function<Card, Decision> rule) {
		Card card = context.card(event.cardNo());
		if (card == null) {
			return Decision.reject("unknown card");
		}
		// The reason goes to a rejects file that channels read: it must not tell them
		// whose card the number really is.
		if (!card.institution().equals(event.institution()) || !card.studentNo().equals(event.studentNo())) {
			return Decision.reject("card belongs to another holder");
		}
		if (event.occurredAt().isBefore(card.issuedAt())) {
			return Decision.reject("event is before the card was issued");
		}
		return rule.apply(card);
	}

	private static Decision renew(CardEvent event, LocalDate eventDate, Card card, LifecycleContext context) {
		if (isBlocked(card)) {
			return Decision.reject(cardIs(card));
		}
		// The window is the one of the year the card runs out in, so a card renewed
		// once this season (now valid a year longer) waits for next year's window.
		int year = card.validUntil().getYear();
		if (!context.renewalWindowOpened(year)) {
			return Decision.reject("renewal window for " + year + " is not open");
		}
		LocalDate opens = AcademicCalendar.renewalWindowOpens(year);
		if (eventDate.isBefore(opens)) {
			return Decision.reject("renewal window for " + year + " opens on " + opens);
		}
		Optional<IneligibilityReason> ineligible = Eligibility.judge(
				context.standing(card.institution(), card.studentNo()),
				Eligibility.forRenewal(eventDate, card.validUntil()));
		if (ineligible.isPresent()) {
			return Decision.reject(notEligible(ineligible.get()));
		}
		// Reactivating an EXPIRED card must not give the student a second ACTIVE card,
		// for example one issued after this card expired.
		Card active = context.activeCardOf(card.institution(), card.studentNo());
		if (card.state() == CardState.EXPIRED && active != null && !active.cardNo().equals(card.cardNo())) {
			return Decision.reject(alreadyHoldsActiveCard(active));
		}
		Instant stateSince = (card.state() == CardState.ACTIVE) ? card.stateSince() : event.occurredAt();
		Card renewed = new Card(card.cardNo(), card.institution(), card.studentNo(), card.channel(), card.device(),
				CardState.ACTIVE, card.issuedAt(), AcademicCalendar.renewedValidUntil(card.validUntil(), eventDate),
				stateSince);
		return Decision.accept(card, renewed);
	}

	private static Decision reportLost(CardEvent event, Card card) {
		if (isBlocked(card)) {
			return Decision.reject(cardIs(card));
		}
		return Decision.accept(card, withState(card, CardState.LOST, event.occurredAt()));
	}

	private static Decision returnCard(CardEvent event, LocalDate eventDate, Card card) {
		if (isBlocked(card)) {
			return Decision.reject(cardIs(card));
		}
		if (event.refundFen() == null) {
			return Decision.reject("refund_fen is required for RETURN");
		}
		// The device recorded at issue decides, not the one on the RETURN event: the
		// waiting period belongs to the card.
		Device device = card.device();
		LocalDate returnableFrom = card.issuedOn()
			.plusDays((device == Device.IOS) ? IOS_RETURN_DAYS : OTHER_RETURN_DAYS);
		if (eventDate.isBefore(returnableFrom)) {
			return Decision.reject(article(device) + " " + device + " card can be returned from " + returnableFrom);
		}
		long refundFen = event.refundFen();
		if (refundFen > APP_REFUND_LIMIT_FEN && !COUNTER_CHANNEL.equals(event.channel())) {
			return Decision.reject("a refund of " + Money.yuan(refundFen) + " yuan (above "
					+ Money.yuan(APP_REFUND_LIMIT_FEN) + ") must be done at a " + COUNTER_CHANNEL);
		}
		return Decision.accept(card, withState(card, CardState.RETURNED, event.occurredAt()));
	}

	/**
	 * Tells whether a card has left the normal life for good: a LOST or RETURNED card can
	 * be neither renewed, reported lost again, nor returned.
	 */
	private static boolean isBlocked(Card card) {
		return card.state() == CardState.LOST || card.state() == CardState.RETURNED;
	}

	private static String cardIs(Card card) {
		return "card is " + card.state();
	}

	private static String notEligible(IneligibilityReason reason) {
		return "student not eligible: " + reason;
	}

	private static String alreadyHoldsActiveCard(Card active) {
		return "student already holds ACTIVE card " + active.cardNo();
	}

	/**
	 * Returns the English article for a device name as it is read aloud ("an IOS", "an
	 * ANDROID", "a HARMONY", "a SIM"), so that the reason reads as a sentence.
	 */
	private static String article(Device device) {
		return switch (device) {
			case IOS, ANDROID -> "an";
			case HARMONY, SIM -> "a";
		};
	}

	private static Card withState(Card card, CardState state, Instant since) {
		return new Card(card.cardNo(), card.institution(), card.studentNo(), card.channel(), card.device(), state,
				card.issuedAt(), card.validUntil(), since);
	}

}
