package io.cardops.domain.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * A student card as the card master holds it.
 *
 * @param cardNo the card number
 * @param institution the holder's institution code
 * @param studentNo the holder's student number at that institution
 * @param channel the channel that issued the card
 * @param device what the card was issued onto
 * @param state where the card is in its life
 * @param issuedAt the instant of the ISSUE
 * @param validUntil the last Asia/Shanghai day on which the card is valid
 * @param stateSince the instant the card entered its current state
 */
public record Card(String cardNo, String institution, String studentNo, String channel, Device device, CardState state,
		Instant issuedAt, LocalDate validUntil, Instant stateSince) {

	/**
	 * Checks that every field is present: a card without one of them could not be judged
	 * by the lifecycle rules.
	 * @param cardNo the card number
	 * @param institution the holder's institution code
	 * @param studentNo the holder's student number at that institution
	 * @param channel the channel that issued the card
	 * @param device what the card was issued onto
	 * @param state where the card is in its life
	 * @param issuedAt the instant of the ISSUE
	 * @param validUntil the last Asia/Shanghai day on which the card is valid
	 * @param stateSince the instant the card entered its current state
	 */
	public Card {
		Objects.requireNonNull(cardNo, "cardNo");
		Objects.requireNonNull(institution, "institution");
		Objects.requireNonNull(studentNo, "studentNo");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(device, "device");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(validUntil, "validUntil");
		Objects.requireNonNull(stateSince, "stateSince");
	}

	/**
	 * Returns the Asia/Shanghai date of the issue, the date from which return periods are
	 * counted.
	 * @return the business date of {@link #issuedAt()}
	 */
	public LocalDate issuedOn() {
		return AcademicCalendar.businessDate(this.issuedAt);
	}

}
