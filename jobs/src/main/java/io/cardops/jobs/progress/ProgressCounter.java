package io.cardops.jobs.progress;

import java.util.concurrent.atomic.LongAdder;

/**
 * One count of a running step (taps read, rows judged, events applied...), added to by
 * the step's own threads and read by the progress writer at any time.
 */
public final class ProgressCounter {

	/** Counts nothing: what a service gets when it runs outside a step. */
	static final ProgressCounter NONE = new ProgressCounter(null);

	private final LongAdder count;

	private ProgressCounter(LongAdder count) {
		this.count = count;
	}

	static ProgressCounter counting() {
		return new ProgressCounter(new LongAdder());
	}

	/**
	 * Counts one more.
	 */
	public void increment() {
		if (this.count != null) {
			this.count.increment();
		}
	}

	/**
	 * Counts more.
	 * @param done how many more
	 */
	public void add(long done) {
		if (this.count != null) {
			this.count.add(done);
		}
	}

	long value() {
		return (this.count != null) ? this.count.sum() : 0;
	}

}
