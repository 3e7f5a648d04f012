package io.cardops.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.identity.IdentityKeys;
import io.cardops.jobs.identity.KeyGeneration;
import io.cardops.jobs.identity.KeyMismatchException;
import io.cardops.jobs.support.IdentityHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cardops id-key status|rotate}: shows the identity-number key the database's
 * hashes were made with (fingerprints only, never a key or a whole check value) and
 * replaces it with a new one. Both open the database without the start-up key check, so
 * that the status can say why a key is refused.
 */
@Command(name = "id-key", mixinStandardHelpOptions = true,
		description = "Shows or rotates the identity-number key (CARDOPS_ID_KEY) this database's hashes are made with.")
final class IdKeyCommand implements Runnable {

	/**
	 * Shorter new keys are refused: the check value lets anyone who reads the database
	 * test guesses.
	 */
	static final int MINIMUM_NEW_KEY_LENGTH = 16;

	@Spec
	private CommandSpec spec;

	private IdKeyCommand() {
	}

	static CommandLine create(Session session) {
		CommandLine idKey = new CommandLine(new IdKeyCommand());
		idKey.addSubcommand(new Status(session));
		idKey.addSubcommand(new Rotate(session));
		return idKey;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "say status or rotate");
	}

	private static String describe(KeyGeneration key) {
		return "key " + key.generation() + "  fingerprint " + key.fingerprint()
				+ (IdentityKeys.isDevelopmentKey(key) ? " (the development key)" : "") + "  recorded "
				+ IdentityKeys.time(key.recordedAt()) + " by " + key.recordedBy() + " (" + key.recordedWith() + ")"
				+ (key.current() ? "  current"
						: "  retired " + IdentityKeys.time(key.retiredAt()) + " by " + key.retiredBy());
	}

	private static String snapshots(IdentityKeys keys, int current) {
		List<IdentityKeys.SnapshotKey> snapshots = keys.snapshots();
		if (snapshots.isEmpty()) {
			return "none";
		}
		return snapshots.stream()
			.map((snapshot) -> snapshot.institution() + " " + snapshot.fileDate() + " "
					+ ((snapshot.generation() == null) ? "imported before keys were recorded"
							: "key " + snapshot.generation()
									+ ((snapshot.generation() == current) ? "" : " (an earlier key)")))
			.collect(Collectors.joining(", "));
	}

	/**
	 * {@code id-key status}: every key recorded, whether {@code CARDOPS_ID_KEY} is the
	 * current one, and the key of each institution's current snapshot.
	 */
	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "Lists the keys recorded (fingerprints, when, by whom) and whether CARDOPS_ID_KEY matches.")
	static final class Status implements Callable<Integer> {

		private final Session session;

		Status(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = this.session.openWithoutKeyCheck(null)) {
				IdentityKeys keys = context.getBean(IdentityKeys.class);
				PrintStream out = this.session.out();
				List<KeyGeneration> recorded = keys.keys();
				String yours = keys.developmentKey()
						? "CARDOPS_ID_KEY is not set (the development key" + ", fingerprint " + keys.fingerprint() + ")"
						: "CARDOPS_ID_KEY (fingerprint " + keys.fingerprint() + ")";
				if (recorded.isEmpty()) {
					out.println("no identity-number key recorded yet: the first roster import records the key it is"
							+ " given; " + yours);
					return 0;
				}
				recorded.forEach((key) -> out.println(describe(key)));
				KeyGeneration current = recorded.stream().filter(KeyGeneration::current).findFirst().orElseThrow();
				KeyGeneration match = recorded.stream().filter(keys::matches).findFirst().orElse(null);
				if (match == null) {
					out.println(yours + " matches no key of this database: commands are refused");
				}
				else if (match.current()) {
					out.println(yours + " matches key " + match.generation() + ", the current key");
				}
				else {
					out.println(yours + " is key " + match.generation()
							+ ", retired: commands are refused until it is set to the current key");
				}
				out.println("roster snapshots: " + snapshots(keys, current.generation()));
				return 0;
			}
		}

	}

	/**
	 * {@code id-key rotate}: replaces the current key ({@code CARDOPS_ID_KEY}) with
	 * {@code CARDOPS_NEW_ID_KEY}, and says what becomes of the hashes made so far.
	 */
	@Command(name = "rotate", mixinStandardHelpOptions = true,
			description = "Replaces the key: the current one from CARDOPS_ID_KEY, the new one from CARDOPS_NEW_ID_KEY.")
	static final class Rotate implements Callable<Integer> {

		private final Session session;

		Rotate(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			String secret = this.session.variable("CARDOPS_NEW_ID_KEY");
			if (secret == null || secret.isBlank()) {
				throw new GlobalOptions.UsageException("CARDOPS_NEW_ID_KEY is not set: `cardops id-key rotate` takes"
						+ " the new key from it, and the current key from CARDOPS_ID_KEY");
			}
			if (secret.length() < MINIMUM_NEW_KEY_LENGTH) {
				throw new GlobalOptions.UsageException("CARDOPS_NEW_ID_KEY is shorter than " + MINIMUM_NEW_KEY_LENGTH
						+ " characters: anyone who reads the database could test guesses of a short key; use a long"
						+ " random secret");
			}
			try (ConfigurableApplicationContext context = this.session.openWithoutKeyCheck(null)) {
				IdentityKeys keys = context.getBean(IdentityKeys.class);
				KeyGeneration rotated;
				try {
					rotated = keys.rotate(new IdentityHasher(secret));
				}
				catch (KeyMismatchException ex) {
					throw new GlobalOptions.UsageException(ex.getMessage());
				}
				PrintStream out = this.session.out();
				keys.keys().forEach((key) -> out.println(describe(key)));
				out.println("rotated: key " + rotated.generation() + " (fingerprint " + rotated.fingerprint()
						+ ") is the current key");
				out.println("nothing is hashed again (identity numbers are not kept): each current roster snapshot"
						+ " keeps the hashes of the key it was imported under until its institution's next upload, which"
						+ " is hashed under key " + rotated.generation()
						+ " (the same file sent again is imported again, not a no-op); roster snapshots: "
						+ snapshots(keys, rotated.generation()));
				out.println("no hashes of two keys are compared: students are matched by institution and student"
						+ " number, and a duplicate identity number is found within one upload, before hashing");
				out.println("set CARDOPS_ID_KEY to the new key for every command and node, and restart the nodes:"
						+ " a process with the old key is refused, and a node started before now fails its roster"
						+ " imports until it is restarted");
				return 0;
			}
		}

	}

}
