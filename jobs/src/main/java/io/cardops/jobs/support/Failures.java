package io.cardops.jobs.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.origin.Origin;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.util.unit.DataSize;

/**
 * Says in a sentence what stopped a command or a run. A failure cardops raised itself
 * (its own code threw it, with a message for the operator) keeps its precise message; any
 * other (a driver's, the JDK's: "Is a directory", "long overflow", "Connection is
 * closed") becomes a sentence naming its kind, the job and step, and the log that keeps
 * its stack trace, because its own text names no file, line or setting to fix.
 */
public final class Failures {

	/** The log of unexpected failures when {@code cardops.error-log} is not set. */
	public static final String DEFAULT_LOG = "data/cardops-errors.log";

	/**
	 * What opens a remote partition's exit description when its worker wrote it
	 * (PartitionWorker): the sentence the worker printed follows, for the manager to say
	 * (JobRunListener).
	 */
	public static final String WORKER_REASON = "cardops worker: ";

	private static final String OUR_CODE = "io.cardops.";

	private Failures() {
	}

	/**
	 * The innermost cause of a failure.
	 * @param failure the failure
	 * @return its root cause, or itself
	 */
	public static Throwable root(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/**
	 * Whether cardops raised the failure itself with a message meant for the operator.
	 * @param failure the failure
	 * @return true when its root cause was thrown by cardops code with a message
	 */
	public static boolean known(Throwable failure) {
		Throwable root = root(failure);
		if (setting(failure) != null || cause(failure, ExplainedFailure.class) != null) {
			return true;
		}
		if (root instanceof FlywayException && root.getMessage() != null) {
			// Flyway's report of a schema it cannot migrate (a failed or edited
			// migration, a schema newer than the jar) is the message operations act on.
			return true;
		}
		return !(root instanceof Error) && ours(root);
	}

	/**
	 * The message of a failure cardops knows ({@link #known}): its own text, or for a
	 * setting that could not be read, which setting, where it was set and what it must
	 * be.
	 * @param failure a known failure
	 * @return the message, on one line
	 */
	public static String message(Throwable failure) {
		ExplainedFailure explained = cause(failure, ExplainedFailure.class);
		if (explained != null) {
			return explained.getMessage().replace('\n', ' ');
		}
		Throwable root = root(failure);
		String setting = ours(root) ? null : setting(failure);
		return ((setting != null) ? setting : String.valueOf(root.getMessage())).replace('\n', ' ');
	}

	/**
	 * What is wrong with a setting Spring could not turn into what it configures ("abc"
	 * for a number of partitions, "2 hours" for a duration), or null when the failure is
	 * not that. The value is shown only for the kinds of setting that are never secret.
	 * @param failure the failure
	 * @return the sentence, or null
	 */
	static String setting(Throwable failure) {
		BindException bind = cause(failure, BindException.class);
		if (bind == null || bind.getName() == null || ours(root(failure))) {
			return null;
		}
		// The conversion that failed names the type and value of the one item that could
		// not be read (an element of a list: one of the chain's steps).
		ConversionFailedException conversion = cause(failure, ConversionFailedException.class);
		Class<?> type = (conversion != null) ? conversion.getTargetType().getType()
				: (bind.getTarget() != null) ? bind.getTarget().getType().resolve() : null;
		String expected = expected(type);
		if (expected == null) {
			return null;
		}
		Origin origin = (bind.getProperty() != null) ? bind.getProperty().getOrigin() : bind.getOrigin();
		Object value = (conversion != null) ? conversion.getValue()
				: (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
		boolean shown = value != null && type != URI.class && value.toString().length() <= 40
				&& value.toString().chars().allMatch((c) -> c >= ' ' && c != 127);
		return "the setting " + bind.getName() + ((origin != null) ? " (" + origin + ")" : "") + " must be " + expected
				+ (shown ? ", not '" + value + "'" : "");
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return null;
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s, 15m or 2h";
		}
		if (type == DataSize.class) {
			return "a size such as 512KB or 64MB";
		}
		if (type == URI.class) {
			return "a URI such as amqp://user:password@host:5672";
		}
		if (type == BigDecimal.class) {
			return "a number";
		}
		if (type == ZoneId.class) {
			return "a time zone such as Asia/Shanghai";
		}
		if (type.isEnum()) {
			// As the guides write them: one word in lower case (local), several as named.
			List<String> names = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.toList();
			boolean words = names.stream().noneMatch((name) -> name.contains("_"));
			return "one of " + names.stream()
				.map((name) -> words ? name.toLowerCase(Locale.ROOT) : name)
				.collect(Collectors.joining(", "));
		}
		return null;
	}

	private static boolean ours(Throwable root) {
		StackTraceElement[] trace = root.getStackTrace();
		return root.getMessage() != null && trace.length > 0 && trace[0].getClassName().startsWith(OUR_CODE);
	}

	/**
	 * The message an operator sees for a failure.
	 * @param failure the failure
	 * @param what what it stopped, for example {@code reconcile in loadLedgerStep}
	 * @param log where the stack trace was written, or null when it could not be
	 * @return the failure's own message when cardops raised it, otherwise a sentence
	 */
	public static String describe(Throwable failure, String what, Path log) {
		Throwable root = root(failure);
		if (root instanceof OutOfMemoryError) {
			// "Java heap space" alone does not tell operations what to do about it.
			return "out of memory: run it again with a larger heap, CARDOPS_JAVA_OPTS=-Xmx2g";
		}
		if (known(failure)) {
			return message(failure);
		}
		String where = context(failure, root);
		return "an unexpected error (" + kind(failure) + ") stopped " + what
				+ ((where != null) ? " (" + where + ")" : "") + "; the run can be restarted with the same command; "
				+ ((log != null) ? "the details are in the log (" + log.toAbsolutePath().normalize() + ")"
						: "the details could not be written to a log");
	}

	/**
	 * A failure in words, its stack trace written to the log first when it is an
	 * unexpected one.
	 * @param failure the failure
	 * @param what what it stopped, for example {@code nightly-chain in card-events}
	 * @param log the log of unexpected failures
	 * @return cardops's own message, or a sentence pointing at the log
	 */
	public static String explain(Throwable failure, String what, Path log) {
		return describe(failure, what, known(failure) ? null : log(log, what, failure));
	}

	/**
	 * What kind of unexpected failure it is, in words an operator can act on.
	 * @param failure the failure
	 * @return the kind
	 */
	public static String kind(Throwable failure) {
		Throwable root = root(failure);
		if (connectionLost(failure)) {
			return "database connection lost: check that the database named by --db (or CARDOPS_DB_URL) is up";
		}
		if (cause(failure, DataIntegrityViolationException.class) != null || sqlState(failure, "23")) {
			return "the database refused a row as a duplicate or out of its column's range";
		}
		if (root instanceof ArithmeticException) {
			return "a number too large to compute";
		}
		if (root instanceof AccessDeniedException denied) {
			return "permission denied on " + denied.getFile();
		}
		if (root instanceof FileAlreadyExistsException existing) {
			// Most often a file where a date's folder of the outbox goes, where "already
			// exists" alone would point the operator the wrong way.
			return (existing.getFile() != null && Files.isRegularFile(Path.of(existing.getFile())))
					? existing.getFile() + " is a file where a folder is needed: move it away"
					: existing.getFile() + " already exists";
		}
		if (root instanceof NotDirectoryException notFolder) {
			return notFolder.getFile() + " is not a folder";
		}
		if (root instanceof NoSuchFileException missing) {
			return missing.getFile() + " does not exist";
		}
		if (root instanceof FileSystemException refused && refused.getFile() != null) {
			return "the file system refused " + refused.getFile()
					+ ((refused.getReason() != null) ? " (" + refused.getReason().toLowerCase() + ")" : "");
		}
		if (root instanceof IOException || root instanceof UncheckedIOException) {
			return "an input or output error";
		}
		if (cause(failure, SQLException.class) != null) {
			return "a database error";
		}
		return "an internal error";
	}

	/**
	 * Appends a failure's stack trace to the log.
	 * @param log the log file
	 * @param what what it stopped
	 * @param failure the failure
	 * @return the log, or null when it cannot be written
	 */
	public static Path log(Path log, String what, Throwable failure) {
		StringWriter trace = new StringWriter();
		try (PrintWriter writer = new PrintWriter(trace)) {
			writer.println(OffsetDateTime.now() + " " + what + ":");
			failure.printStackTrace(writer);
		}
		try {
			if (log.getParent() != null) {
				Files.createDirectories(log.getParent());
			}
			Files.writeString(log, trace.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			return log;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Why the database could not be reached, in the driver's words: the innermost SQL
	 * failure's message (the driver's "Connection to host:5432 refused", not the pool's
	 * "Connection is not available, request timed out"), and the underlying cause when
	 * the message does not say it ("The connection attempt failed." says nothing of an
	 * unknown host).
	 * @param failure the failure
	 * @return the reason, on one line
	 */
	public static String databaseReason(Throwable failure) {
		SQLException refusal = null;
		Throwable root = failure;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql) {
				refusal = sql;
			}
			root = cause;
		}
		String reason = (refusal != null && refusal.getMessage() != null) ? refusal.getMessage() : root.toString();
		if (root != refusal && root.getMessage() != null && !reason.contains(root.getMessage())) {
			reason += " (" + root + ")";
		}
		return reason.replace('\n', ' ').replace('\r', ' ');
	}

	/**
	 * Whether the failure is the database connection breaking (the server stopped, the
	 * network cut): SQL state class 08, or the pool's or driver's closed connection.
	 * @param failure the failure
	 * @return true when the connection was lost
	 */
	public static boolean connectionLost(Throwable failure) {
		// 08: connection exceptions; 57P01-57P03: the server shutting down or ending the
		// session (a restart, pg_terminate_backend), which the driver reports as such.
		if (cause(failure, CannotGetJdbcConnectionException.class) != null
				|| cause(failure, SQLTransientConnectionException.class) != null || sqlState(failure, "08")
				|| sqlState(failure, "57P01") || sqlState(failure, "57P02") || sqlState(failure, "57P03")) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = cause.getMessage();
			if (cause instanceof SQLException && message != null
					&& (message.contains("onnection is closed") || message.contains("connection has been closed"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The message of the innermost failure cardops raised around the root cause, without
	 * the root's own text: the file and line it was reading, for instance.
	 */
	private static String context(Throwable failure, Throwable root) {
		String context = null;
		for (Throwable cause = failure; cause != null && cause != root; cause = cause.getCause()) {
			StackTraceElement[] trace = cause.getStackTrace();
			if (cause.getMessage() != null && trace.length > 0 && trace[0].getClassName().startsWith(OUR_CODE)) {
				context = cause.getMessage();
			}
		}
		if (context == null) {
			return null;
		}
		// A wrapper that repeats the root's text after its own ("file: line 3: long
		// overflow") keeps its own part.
		if (root.getMessage() != null && context.endsWith(": " + root.getMessage())) {
			context = context.substring(0, context.length() - root.getMessage().length() - 2);
		}
		context = context.replace('\n', ' ').strip();
		return plain(context) ? context : null;
	}

	/**
	 * Whether a message is fit for an operator as it is: not empty, and naming no
	 * exception, class or SQL (a library's or driver's text that found its way into it).
	 * @param message the message
	 * @return true when it can be shown
	 */
	public static boolean plain(String message) {
		return !(message.isEmpty() || message.contains("Exception") || message.contains("java.")
				|| message.contains("org.") || message.contains("SQL"));
	}

	private static boolean sqlState(Throwable failure, String stateClass) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(stateClass)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first failure of a type in a failure's chain of causes.
	 * @param <T> the type
	 * @param failure the failure
	 * @param type the type
	 * @return the cause, or null
	 */
	public static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
