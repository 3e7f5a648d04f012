package io.cardops.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.jobs.identity.IdentityKeys;
import io.cardops.jobs.identity.KeyMismatchException;
import io.cardops.jobs.support.Failures;
import io.cardops.jobs.support.IdentityHasher;
import io.cardops.app.CardopsApplication;
import io.cardops.app.lean.SchemaCheck;
import io.cardops.app.logging.ConsoleOnStandardError;

/**
 * What one invocation of the command line works with: the global options, the output
 * streams, the environment, and the Spring context it opens when a command needs the
 * database.
 */
public final class Session {

	/**
	 * The log levels of a command: the command line prints each step's result itself; the
	 * runner's log would only repeat it. A start that fails is reported on standard error
	 * in a line or two (CardopsCli): the framework's report of it, a stack trace on
	 * standard output where the results go, stays off. What the framework still logs (a
	 * driver's warning that a connection broke) goes to standard error without its stack
	 * trace: cardops says what failed in one line and writes the trace to the error log.
	 */
	private static final Map<String, Object> COMMAND_LOGGING = Map.of("logging.level.io.cardops.schedules.schedule",
			"OFF", "logging.level.org.springframework.boot.SpringApplication", "OFF",
			"logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
			"logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "OFF",
			// the broker client's and the pool's own words on a refused login or a
			// connection the server ended: cardops's line says it, or the pool recovers
			"logging.level.com.rabbitmq.client.impl.ForgivingExceptionHandler", "OFF",
			// a worker's lost broker, every five seconds: the worker says it once
			// (RabbitPartitions.watch)
			"logging.level.org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer", "ERROR",
			"logging.level.com.zaxxer.hikari.pool.PoolBase", "ERROR", ConsoleOnStandardError.SETTING, "stderr",
			"logging.exception-conversion-word", "%nopex");

	/**
	 * The log levels of {@code serve}, whose console is its log: cardops's own at INFO. A
	 * start that fails is reported in cardops's own line, as for every command (with the
	 * stack trace of an unforeseen failure in the error log); the framework's reports of
	 * it (the cancelled refresh with its chain of causes, the failure analysis, the stack
	 * trace) stay off: they repeat what that line says, and a setting's value with it, a
	 * broker address with its password included.
	 */
	private static final Map<String, Object> SERVE_LOGGING = Map.of("logging.level.io.cardops", "INFO",
			"logging.level.org.springframework.boot.SpringApplication", "OFF",
			"logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
			"logging.level.org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext",
			"OFF");

	/** Opening the embedded database while another process opens it: tries at most. */
	private static final int OPEN_ATTEMPTS = 5;

	private final GlobalOptions options;

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final TerminalProgress progress;

	Session(GlobalOptions options, PrintStream out, PrintStream err, Map<String, String> environment) {
		this(options, environment, TerminalProgress.off(out, err));
	}

	Session(GlobalOptions options, Map<String, String> environment, TerminalProgress progress) {
		this.options = options;
		this.out = progress.out();
		this.err = progress.err();
		this.environment = environment;
		this.progress = progress;
	}

	PrintStream out() {
		return this.out;
	}

	PrintStream err() {
		return this.err;
	}

	GlobalOptions options() {
		return this.options;
	}

	/**
	 * An environment variable of this invocation.
	 * @param name its name
	 * @return its value, or null when it is not set
	 */
	String variable(String name) {
		return this.environment.get(name);
	}

	/**
	 * The progress line on a terminal (showing nothing elsewhere).
	 * @return the progress line
	 */
	TerminalProgress progress() {
		return this.progress;
	}

	/**
	 * The folder the application was installed in (the repository root when run through
	 * {@code ./cardops}).
	 * @return the home folder
	 */
	Path home() {
		return Path.of(System.getProperty("cardops.home", "."));
	}

