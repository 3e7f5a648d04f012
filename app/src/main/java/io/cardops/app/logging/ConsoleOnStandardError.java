package io.cardops.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sends the framework's log lines of a command (a driver's warning that a connection
 * broke, say) to standard error, where the command's warnings go: standard output holds
 * its results and summary line only (operations.md), which scripts read. {@code serve},
 * whose console is its log, keeps the console as it is.
 */
@Component
@ConditionalOnProperty(name = ConsoleOnStandardError.SETTING, havingValue = "stderr")
public class ConsoleOnStandardError {

	/** The setting a command's session sets ({@code stderr}). */
	public static final String SETTING = "cardops.logging.console";

	/**
	 * Points the console appender of the logging in use, when it is Logback's, at
	 * standard error.
	 */
	public ConsoleOnStandardError() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
			Appender<ILoggingEvent> console = logging.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
			if (console instanceof ConsoleAppender<ILoggingEvent> appender
					&& !"System.err".equals(appender.getTarget())) {
				appender.stop();
				appender.setTarget("System.err");
				appender.start();
			}
		}
	}

}
