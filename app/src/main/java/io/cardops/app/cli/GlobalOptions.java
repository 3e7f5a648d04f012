package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options every command takes, before or after the command's own words: {@code --db},
 * {@code --inbox}, {@code --outbox}. They are taken out of the arguments before picocli
 * parses the command, so their position never matters.
 */
public final class GlobalOptions {

	/**
	 * The embedded default database: H2 in PostgreSQL mode, a file under {@code data/}.
	 */
	public static final String EMBEDDED_URL = "jdbc:h2:file:./data/cardops;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";

	/** The databases cardops runs on, by the start of their JDBC URLs. */
	private static final List<String> SUPPORTED = List.of("jdbc:postgresql:", "jdbc:h2:");

	private String db;

	private String dbSource = "--db";

	private Path inbox;

	private Path outbox;

	private final List<String> remaining = new ArrayList<>();

	private GlobalOptions() {
	}

	/**
	 * Takes the global options out of a command line.
	 * @param args the command line
	 * @param environment the process environment (for {@code CARDOPS_DB_URL})
	 * @return the options and the remaining arguments
	 * @throws UsageException when an option lacks its value or is given twice
	 */
	public static GlobalOptions extract(String[] args, Map<String, String> environment) {
		GlobalOptions options = new GlobalOptions();
		Set<String> given = new HashSet<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if ("--".equals(arg)) {
				for (int j = i; j < args.length; j++) {
					options.remaining.add(args[j]);
				}
				break;
			}
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			if (!List.of("--db", "--inbox", "--outbox").contains(name)) {
				options.remaining.add(arg);
				continue;
			}
			String value;
			if (arg.contains("=")) {
				value = arg.substring(arg.indexOf('=') + 1);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new UsageException("option " + name + " needs a value");
			}
			if (value.isBlank()) {
				throw new UsageException("option " + name + " needs a value");
			}
			if (!given.add(name)) {
				// Taking the last of two databases or folders silently could run a job
				// against the wrong one.
				throw new UsageException("option " + name + " is given more than once");
			}
			switch (name) {
				case "--db" -> options.db = value;
				case "--inbox" -> options.inbox = Path.of(value);
				default -> options.outbox = Path.of(value);
			}
		}
		// A file where the outbox should be would fail a run only once its work is done
		// and committed, when it publishes: refused before anything runs.
		if (options.outbox != null && Files.exists(options.outbox) && !Files.isDirectory(options.outbox)) {
			throw new UsageException("--outbox " + options.outbox + " is not a folder");
		}
		// Likewise a file named as the inbox: the command's mistake, not a failed night
		// in the runs, the alerts and the board (an inbox not made yet is a night's
		// failure, as the partners' files it waits for are).
		if (options.inbox != null && Files.exists(options.inbox) && !Files.isDirectory(options.inbox)) {
			throw new UsageException(
					"the inbox folder " + options.inbox.toAbsolutePath().normalize() + " is not a folder");
		}
		if (options.db == null) {
			String fromEnvironment = environment.get("CARDOPS_DB_URL");
			if (fromEnvironment != null && !fromEnvironment.isBlank()) {
				options.db = fromEnvironment;
				options.dbSource = "CARDOPS_DB_URL";
			}
			else {
				options.db = EMBEDDED_URL;
			}
		}
		return options;
	}

	/**
	 * The JDBC URL.
	 * @return the database URL
	 */
	public String db() {
		return this.db;
	}

	/**
	 * Checks that the database URL is a JDBC URL of a database cardops runs on, so that a
	 * mistyped one is wrong usage rather than a failure deep in the framework's start.
	 * @throws UsageException when it is not
	 */
	public void checkDb() {
		if (!this.db.startsWith("jdbc:")) {
			throw new UsageException(this.dbSource + " " + withoutPassword(this.db)
					+ " is not a JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE, or jdbc:h2:... for an embedded"
					+ " database)");
		}
		if (SUPPORTED.stream().noneMatch(this.db::startsWith)) {
			throw new UsageException(this.dbSource + " " + withoutPassword(this.db)
					+ " names a database cardops does not run on (PostgreSQL: jdbc:postgresql:..., H2: jdbc:h2:...)");
		}
		// The driver takes jdbc:postgresql: and jdbc:postgresql:NAME for a database of
		// the
		// local server, the first one named after the system user: cardops would create
		// its tables in whichever database that is.
		if (this.db.startsWith("jdbc:postgresql:") && !this.db.matches("(?s)jdbc:postgresql://[^/?]+/[^/?]+.*")) {
			throw new UsageException(this.dbSource + " " + withoutPassword(this.db)
					+ " names no host and database: write jdbc:postgresql://HOST[:PORT]/DATABASE");
		}
	}

	/**
	 * A database URL fit to print: any password it carries is masked.
	 * @param url the URL
	 * @return the URL with {@code ***} for its password
	 */
	/**
	 * A driver's reason with any {@code user:password@} it repeats from the URL (an
	 * unknown host named {@code user:pass@127.0.0.1}) as {@code ***@}.
	 * @param reason the reason
	 * @return the reason without them
	 */
	static String withoutUserInfo(String reason) {
		return reason.replaceAll("[^\\s/:@()]+:[^\\s/@()]*@", "***@");
	}

	static String withoutPassword(String url) {
		return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@?;]*:)[^/@?;]*@", "$1***@");
	}

	/**
	 * Whether the database is the embedded H2 default (or another H2 database).
	 * @return true for H2
	 */
	public boolean embedded() {
		return this.db.startsWith("jdbc:h2:");
	}

	/**
	 * The folder an H2 file database lives in ({@code jdbc:h2:file:PATH} or
	 * {@code jdbc:h2:PATH}), so that a folder that cannot be made is reported before H2
	 * prints its own stack trace for the trace file it cannot write there.
	 * @return the folder, or null for PostgreSQL and for H2 in memory or over a network
	 */
	public Path embeddedFolder() {
		if (!embedded()) {
			return null;
		}
		String location = this.db.substring("jdbc:h2:".length());
		int settings = location.indexOf(';');
		if (settings >= 0) {
			location = location.substring(0, settings);
		}
		if (location.startsWith("file:")) {
			location = location.substring("file:".length());
		}
		else if (location.matches("[a-zA-Z]{2,}:.*")) {
			// mem:, tcp:, ssl:, zip:, nio: and the like: not a plain file.
			return null;
		}
		if (location.startsWith("~")) {
			location = System.getProperty("user.home") + location.substring(1);
		}
		try {
			return Path.of(location).toAbsolutePath().getParent();
		}
		catch (InvalidPathException ex) {
			// H2 names what is wrong with it.
			return null;
		}
	}

	/**
	 * The inbox folder, if given.
	 * @return the folder or null for the default
	 */
	public Path inbox() {
		return this.inbox;
	}

	/**
	 * The outbox folder, if given.
	 * @return the folder or null for the default
	 */
	public Path outbox() {
		return this.outbox;
	}

	/**
	 * The arguments left for the command.
	 * @return the arguments
	 */
	public String[] remaining() {
		return this.remaining.toArray(String[]::new);
	}

	/**
	 * The command line is wrong (exit 2).
	 */
	public static class UsageException extends RuntimeException {

		/**
		 * Creates the exception.
		 * @param message what is wrong
		 */
		public UsageException(String message) {
			super(message);
		}

	}

}
