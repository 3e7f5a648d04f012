package io.cardops.domain.desk;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How old an open case is, in days since its clearing date (desk.md, "Aging").
 */
public enum AgeBucket {

	/** Zero or one day. */
	DAYS_0_1("0-1", 1),
	/** Two to seven days. */
	DAYS_2_7("2-7", 7),
	/** Eight to thirty days. */
	DAYS_8_30("8-30", 30),
	/** More than thirty days. */
	OVER_30("over 30", Long.MAX_VALUE);

	private final String label;

	private final long maxDays;

	AgeBucket(String label, long maxDays) {
		this.label = label;
		this.maxDays = maxDays;
	}

	/**
	 * The oldest clearing date still in this bucket, for a query that buckets by date.
	 * @param asOf the day the age is taken on
	 * @return the date, or null for the last bucket (no lower bound)
	 */
	public LocalDate oldestClearingDate(LocalDate asOf) {
		return (this.maxDays == Long.MAX_VALUE) ? null : asOf.minusDays(this.maxDays);
	}

	/**
	 * The bucket's label in tables and metrics.
	 * @return for example {@code 2-7}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The bucket of a case.
	 * @param clearingDate the case's clearing date
	 * @param asOf the day the age is taken on
	 * @return the bucket (a clearing date after {@code asOf} counts as age 0)
	 */
	public static AgeBucket of(LocalDate clearingDate, LocalDate asOf) {
		return ofDays(ChronoUnit.DAYS.between(clearingDate, asOf));
	}

	/**
	 * The bucket of an age.
	 * @param days the age in days
	 * @return the bucket
	 */
	public static AgeBucket ofDays(long days) {
		for (AgeBucket bucket : values()) {
			if (days <= bucket.maxDays) {
				return bucket;
			}
		}
		return OVER_30;
	}

}
