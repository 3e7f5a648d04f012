package io.cardops.jobs.support;

import java.util.function.Supplier;

/**
 * What started the runs of the current thread ({@code QUARTZ}, {@code RECOVERY},
 * {@code CLI}, {@code PORTAL}), recorded with each run's owner in {@code job_run}: the
 * nightly chain's jobs run inside it and carry its source. A run started without one (a
 * {@code cardops run}, an upload on the portal) records none.
 */
public final class RunSource {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

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
		String before = CURRENT.get();
		CURRENT.set(source);
		try {
			return work.get();
		}
		finally {
			if (before != null) {
				CURRENT.set(before);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * The source of the current thread's runs.
	 * @return the source, or null
	 */
	public static String current() {
		return CURRENT.get();
	}

}
