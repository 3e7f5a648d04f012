package io.cardops.app.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's start-up archive (docs/operations.md, "The start-up
 * archive"): runs the everyday commands once each, in this one process, so that a JVM
 * started with {@code -XX:ArchiveClassesAtExit} archives the classes they load.
 *
 * <p>
 * It works on a throwaway embedded database, inbox and outbox in the folder it is given,
 * with a key of its own, whatever the environment or the settings say: a training run
 * never touches the user's database. The first command finds that database empty and
 * opens the full application, which migrates it (so the archive holds the classes of the
 * job commands' start too); the next ones open the lean applications.
 */
public final class StartupArchiveTraining {

	private StartupArchiveTraining() {
	}

	/**
	 * Runs the training commands.
	 * @param args the folder to work in (created if missing; delete it afterwards)
	 */
	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: StartupArchiveTraining FOLDER");
			System.exit(2);
		}
		System.exit(train(Path.of(args[0]).toAbsolutePath()) ? 0 : 1);
	}

	/**
	 * Runs the training commands in a folder.
	 * @param folder the folder for the throwaway database, inbox and outbox
	 * @return true when every command ended as expected
	 */
	static boolean train(Path folder) {
		String db = GlobalOptions.EMBEDDED_URL.replace("./data/cardops", folder.resolve("cardops").toString());
		List<String> global = List.of("--db", db, "--inbox", folder.resolve("inbox").toString(), "--outbox",
				folder.resolve("outbox").toString());
		Map<String, String> environment = Map.of("CARDOPS_ID_KEY", "startup-archive-training");
		PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
		boolean expected = true;
		for (Training training : List.of(new Training(0, "--help"), new Training(0, "runs", "--limit", "1"),
				new Training(0, "runs", "--limit", "1"), new Training(3, "trace", "--card", "3104794600142892307"),
				new Training(0, "schedules"))) {
			List<String> line = new ArrayList<>(training.args());
			line.addAll(global);
			expected &= CardopsCli.execute(line.toArray(String[]::new), discard, discard, environment) == training
				.exitCode();
		}
		return expected;
	}

	/**
	 * A training command and the exit code it ends with on a database with nothing in it
	 * (trace knows no card there: 3).
	 */
	private record Training(int exitCode, List<String> args) {

		Training(int exitCode, String... args) {
			this(exitCode, List.of(args));
		}

	}

}
