package io.cardops.domain.cards;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a channel's card-event feed, already checked for format by its reader.
 *
 * @param channel the channel that sent the event
 * @param eventId the event's id, unique per channel
 * @param type what happened
 * @param occurredAt the instant it happened
 * @param cardNo the card concerned
 * @param institution the holder's institution code
 * @param studentNo the holder's student number at that institution
 * @param device what the card is on; required for ISSUE, may be {@code null} otherwise
 * @param refundFen the balance refunded, in fen, for a RETURN; {@code null} otherwise
 */
public record CardEvent(String channel, String eventId, CardEventType type, Instant occurredAt, String cardNo,
		String institution, String studentNo, Device device, Long refundFen) {

	/**
	 * Checks that the fields every event carries are present; {@code device} and
	 * {@code refundFen} depend on the type and are judged by {@link CardLifecycle}.
	 * @param channel the channel that sent the event
	 * @param eventId the event's id, unique per channel
	 * @param type what happened
	 * @param occurredAt the instant it happened
	 * @param cardNo the card concerned
	 * @param institution the holder's institution code
	 * @param studentNo the holder's student number at that institution
	 * @param device what the card is on, or {@code null}
	 * @param refundFen the balance refunded in fen, or {@code null}
	 */
	public CardEvent {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(cardNo, "cardNo");
		Objects.requireNonNull(institution, "institution");
		Objects.requireNonNull(studentNo, "studentNo");
	}

}