	/**
	 * Opens the application on the chosen database (migrating its schema).
	 * @return the running context; close it when done
	 * @throws GlobalOptions.UsageException when the database URL is not one cardops runs
	 * on, or PostgreSQL is chosen without an identity-number key
	 * @throws DatabaseUnavailableException when the database cannot be opened
	 */
	ConfigurableApplicationContext open() {
		return open(null);
	}

	/**
	 * Opens the application with an inbox of the caller's choosing (the demo reads the
	 * sample inbox).
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext open(Path inbox) {
		return checkKey(openWithoutKeyCheck(inbox));
	}

	/**
	 * Opens the application with an inbox and settings of the command's own (a
	 * benchmark's outbox).
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @param settings the settings; {@code --outbox} still overrides the outbox
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext open(Path inbox, Map<String, Object> settings) {
		return checkKey(open(CardopsApplication.class, inbox, WebApplicationType.NONE, settings, COMMAND_LOGGING));
	}

	/**
	 * Opens the application with settings of the command's own
	 * ({@code cardops.partitions.mode} from {@code --partitions}).
	 * @param settings the settings, over every other source
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext openWith(Map<String, Object> settings) {
		return checkKey(open(CardopsApplication.class, null, WebApplicationType.NONE, settings, COMMAND_LOGGING));
	}

	/**
	 * Whether the database is the embedded one (H2), which only this machine's processes
	 * reach.
	 * @return true for H2
	 */
	boolean embedded() {
		return this.options.db().startsWith("jdbc:h2:");
	}

	/**
	 * Opens the application without comparing {@code CARDOPS_ID_KEY} with the database's
	 * key: for {@code cardops id-key}, which shows and changes that key itself.
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext openWithoutKeyCheck(Path inbox) {
		return open(CardopsApplication.class, inbox, WebApplicationType.NONE, Map.of(), COMMAND_LOGGING);
	}

	/**
	 * Opens a lean application for a command that runs no job ({@code runs},
	 * {@code trace}, {@code schedules}): only the beans {@code application} imports, and
	 * no Flyway when the schema is already current (SchemaCheck). On a database whose
	 * schema is not current (empty, or older than the jar) it opens the full application
	 * instead, which migrates it, or reports why it cannot, as every command does. Either
	 * way {@code CARDOPS_ID_KEY} is checked against the database's key.
	 * @param application the lean application class (from {@code io.cardops.app.lean})
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext openLean(Class<?> application) {
		Map<String, Object> properties = properties(null, Map.of());
		// Spring Boot warms up Jackson, validation and formatting on a background thread
		// and waits for it before the context is ready: a lean command uses none of them,
		// and on a busy machine the thread takes a core from the start itself.
		System.setProperty("spring.backgroundpreinitializer.ignore", "true");
		ConfigurableApplicationContext lean = start(application, WebApplicationType.NONE, properties, COMMAND_LOGGING);
		boolean current;
		try {
			current = new SchemaCheck(lean.getBean(JdbcClient.class), lean.getEnvironment()).isCurrent();
		}
		catch (RuntimeException ex) {
			lean.close();
			throw unavailable(ex);
		}
		if (current) {
			return checkKey(lean);
		}
		lean.close();
		return checkKey(start(CardopsApplication.class, WebApplicationType.NONE, properties, COMMAND_LOGGING));
	}

	/**
	 * Opens the application as a long-running node: with its HTTP server, and its
	 * scheduler (not started yet: start it once the schedules are registered).
	 * @param port the HTTP port, or null for {@code server.port} (default 8080)
	 * @return the running context; it closes on SIGTERM or Ctrl-C
	 */
	ConfigurableApplicationContext openServer(Integer port) {
		Map<String, Object> serve = new HashMap<>();
		if (port != null) {
			serve.put("server.port", port);
		}
		// A stop (systemctl stop, Ctrl-C) lets the running job finish; one killed anyway
		// is
		// restarted by the next run.
		serve.put("spring.quartz.wait-for-jobs-to-complete-on-shutdown", true);
		return checkKey(open(CardopsApplication.class, null, WebApplicationType.SERVLET, serve, SERVE_LOGGING));
	}

