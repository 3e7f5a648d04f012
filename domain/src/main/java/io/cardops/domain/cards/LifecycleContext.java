package io.cardops.domain.cards;

import io.cardops.domain.eligibility.RosterStanding;

/**
 * What {@link CardLifecycle} may know about the world when it judges an event: the card
 * master, the latest rosters and the renewal windows, as they stand after every earlier
 * event of the run has been applied.
 */
public interface LifecycleContext {

	/**
	 * Looks a card up by number.
	 * @param cardNo the card number
	 * @return the card, or {@code null} when no card has that number
	 */
	Card card(String cardNo);

	/**
	 * Finds the card a student may currently use.
	 * @param institution the institution code
	 * @param studentNo the student number at that institution
	 * @return the student's ACTIVE card, or {@code null} when they have none
	 */
	Card activeCardOf(String institution, String studentNo);

	/**
	 * Returns a student's standing in the latest roster snapshot of their institution.
	 * @param institution the institution code
	 * @param studentNo the student number at that institution
	 * @return the standing, or {@code null} when the student is not in the latest
	 * snapshot
	 */
	RosterStanding standing(String institution, String studentNo);

	/**
	 * Tells whether the renewal window job has opened the window of a year.
	 * @param year the year of the cards' {@code valid_until}
	 * @return {@code true} once the window of that year has been opened
	 */
	boolean renewalWindowOpened(int year);

}
