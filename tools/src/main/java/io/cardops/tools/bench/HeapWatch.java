package io.cardops.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the heap a job really holds while it runs: every interval it collects the
 * garbage ({@code System.gc()}) and reads the heap still used. The peak of those samples
 * is the job's live heap; the peak of the heap used also counts garbage not collected
 * yet, which depends on the heap's size more than on the job. Each sample costs a full
 * collection, so the job runs a little slower while it is watched.
 */
public final class HeapWatch implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peakLive = new AtomicLong();

	private final AtomicLong samples = new AtomicLong();

	private final Thread sampler;

	private volatile boolean running = true;

	/**
	 * Starts sampling.
	 * @param interval the time between samples
	 */
	public HeapWatch(Duration interval) {
		this.sampler = new Thread(() -> {
			while (this.running) {
				try {
					Thread.sleep(interval.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				if (this.running) {
					sample();
				}
			}
		}, "heap-watch");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		System.gc();
		this.peakLive.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
		this.samples.incrementAndGet();
	}

	/**
	 * The most heap left after a collection among the samples.
	 * @return bytes, 0 before the first sample
	 */
	public long peakLiveBytes() {
		return this.peakLive.get();
	}

	/**
	 * The samples taken.
	 * @return the count
	 */
	public long samples() {
		return this.samples.get();
	}

	/**
	 * Stops sampling and waits for the sampler to end.
	 */
	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
		try {
			this.sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