	/**
	 * Refuses a {@code CARDOPS_ID_KEY} other than the key the database's identity hashes
	 * were made with, before the command (or a node's scheduler) does anything.
	 * @param context the opened application
	 * @return the context
	 * @throws GlobalOptions.UsageException when the key is another (the context is
	 * closed)
	 */
	static ConfigurableApplicationContext checkKey(ConfigurableApplicationContext context) {
		try {
			// Only the database and the hasher: any application that opens the database
			// has them.
			IdentityKeys.verify(context.getBean(JdbcClient.class), context.getBean(IdentityHasher.class));
			return context;
		}
		catch (KeyMismatchException ex) {
			context.close();
			throw new GlobalOptions.UsageException(ex.getMessage());
		}
	}

	/**
	 * Where the stack traces of unexpected failures go: {@code CARDOPS_ERROR_LOG}, else
	 * {@code -Dcardops.error-log}, else {@value Failures#DEFAULT_LOG} beside the embedded
	 * database.
	 * @param environment the environment variables
	 * @return the log file
	 */
	static Path errorLog(Map<String, String> environment) {
		String log = environment.get("CARDOPS_ERROR_LOG");
		if (log == null || log.isBlank()) {
			log = System.getProperty("cardops.error-log", Failures.DEFAULT_LOG);
		}
		return Path.of(log);
	}

	/**
	 * Opens an application.
	 * @param application the application class
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @param type whether it serves HTTP
	 * @param extra settings that override the configuration files
	 * @param logging log levels: defaults, because logging starts before the other
	 * settings are added (configuration files and {@code -D} still override them)
	 * @return the running context
	 * @throws GlobalOptions.UsageException when the database URL is not one cardops runs
	 * on, or PostgreSQL is chosen without an identity-number key
	 * @throws DatabaseUnavailableException when the database cannot be opened
	 */
	private ConfigurableApplicationContext open(Class<?> application, Path inbox, WebApplicationType type,
			Map<String, Object> extra, Map<String, Object> logging) {
		return start(application, type, properties(inbox, extra), logging);
	}

	/**
	 * The settings of the command line: the database and its credentials, the key, the
	 * folders. Checks them first.
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @param extra settings that override the configuration files
	 * @return the settings
	 * @throws GlobalOptions.UsageException when the database URL is not one cardops runs
	 * on, or PostgreSQL is chosen without an identity-number key
	 * @throws DatabaseUnavailableException when the embedded database's folder cannot be
	 * made
	 */
	private Map<String, Object> properties(Path inbox, Map<String, Object> extra) {
		this.options.checkDb();
		Map<String, Object> properties = new HashMap<>(extra);
		properties.put("spring.datasource.url", this.options.db());
		properties.put("cardops.error-log", errorLog(this.environment).toString());
		String key = this.environment.getOrDefault("CARDOPS_ID_KEY", System.getProperty("cardops.id-key"));
		if (key != null && !key.isBlank()) {
			properties.put("cardops.id-key", key);
		}
		if (this.options.embedded()) {
			createEmbeddedFolder();
			properties.put("spring.datasource.username", "sa");
			properties.put("spring.datasource.password", "");
			if (key == null || key.isBlank()) {
				this.err
					.println("warning: CARDOPS_ID_KEY is not set; identity numbers are hashed with the development key"
							+ " (allowed only for the embedded database)");
			}
		}
		else {
			if (key == null || key.isBlank()) {
				throw new GlobalOptions.UsageException("CARDOPS_ID_KEY is not set: a PostgreSQL run needs the secret"
						+ " that keys the hash of identity numbers (export CARDOPS_ID_KEY=...)");
			}
			copy("CARDOPS_DB_USER", "spring.datasource.username", properties);
			copy("CARDOPS_DB_PASSWORD", "spring.datasource.password", properties);
		}
		Path chosenInbox = (inbox != null) ? inbox : this.options.inbox();
		if (chosenInbox != null) {
			properties.put("cardops.inbox", chosenInbox.toString());
		}
		if (this.options.outbox() != null) {
			properties.put("cardops.outbox", this.options.outbox().toString());
		}
		return properties;
	}

