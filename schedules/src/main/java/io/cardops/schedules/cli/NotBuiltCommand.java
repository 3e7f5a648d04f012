package io.cardops.schedules.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * A command of cli.md that is not built yet: it says so and exits 2 instead of
 * pretending.
 */
@Command(mixinStandardHelpOptions = false)
final class NotBuiltCommand implements Callable<Integer> {

	private final Session session;

	private final String name;

	private final String displayName;

	@Unmatched
	private List<String> ignored;

	private NotBuiltCommand(Session session, String name, String displayName) {
		this.session = session;
		this.name = name;
		this.displayName = displayName;
	}

	static List<NotBuiltCommand> jobs(Session session) {
		return List.of("settle").stream().map((job) -> new NotBuiltCommand(session, job, "run " + job)).toList();
	}

	String name() {
		return this.name;
	}

	@Override
	public Integer call() {
		this.session.err().println("cardops " + this.displayName + ": not built yet in this version");
		return 2;
	}

}
