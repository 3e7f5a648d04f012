package io.cardops.jobs.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the judging needs to know of a card from the card master: when it was blocked
 * (lost or returned) and which valid_until was in force at any instant (renewals move
 * it).
 */
final class CardFacts {

	private final LocalDate validUntil;

	private final Instant blockedAt;

	// Most cards never renew within the data: the list is made on the first renewal.
	private List<Renewal> renewals = List.of();

	CardFacts(LocalDate validUntil, Instant blockedAt) {
		this.validUntil = validUntil;
		this.blockedAt = blockedAt;
	}

	void renewed(Instant at, LocalDate before, LocalDate after) {
		if (this.renewals.isEmpty()) {
			this.renewals = new ArrayList<>(2);
		}
		this.renewals.add(new Renewal(at, before, after));
	}

	Instant blockedAt() {
		return this.blockedAt;
	}

	/**
	 * The valid_until in force at an instant: the last renewal's at or before it, else
	 * the one the first renewal replaced, else the card's.
	 * @param at the instant
	 * @return the valid_until then
	 */
	LocalDate validUntilAt(Instant at) {
		if (this.renewals.isEmpty()) {
			return this.validUntil;
		}
		LocalDate inForce = this.renewals.get(0).before();
		for (Renewal renewal : this.renewals) {
			if (!renewal.at().isAfter(at)) {
				inForce = renewal.after();
			}
		}
		return inForce;
	}

	private record Renewal(Instant at, LocalDate before, LocalDate after) {
	}

}
