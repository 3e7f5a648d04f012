package io.cardops.schedules.schedule;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Who is told of each job result of a chain the current thread runs (the command line
 * prints them as they come). The chain's job runs in the thread that launched it.
 */
final class ChainProgress {

	private static final ThreadLocal<Consumer<StepResult>> LISTENER = new ThreadLocal<>();

	private ChainProgress() {
	}

	static <T> T with(Consumer<StepResult> listener, Supplier<T> work) {
		Consumer<StepResult> before = LISTENER.get();
		LISTENER.set(listener);
		try {
			return work.get();
		}
		finally {
			if (before != null) {
				LISTENER.set(before);
			}
			else {
				LISTENER.remove();
			}
		}
	}

	static void report(StepResult result) {
		Consumer<StepResult> listener = LISTENER.get();
		if (listener != null) {
			listener.accept(result);
		}
	}

}
