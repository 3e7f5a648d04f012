package io.cardops.jobs.support;

import java.util.function.Supplier;

/**
 * What started the runs of the current thread ({@code QUARTZ}, {@code RECOVERY},
 * {@code CLI}, {@code PORTAL}), recorded with each run's owner in {@code job_run}: the
 * nightly chain's jobs run inside it and carry its source, and its run
 * ({@link #inChain}). A run started without one (a {@code cardops run}, an upload on the
 * portal) records none.
 */
public final class RunSource {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private static final ThreadLocal<Long> CHAIN = new ThreadLocal<>();

	private RunSource() {
	}

	/**
	 * Runs work with a source, restoring the one before after it.
	 * @param <T> what the work returns
	 * @param source the source
	 * @param work the work
	 * @return what it returned
	 */
	public static <T> T with(String source, Supplier<T> work) {
		return within(CURRENT, source, work);
	}

	/**
	 * Runs a nightly chain's work: the runs it starts on this thread record the chain's
	 * run as theirs ({@code job_run.chain_run}).
	 * @param <T> what the work returns
	 * @param chainRun the chain's job execution
	 * @param work the work
	 * @return what it returned
	 */
	public static <T> T inChain(long chainRun, Supplier<T> work) {
		return within(CHAIN, chainRun, work);
	}

	private static <V, T> T within(ThreadLocal<V> local, V value, Supplier<T> work) {
		V before = local.get();
		local.set(value);
		try {
			return work.get();
		}
		finally {
			if (before != null) {
				local.set(before);
			}
			else {
				local.remove();
			}
		}
	}

	/**
	 * The nightly chain's run the current thread's runs belong to.
	 * @return its job execution, or null
	 */
	public static Long chain() {
		return CHAIN.get();
	}

	/**
	 * The source of the current thread's runs.
	 * @return the source, or null
	 */
	public static String current() {
		return CURRENT.get();
	}

}
