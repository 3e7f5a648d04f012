package io.cardops.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Account;
import io.cardops.portal.account.AccountRefusedException;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cardops users add|list|disable|enable|password|token|revoke}: the portal's
 * accounts (shared/spec/http.md, "Accounts"). A password or token is printed once and
 * kept only as a slow salted hash; every change is written to the audit log with the OS
 * user and host. A refused change (a name taken, an unknown name, a short password, a
 * wrong institution) exits 2 and changes nothing.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
		description = "Manages the portal's accounts: add, list, disable, enable, password, token, revoke.")
final class UsersCommand implements Runnable {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final String ROW = "%-24s %-10s %-11s %-8s %-16s %s%n";

	@Spec
	private CommandSpec spec;

	private UsersCommand() {
	}

	static CommandLine create(Session session) {
		CommandLine users = new CommandLine(new UsersCommand());
		users.addSubcommand(new Add(session));
		users.addSubcommand(new ListUsers(session));
		users.addSubcommand("disable",
				named(new Enable(session, false), "Stops an account signing in, with its password or its tokens."));
		users.addSubcommand("enable", named(new Enable(session, true), "Lets a disabled account sign in again."));
		users.addSubcommand(new Password(session));
		users.addSubcommand(new Token(session));
		users.addSubcommand(new Revoke(session));
		return users;
	}

	private static CommandLine named(Object command, String description) {
		CommandLine line = new CommandLine(command);
		line.getCommandSpec().usageMessage().description(description);
		return line;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(),
				"say add, list, disable, enable, password, token or revoke");
	}

	/**
	 * Runs a change on the accounts, a refusal as a usage error (exit 2).
	 */
	static <T> T change(Session session, Function<Accounts, T> change) {
		try (ConfigurableApplicationContext context = session.open()) {
			return change.apply(context.getBean(Accounts.class));
		}
		catch (AccountRefusedException ex) {
			throw new GlobalOptions.UsageException(ex.getMessage());
		}
	}

	/** The first line of standard input, for {@code --password-stdin}. */
	static String passwordFromStdin() {
		try {
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isEmpty()) {
				throw new GlobalOptions.UsageException("--password-stdin: standard input holds no password");
			}
			return line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(AcademicCalendar.ZONE).format(TIME) : "-";
	}

	/** {@code users add NAME --role R [--institution CODE] [--password-stdin]}. */
	@Command(name = "add", mixinStandardHelpOptions = true,
			description = "Creates an account and prints its generated password once (or reads one with --password-stdin).")
	static final class Add implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "the sign-in name")
		private String name;

		@Option(names = "--role", required = true, paramLabel = "ROLE", description = "OPS, FINANCE or UNIVERSITY")
		private Role role;

		@Option(names = "--institution", paramLabel = "CODE",
				description = "the INSTITUTION partner of a UNIVERSITY account (required for it, refused for others)")
		private String institution;

		@Option(names = "--password-stdin", description = "read the password from standard input's first line")
		private boolean passwordStdin;

		Add(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			String given = this.passwordStdin ? passwordFromStdin() : null;
			String password = change(this.session,
					(accounts) -> accounts.add(Actor.commandLine(), this.name, this.role, this.institution, given));
			this.session.out()
				.println("added " + this.name + " (" + this.role
						+ ((this.institution != null) ? " of " + this.institution : "") + ")");
			if (given == null) {
				showOnce(this.session, "password", password);
			}
			return 0;
		}

	}

	/** {@code users list}: never a secret. */
	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Lists the accounts: name, role, institution, enabled, locked until, last sign-in.")
	static final class ListUsers implements Callable<Integer> {

		private final Session session;

		ListUsers(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			List<Account> accounts = change(this.session, Accounts::list);
			this.session.out().printf(ROW, "name", "role", "institution", "enabled", "locked until", "last sign-in");
			for (Account account : accounts) {
				this.session.out()
					.printf(ROW, account.name(), account.role(),
							(account.institution() != null) ? account.institution() : "-",
							account.enabled() ? "yes" : "no", time(account.lockedUntil()),
							time(account.lastSignInAt()));
			}
			return 0;
		}

	}

	/** {@code users disable NAME} and {@code users enable NAME}. */
	@Command(mixinStandardHelpOptions = true)
	static final class Enable implements Callable<Integer> {

		private final Session session;

		private final boolean enable;

		@Parameters(index = "0", paramLabel = "NAME", description = "the account")
		private String name;

		Enable(Session session, boolean enable) {
			this.session = session;
			this.enable = enable;
		}

		@Override
		public Integer call() {
			change(this.session, (accounts) -> {
				if (this.enable) {
					accounts.enable(Actor.commandLine(), this.name);
				}
				else {
					accounts.disable(Actor.commandLine(), this.name);
				}
				return null;
			});
			this.session.out().println(this.name + ": " + (this.enable ? "enabled" : "disabled"));
			return 0;
		}

	}

	/** {@code users password NAME [--password-stdin]}. */
	@Command(name = "password", mixinStandardHelpOptions = true,
			description = "Sets a new password (generated and printed once, or read with --password-stdin); lifts a lock.")
	static final class Password implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "the account")
		private String name;

		@Option(names = "--password-stdin", description = "read the password from standard input's first line")
		private boolean passwordStdin;

		Password(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			String given = this.passwordStdin ? passwordFromStdin() : null;
			String password = change(this.session,
					(accounts) -> accounts.password(Actor.commandLine(), this.name, given));
			this.session.out().println(this.name + ": password changed");
			if (given == null) {
				showOnce(this.session, "password", password);
			}
			return 0;
		}

	}

	/** {@code users token NAME [--expires D]}. */
	@Command(name = "token", mixinStandardHelpOptions = true,
			description = "Issues a new API token for the account and prints it once.")
	static final class Token implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "the account")
		private String name;

		@Option(names = "--expires", paramLabel = "YYYY-MM-DD", description = "the last date the token works on")
		private String expires;

		Token(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			LocalDate expiresOn = null;
			if (this.expires != null) {
				try {
					expiresOn = LocalDate.parse(this.expires);
				}
				catch (DateTimeParseException ex) {
					throw new GlobalOptions.UsageException("--expires " + this.expires + " is not a YYYY-MM-DD date");
				}
			}
			LocalDate until = expiresOn;
			String token = change(this.session, (accounts) -> accounts.token(Actor.commandLine(), this.name, until));
			this.session.out()
				.println(this.name + ": new API token" + ((until != null) ? " (works until " + until + ")" : ""));
			showOnce(this.session, "token", token);
			return 0;
		}

	}

	/** {@code users revoke NAME}. */
	@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes every API token of the account.")
	static final class Revoke implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "NAME", description = "the account")
		private String name;

		Revoke(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			int revoked = change(this.session, (accounts) -> accounts.revoke(Actor.commandLine(), this.name));
			this.session.out().println(this.name + ": " + revoked + " token(s) revoked");
			return 0;
		}

	}

	/**
	 * Prints a secret the server does not keep: the one time it can be read.
	 * @param session the invocation
	 * @param what {@code password} or {@code token}
	 * @param secret the secret
	 */
	private static void showOnce(Session session, String what, String secret) {
		session.out().println(what + ": " + secret + "  (shown once; it is not kept)");
	}

}
