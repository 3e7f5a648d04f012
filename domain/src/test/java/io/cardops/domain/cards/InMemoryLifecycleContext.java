package io.cardops.domain.cards;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.cardops.domain.eligibility.RosterStanding;

/**
 * A card master, rosters and renewal windows held in maps, standing in for the database
 * in {@link CardLifecycle} tests.
 */
final class InMemoryLifecycleContext implements LifecycleContext {

	private final Map<String, Card> cards = new HashMap<>();

	private final Map<Holder, RosterStanding> standings = new HashMap<>();

	private final Set<Integer> openedWindows = new HashSet<>();

	InMemoryLifecycleContext withCard(Card card) {
		this.cards.put(card.cardNo(), card);
		return this;
	}

	InMemoryLifecycleContext withStudent(String institution, String studentNo, RosterStanding standing) {
		this.standings.put(new Holder(institution, studentNo), standing);
		return this;
	}

	InMemoryLifecycleContext withRenewalWindowOpened(int year) {
		this.openedWindows.add(year);
		return this;
	}

	/**
	 * Judges an event and, as the card-events job does, applies it when accepted so that
	 * the next event sees its outcome.
	 */
	Decision applyInTurn(CardEvent event) {
		Decision decision = CardLifecycle.apply(event, this);
		if (decision.accepted()) {
			this.cards.put(decision.after().cardNo(), decision.after());
		}
		return decision;
	}

	@Override
	public Card card(String cardNo) {
		return this.cards.get(cardNo);
	}

	@Override
	public Card activeCardOf(String institution, String studentNo) {
		return this.cards.values()
			.stream()
			.filter((card) -> card.state() == CardState.ACTIVE)
			.filter((card) -> card.institution().equals(institution) && card.studentNo().equals(studentNo))
			.findFirst()
			.orElse(null);
	}

	@Override
	public RosterStanding standing(String institution, String studentNo) {
		return this.standings.get(new Holder(institution, studentNo));
	}

	@Override
	public boolean renewalWindowOpened(int year) {
		return this.openedWindows.contains(year);
	}

	private record Holder(String institution, String studentNo) {

	}

}
