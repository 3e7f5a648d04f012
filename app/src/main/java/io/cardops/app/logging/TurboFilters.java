package io.cardops.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import org.slf4j.LoggerFactory;

/**
 * How cardops's log filters join the logging in use.
 */
final class TurboFilters {

	private TurboFilters() {
	}

	/**
	 * Starts a filter and adds it to the logging in use, when it is Logback (it is, in
	 * cardops.jar); called last in the filter's constructor, once it can decide.
	 * @param filter the filter
	 */
	static void install(TurboFilter filter) {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
			filter.start();
			logging.addTurboFilter(filter);
		}
	}

}
