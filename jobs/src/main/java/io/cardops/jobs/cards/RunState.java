package io.cardops.jobs.cards;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.cardops.domain.cards.Card;
import io.cardops.domain.cards.CardEventType;
import io.cardops.domain.cards.CardState;
import io.cardops.domain.cards.Decision;
import io.cardops.domain.cards.LifecycleContext;
import io.cardops.domain.eligibility.RosterStanding;
import io.cardops.readers.cards.CardEventFile.Located;

/**
 * The state one card-events run judges against, loaded in bulk before the run and moved
 * forward in memory by every accepted event, so that later events of the same run see
 * earlier ones (a card reported lost, then a new card issued to the same student).
 */
final class RunState implements LifecycleContext {

	private final Map<String, Card> cards;

	private final Map<String, Card> active;

	private final Map<String, RosterStanding> standings;

	private final Set<Integer> windows;

	private final Set<String> eventKeys;

	private final Map<String, Card> changed = new LinkedHashMap<>();

	private final Set<String> created = new LinkedHashSet<>();

	private final Map<String, Long> refunds = new HashMap<>();

	private final Map<CardEventType, Integer> counts = new HashMap<>();

	RunState(Map<String, Card> cards, Map<String, Card> active, Map<String, RosterStanding> standings,
			Set<Integer> windows, Set<String> eventKeys) {
		this.cards = cards;
		this.active = active;
		this.standings = standings;
		this.windows = windows;
		this.eventKeys = eventKeys;
	}

	@Override
	public Card card(String cardNo) {
		return this.cards.get(cardNo);
	}

	@Override
	public Card activeCardOf(String institution, String studentNo) {
		return this.active.get(CardStore.holder(institution, studentNo));
	}

	@Override
	public RosterStanding standing(String institution, String studentNo) {
		return this.standings.get(CardStore.holder(institution, studentNo));
	}

	@Override
	public boolean renewalWindowOpened(int year) {
		return this.windows.contains(year);
	}

	/**
	 * Claims an event id for its channel.
	 * @param located the event
	 * @return false when the channel already used the id (in this run or an earlier one)
	 */
	boolean claim(Located located) {
		return this.eventKeys.add(located.event().channel() + "/" + located.event().eventId());
	}

	/**
	 * Moves the state forward by an accepted event.
	 * @param decision the accepted decision
	 * @param located the event
	 */
	void accept(Decision decision, Located located) {
		Card after = decision.after();
		this.cards.put(after.cardNo(), after);
		if (decision.before() == null) {
			this.created.add(after.cardNo());
		}
		String holder = CardStore.holder(after.institution(), after.studentNo());
		Card activeNow = this.active.get(holder);
		if (after.state() == CardState.ACTIVE) {
			this.active.put(holder, after);
		}
		else if (activeNow != null && activeNow.cardNo().equals(after.cardNo())) {
			this.active.remove(holder);
		}
		this.changed.put(after.cardNo(), after);
		if (located.event().refundFen() != null) {
			this.refunds.put(after.cardNo(), located.event().refundFen());
		}
		this.counts.merge(located.event().type(), 1, Integer::sum);
	}

	/**
	 * The cards this run created, in their state at its end.
	 * @return the new cards
	 */
	java.util.List<Card> createdCards() {
		return this.created.stream().map(this.changed::get).toList();
	}

	/**
	 * The cards that existed before this run and changed in it.
	 * @return the changed cards
	 */
	java.util.List<Card> updatedCards() {
		return this.changed.values().stream().filter((card) -> !this.created.contains(card.cardNo())).toList();
	}

	Map<String, Long> refunds() {
		return this.refunds;
	}

	int count(CardEventType type) {
		return this.counts.getOrDefault(type, 0);
	}

}
