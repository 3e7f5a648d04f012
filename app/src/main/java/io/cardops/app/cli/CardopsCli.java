package io.cardops.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TimeZone;

import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.support.Failures;

import io.cardops.jobs.support.JobRunner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Builds the command tree and runs one command, mapping every failure to cli.md's exit
 * codes.
 */
@Command(name = "cardops", mixinStandardHelpOptions = true, version = "cardops 0.1.0",
		description = "Back office batch jobs of the student transit-card programme.",
		footer = { "", "--db, --inbox and --outbox go before or after the command's own words.", "",
				"Exit codes: 0 completed or no-op, 1 failed (restartable), 2 wrong usage, 3 input rejected or held." })
public final class CardopsCli implements Runnable {

	@Spec
	private CommandSpec spec;

	// The global options, declared here only so that every command's help lists them:
	// GlobalOptions takes them out of the arguments before picocli parses the rest.

	@Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT,
			description = "JDBC URL (also CARDOPS_DB_URL); default: the embedded H2 file under data/")
	private String db;

	@Option(names = "--inbox", paramLabel = "DIR", scope = ScopeType.INHERIT,
			description = "where partners' files arrive (default data/inbox; for demo, sample-data/inbox)")
	private String inbox;

	@Option(names = "--outbox", paramLabel = "DIR", scope = ScopeType.INHERIT,
			description = "where published files go (default data/outbox)")
	private String outbox;

	/**
	 * Runs one command line.
	 * @param args the arguments
	 * @param out standard output (results, the summary line)
	 * @param err standard error (errors and warnings)
	 * @return the exit code
	 */
	public static int execute(String[] args, PrintStream out, PrintStream err) {
		return execute(args, out, err, System.getenv());
	}

	/**
	 * Runs one command line with a given environment.
	 * @param args the arguments
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment variables
	 * @return the exit code
	 */
	public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
		TerminalProgress progress = TerminalProgress.of(out, err, environment);
		if (progress.enabled() && out == System.out && err == System.err) {
			// What the framework prints itself (a warning logged) clears the line too.
			System.setOut(progress.out());
			System.setErr(progress.err());
		}
		try (progress) {
			return execute(args, progress.out(), progress.err(), environment, progress);
		}
	}

	/**
	 * Runs one command line with the streams of its progress line, which clear the line
	 * before they print.
	 */
	private static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
			TerminalProgress progress) {
		// Business dates and the job repository's timestamps are Asia/Shanghai, whatever
		// the host says.
		TimeZone.setDefault(TimeZone.getTimeZone(AcademicCalendar.ZONE));
		GlobalOptions options;
		try {
			options = GlobalOptions.extract(args, environment);
		}
		catch (GlobalOptions.UsageException ex) {
			err.println("cardops: " + printable(ex.getMessage()));
			return 2;
		}
		Session session = new Session(options, environment, progress);
		CommandLine commandLine = commandTree(session);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			if (ex instanceof GlobalOptions.UsageException) {
				err.println("cardops: " + printable(ex.getMessage()));
				return 2;
			}
			if (ex instanceof JobRunner.RunRefusedException) {
				// Nothing ran: the message says which run is in the way and what to do.
				err.println("cardops: " + printable(ex.getMessage()));
				return 1;
			}
			if (ex instanceof Session.DatabaseUnavailableException) {
				err.println("cardops: " + printable(ex.getMessage()));
				return 1;
			}
			err.println("cardops: " + printable(failed(ex, line.getCommandName(), Session.errorLog(environment))));
			return 1;
		});
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			// As picocli's own handler, but the argument it quotes is printable.
			CommandLine refusing = ex.getCommandLine();
			refusing.getErr().println(printable(ex.getMessage()));
			if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, refusing.getErr())) {
				refusing.usage(refusing.getErr());
			}
			return refusing.getCommandSpec().exitCodeOnInvalidInput();
		});
		return commandLine.execute(options.remaining());
	}

	/**
	 * A message as a terminal shows it: a control character it quotes from an argument
	 * (an escape sequence would clear the screen or colour what follows) as {@code ?}.
	 * @param message the message
	 * @return the message, its line breaks and tabs kept
	 */
	static String printable(String message) {
		if (message == null) {
			return null;
		}
		StringBuilder shown = new StringBuilder(message.length());
		message.codePoints()
			.forEach((c) -> shown.appendCodePoint((Character.isISOControl(c) && c != '\n' && c != '\t') ? '?' : c));
		return shown.toString();
	}

	/**
	 * The tree of commands, their options and parameters (the documentation's commands
	 * are checked against it).
	 * @param session the invocation the commands run in
	 * @return the root command line, not yet executed
	 */
	static CommandLine commandTree(Session session) {
		CommandLine commandLine = new CommandLine(new CardopsCli());
		commandLine.addSubcommand(new DemoCommand(session));
		commandLine.addSubcommand(new ReferenceCommand(session));
		commandLine.addSubcommand(RunCommand.create(session));
		commandLine.addSubcommand(new RunsCommand(session));
		commandLine.addSubcommand(new BenchmarkCommand(session));
		commandLine.addSubcommand(new TraceCommand(session));
		commandLine.addSubcommand(new GenerateCommand(session));
		commandLine.addSubcommand(new ServeCommand(session));
		commandLine.addSubcommand(new WorkerCommand(session));
		commandLine.addSubcommand(SchedulesCommand.create(session));
		commandLine.addSubcommand(IdKeyCommand.create(session));
		commandLine.addSubcommand(UsersCommand.create(session));
		commandLine.addSubcommand(ExceptionsCommand.create(session));
		return commandLine;
	}

	/**
	 * What a command that failed prints: cardops's own message, or for an unexpected
	 * failure a sentence naming its kind and the log its stack trace was written to (a
	 * user never sees a stack trace or a driver's text).
	 * @param failure the failure
	 * @param command the command's name
	 * @param errorLog the log of unexpected failures
	 * @return the line, without the {@code cardops: } prefix
	 */
	static String failed(Throwable failure, String command, Path errorLog) {
		String settingsFile = settingsFile(failure);
		if (settingsFile != null) {
			return "failed: " + settingsFile;
		}
		if (Failures.known(failure)) {
			return "failed: " + Failures.message(failure);
		}
		return Failures.explain(failure, command, errorLog);
	}

	/**
	 * A settings file that cannot be read (SPRING_CONFIG_ADDITIONAL_LOCATION, as the
	 * systemd unit of operations.md sets it): what to fix, naming the file, or null.
	 */
	private static String settingsFile(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConfigDataResourceNotFoundException missing) {
				return "the settings file "
						+ ((missing.getLocation() != null) ? missing.getLocation() : missing.getResource())
						+ " does not exist: correct"
						+ " SPRING_CONFIG_ADDITIONAL_LOCATION (or spring.config.additional-location), or prefix it"
						+ " with optional:";
			}
			String message = cause.getMessage();
			if (cause instanceof IllegalStateException && message != null
					&& (message.startsWith("Unable to load config data from") || readingSettings(cause))) {
				Throwable reason = (cause.getCause() != null) ? cause.getCause() : cause;
				String location = System.getenv("SPRING_CONFIG_ADDITIONAL_LOCATION");
				return "a settings file cannot be read"
						+ ((location != null) ? " (SPRING_CONFIG_ADDITIONAL_LOCATION=" + location + ")" : "") + ": "
						+ ((reason.getMessage() != null) ? reason.getMessage() : reason.getClass().getSimpleName())
						+ "; it must be a .properties or .yaml file (a folder's name ends in /)";
			}
		}
		return null;
	}

	/** Whether a failure was thrown while the settings files were read. */
	private static boolean readingSettings(Throwable failure) {
		StackTraceElement[] trace = failure.getStackTrace();
		return trace.length > 0 && (trace[0].getClassName().startsWith("org.springframework.boot.env.")
				|| trace[0].getClassName().startsWith("org.springframework.boot.context.config."));
	}

	static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a command is required");
	}

}
