package io.cardops.tools.generate;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardops.domain.money.Money;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.TravelMode;
import io.cardops.readers.reference.ReferenceReader;

/**
 * The fare rules the generated taps follow, read from the reference data that is copied
 * into the output (reference data is data: a changed rate changes the generated charges).
 */
final class FareTable {

	private final Map<TravelMode, Map<Discount, FareRule>> rules = new EnumMap<>(TravelMode.class);

	private final long highestMinimum;

	FareTable(List<FareRule> rules) {
		long highest = 0;
		for (FareRule rule : rules) {
			this.rules.computeIfAbsent(rule.mode(), (mode) -> new EnumMap<>(Discount.class)).put(rule.discount(), rule);
			highest = Math.max(highest, rule.minBalanceFen());
		}
		this.highestMinimum = highest;
	}

	static FareTable read(Path fareRulesFile) {
		return new FareTable(new ReferenceReader().fareRules(fareRulesFile));
	}

	/**
	 * What a fare-charging tap charges: full × rate_bp / 10000, half-up.
	 */
	int charge(TravelMode mode, Discount discount, int fullFen) {
		return Math.toIntExact(Money.basisPointsHalfUp(fullFen, rule(mode, discount).rateBp()));
	}

	/**
	 * The balance an ENTRY or SINGLE needs before it.
	 */
	long minimum(TravelMode mode, Discount discount) {
		return rule(mode, discount).minBalanceFen();
	}

	/**
	 * The highest minimum balance of any rule: a card topped up to at least this never
	 * starts a journey below its minimum.
	 */
	long highestMinimum() {
		return this.highestMinimum;
	}

	private FareRule rule(TravelMode mode, Discount discount) {
		return this.rules.get(mode).get(discount);
	}

}
