package io.cardops.tools.generate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far a generation has got, for the progress line of {@code cardops generate}: the
 * clearing date being written, since when, and how many cards' rows of it are written.
 * Written by the generator's thread, read by another.
 */
public final class GenerationProgress {

	private final LongAdder cards = new LongAdder();

	private volatile LocalDate day;

	private volatile Duration dayStartedAt = Duration.ZERO;

	/**
	 * The clearing date being written.
	 * @return the date, null before the first one
	 */
	public LocalDate day() {
		return this.day;
	}

	/**
	 * When the day being written was started, on {@link System#nanoTime()}'s scale.
	 * @return the time since an arbitrary origin
	 */
	public Duration dayStartedAt() {
		return this.dayStartedAt;
	}

	/**
	 * The cards whose rows of the day are written so far.
	 * @return how many
	 */
	public long cards() {
		return this.cards.sum();
	}

	void startDay(LocalDate date) {
		this.cards.reset();
		this.dayStartedAt = Duration.ofNanos(System.nanoTime());
		this.day = date;
	}

	void cardWritten() {
		this.cards.increment();
	}

}