	/**
	 * Starts an application with the command line's settings.
	 * @param application the application class
	 * @param type whether it serves HTTP
	 * @param properties the settings (from {@link #properties})
	 * @param logging the default log levels
	 * @return the running context
	 * @throws DatabaseUnavailableException when the database cannot be opened
	 */
	/**
	 * The framework's report of a start that fails before the settings are read (a
	 * settings file that does not exist or cannot be read): off, as the logging settings
	 * keep it once they are read; cardops's own line names the file.
	 */
	private static void quietEarlyFailures() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
			logging.getLogger("org.springframework.boot.SpringApplication").setLevel(Level.OFF);
			logging.getLogger("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter")
				.setLevel(Level.OFF);
		}
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type,
			Map<String, Object> properties, Map<String, Object> logging) {
		SpringApplication spring = new SpringApplication(application);
		spring.setWebApplicationType(type);
		spring.setDefaultProperties(logging);
		spring.setLogStartupInfo(false);
		spring.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("cardops-command-line", properties)));
		quietEarlyFailures();
		for (int attempt = 1;; attempt++) {
			try {
				ConfigurableApplicationContext context = spring.run();
				if (type == WebApplicationType.NONE) {
					// The jobs a command runs show their progress on a terminal (a node's
					// console is its log).
					this.progress.follow(context);
				}
				return context;
			}
			catch (RuntimeException ex) {
				if (attempt >= OPEN_ATTEMPTS || !openingElsewhere(ex)) {
					throw unavailable(ex);
				}
				pause(Duration.ofSeconds(1));
			}
		}
	}

	/**
	 * Whether the embedded database file was being opened by another process at that very
	 * moment (H2 refuses while the other's lock file is fresh, then lets both in through
	 * its automatic server): worth a second try, not a failure of the command.
	 */
	private static boolean openingElsewhere(RuntimeException failure) {
		SQLException refusal = cause(failure, SQLException.class);
		return refusal != null && refusal.getMessage() != null
				&& refusal.getMessage().contains("Lock file recently modified");
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to open the database", ex);
		}
	}

	/**
	 * A failure to open the database as {@link DatabaseUnavailableException}; any other
	 * failure as it is.
	 */
	private RuntimeException unavailable(RuntimeException failure) {
		CannotGetJdbcConnectionException unreachable = cause(failure, CannotGetJdbcConnectionException.class);
		if (unreachable == null) {
			return failure;
		}
		return new DatabaseUnavailableException(
				"cannot open the database " + GlobalOptions.withoutPassword(this.options.db()) + ": "
						+ GlobalOptions.withoutUserInfo(Failures.databaseReason(unreachable)),
				failure);
	}

	private void createEmbeddedFolder() {
		Path folder = this.options.embeddedFolder();
		if (folder == null) {
			return;
		}
		try {
			Files.createDirectories(folder);
		}
		catch (IOException | RuntimeException ex) {
			throw new DatabaseUnavailableException(
					"cannot open the database " + GlobalOptions.withoutPassword(this.options.db()) + ": its folder "
							+ folder + " cannot be created (" + ex + ")",
					ex);
		}
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private void copy(String variable, String property, Map<String, Object> properties) {
		String value = this.environment.get(variable);
		if (value != null) {
			properties.put(property, value);
		}
	}

	/**
	 * The database could not be opened: it is down, unknown, or refused the login (exit
	 * 1: the same command works once it is reachable).
	 */
	static class DatabaseUnavailableException extends RuntimeException {

		DatabaseUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
