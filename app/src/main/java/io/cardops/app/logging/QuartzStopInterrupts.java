package io.cardops.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps a clean stop of {@code cardops serve} from logging an ERROR with a stack trace.
 * Quartz stops its cluster check-in thread by interrupting it; when the interrupt lands
 * while the thread waits for a database connection, the pool answers "Interrupted during
 * connection acquisition" and Quartz logs "ClusterManager: Error managing cluster" with
 * the whole trace (seen on about one stop in four). Only a job store's errors caused by
 * an interrupt are dropped: a check-in that fails for any other reason (the database
 * gone) is still logged.
 */
@Component
public class QuartzStopInterrupts extends TurboFilter {

	/**
	 * Adds the filter to the logging in use, when it is Logback (it is, in cardops.jar).
	 */
	public QuartzStopInterrupts() {
		TurboFilters.install(this);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable failure) {
		return (logger != null && logger.getName().endsWith("JobStore") && interrupted(failure)) ? FilterReply.DENY
				: FilterReply.NEUTRAL;
	}

	static boolean interrupted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
