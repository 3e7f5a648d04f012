package io.cardops.tools.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import io.cardops.domain.reconcile.ExceptionCategory;

/**
 * How many anomalies each day gets and of which category: the rate times the number of
 * cards (the fraction is a seeded coin toss, so the expected count is exact), with the
 * categories dealt in a fixed cycle over every {@link ExceptionCategory} from a seeded
 * starting point, so that any run with 16 or more anomalies plants every category.
 */
final class AnomalyPlan {

	static final ExceptionCategory[] CYCLE = ExceptionCategory.values();

	private static final long SCALE = 1_000_000_000L;

	private final int[] perDay;

	private final long[] firstPosition;

	private final int offset;

	AnomalyPlan(BigDecimal rate, int cards, int days, long seed) {
		SplittableRandom random = Rng.of(seed, 7, 0);
		this.offset = random.nextInt(CYCLE.length);
		BigDecimal expected = rate.multiply(BigDecimal.valueOf(cards));
		BigDecimal whole = expected.setScale(0, RoundingMode.FLOOR);
		long fraction = expected.subtract(whole).multiply(BigDecimal.valueOf(SCALE)).longValue();
		this.perDay = new int[days];
		this.firstPosition = new long[days];
		long position = 0;
		for (int day = 0; day < days; day++) {
			int count = whole.intValueExact() + ((random.nextLong(SCALE) < fraction) ? 1 : 0);
			this.perDay[day] = Math.min(count, cards);
			this.firstPosition[day] = position;
			position += this.perDay[day];
		}
	}

	int count(int day) {
		return this.perDay[day];
	}

	ExceptionCategory category(int day, int index) {
		return CYCLE[(int) ((this.offset + this.firstPosition[day] + index) % CYCLE.length)];
	}

	/**
	 * The most anomalies of one category any single day gets: the size a pool of
	 * dedicated cards needs when each card carries at most one anomaly a day.
	 */
	int mostInOneDay(ExceptionCategory category) {
		int most = 0;
		for (int day = 0; day < this.perDay.length; day++) {
			long start = this.offset + this.firstPosition[day];
			long end = start + this.perDay[day];
			int target = category.ordinal();
			int count = (int) (Math.floorDiv(end - 1 - target, CYCLE.length)
					- Math.floorDiv(start - 1 - target, CYCLE.length));
			most = Math.max(most, count);
		}
		return most;
	}

}
