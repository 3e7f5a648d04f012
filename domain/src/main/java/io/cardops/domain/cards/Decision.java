package io.cardops.domain.cards;

/**
 * The outcome of judging one card event: the card before and after it when accepted, or
 * the reason it was rejected.
 *
 * @param before the card before the event; {@code null} for an ISSUE and for a rejection
 * @param after the card after the event; {@code null} when rejected
 * @param rejectReason why the event was rejected; {@code null} when accepted
 */
public record Decision(Card before, Card after, String rejectReason) {

	/**
	 * Checks that the decision is either an acceptance or a rejection, never both nor
	 * neither, so that an event can never half-apply.
	 * @param before the card before the event, or {@code null}
	 * @param after the card after the event, or {@code null} when rejected
	 * @param rejectReason the reason, or {@code null} when accepted
	 */
	public Decision {
		if ((after == null) == (rejectReason == null)) {
			throw new IllegalArgumentException("exactly one of after and rejectReason must be given");
		}
	}

	/**
	 * Accepts an event.
	 * @param before the card before the event, {@code null} for an ISSUE
	 * @param after the card after the event
	 * @return the acceptance
	 */
	public static Decision accept(Card before, Card after) {
		return new Decision(before, after, null);
	}

	/**
	 * Rejects an event.
	 * @param reason why, as written to the rejects file
	 * @return the rejection
	 */
	public static Decision reject(String reason) {
		return new Decision(null, null, reason);
	}

	/**
	 * Tells whether the event was accepted.
	 * @return {@code true} when the event was accepted and {@link #after()} holds the
	 * card
	 */
	public boolean accepted() {
		return this.after != null;
	}

}
