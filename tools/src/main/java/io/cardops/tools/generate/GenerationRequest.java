package io.cardops.tools.generate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@code cardops generate} is asked for.
 *
 * @param out the output folder ({@code reference/}, {@code inbox/} and
 * {@code answer_key.csv} go into it)
 * @param referenceDir the reference data to copy and to take the fare rules from
 * ({@code partners.csv}, {@code fare_rules.csv})
 * @param cards how many cards to issue, 1 to 10,000,000
 * @param days how many clearing dates to generate, 1 to 366
 * @param seed the random seed: the same request gives the same bytes
 * @param anomalyRate the fraction of cards that carry one planted anomaly each day, 0 to
 * 1
 * @param firstClearingDate the first clearing date D1 (D0, the day before, has the roster
 * and the card events)
 */
public record GenerationRequest(Path out, Path referenceDir, int cards, int days, long seed, BigDecimal anomalyRate,
		LocalDate firstClearingDate) {

	/** The largest number of cards. */
	public static final int MAX_CARDS = 10_000_000;

	/** The largest number of days. */
	public static final int MAX_DAYS = 366;

	/**
	 * Checks the request.
	 * @param out the output folder
	 * @param referenceDir the reference data
	 * @param cards how many cards
	 * @param days how many clearing dates
	 * @param seed the random seed
	 * @param anomalyRate the anomaly rate
	 * @param firstClearingDate the first clearing date
	 * @throws IllegalArgumentException when a value is out of range
	 */
	public GenerationRequest {
		Objects.requireNonNull(out, "out");
		Objects.requireNonNull(referenceDir, "referenceDir");
		Objects.requireNonNull(anomalyRate, "anomalyRate");
		Objects.requireNonNull(firstClearingDate, "firstClearingDate");
		if (cards < 1 || cards > MAX_CARDS) {
			throw new IllegalArgumentException("--cards must be 1 to " + MAX_CARDS + ", not " + cards);
		}
		if (days < 1 || days > MAX_DAYS) {
			throw new IllegalArgumentException("--days must be 1 to " + MAX_DAYS + ", not " + days);
		}
		if (anomalyRate.signum() < 0 || anomalyRate.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("--anomaly-rate must be 0 to 1, not " + anomalyRate.toPlainString());
		}
	}

}
