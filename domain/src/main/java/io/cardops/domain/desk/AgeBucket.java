package io.cardops.domain.desk;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How old an open case is, in days since its clearing date (desk.md, "Aging").
 */
public enum AgeBucket {

	/** Zero or one day. */
	DAYS_0_1("0-1"),
	/** Two to seven days. */
	DAYS_2_7("2-7"),
	/** Eight to thirty days. */
	DAYS_8_30("8-30"),
	/** More than thirty days. */
	OVER_30("over 30");

	private final String label;

	AgeBucket(String label) {
		this.label = label;
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
		if (days <= 1) {
			return DAYS_0_1;
		}
		if (days <= 7) {
			return DAYS_2_7;
		}
		return (days <= 30) ? DAYS_8_30 : OVER_30;
	}

}
