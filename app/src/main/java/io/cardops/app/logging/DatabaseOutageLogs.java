package io.cardops.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.DatabaseOutage;

/**
 * Keeps a serving node's log to one line when its database cannot be reached. Quartz's
 * threads (the trigger scan, the cluster check-in, the misfire handler) each logged an
 * ERROR with the whole stack trace at every try, and the pool a warning for each
 * connection it found closed; {@link DatabaseOutage} says it once, and again when the
 * database is back. Only while the node serves, and only warnings and errors that are the
 * database not reached: anything else is logged as before.
 */
@Component
public class DatabaseOutageLogs extends TurboFilter {

	private final DatabaseOutage outage;

	/**
	 * Adds the filter to the logging in use, when it is Logback (it is, in cardops.jar).
	 * @param outage the node's watch of its database
	 */
	public DatabaseOutageLogs(DatabaseOutage outage) {
		this.outage = outage;
		TurboFilters.install(this);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable failure) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
				|| logger.getName().startsWith("io.cardops.")) {
			return FilterReply.NEUTRAL;
		}
		Throwable thrown = (failure != null) ? failure
				: (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) ? last
						: null;
		if (thrown != null) {
			// A command reports a lost connection in its own sentence, its stack trace in
			// the error log; a serving node through its watch.
			return this.outage.failed(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}
		if (!this.outage.watching()) {
			return FilterReply.NEUTRAL;
		}
		// The pool's "Failed to validate connection ... (This connection has been
		// closed.). Possibly consider using a shorter maxLifetime value.", once for each
		// connection it held when the database went away: the pool opens new ones.
		return (logger.getName().startsWith("com.zaxxer.hikari") && format != null
				&& format.contains("Failed to validate connection")) ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

}
