package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's start-up archive (docs/operations.md): prepared once per build by a
 * training run that never touches the user's database, used by the commands after it,
 * prepared again when the jar is rebuilt, and left out without a word from the JVM
 * whenever it cannot be used.
 */
class LauncherArchiveIntegrationTests extends CliTestSupport {

	private static final String PREPARING = "cardops: preparing a faster start for this build (once, about half a minute)...\n";

	@Test
	void theLauncherPreparesItsStartupArchiveOnceAndRunsTheJarAsBeforeWhenItCannotUseIt() throws Exception {
		InstalledCopy copy = InstalledCopy.create(this.work.resolve("home"));
		Path user = Files.createDirectories(this.work.resolve("user"));
		// The user's own database, which the training run must leave alone.
		Path usersDatabase = this.work.resolve("users-data").resolve("cardops");
		Map<String, String> usersEnvironment = Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_DB_URL",
				"jdbc:h2:file:" + usersDatabase);

		// when two launchers start together on a fresh build
		InstalledCopy.Started first = copy.start(user, usersEnvironment, "cardops", "--version");
		InstalledCopy.Started second = copy.start(user, usersEnvironment, "cardops", "--version");
		List<InstalledCopy.Ran> both = List.of(first.finish(), second.finish());

		// then both run, one of them prepares the archive (the other does not wait)
		assertThat(both).allSatisfy((ran) -> {
			assertThat(ran.code()).isZero();
			assertThat(ran.out()).isEqualTo("cardops 0.1.0\n");
		});
		assertThat(both).extracting(InstalledCopy.Ran::err).containsExactlyInAnyOrder(PREPARING, "");
		assertThat(copy.archives()).singleElement().satisfies((archive) -> {
			assertThat(archive.resolve("ready")).exists();
			assertThat(archive.resolve("cardops.jsa")).isNotEmptyFile();
			assertThat(archive.resolve("training")).doesNotExist();
		});
		// and the training run touched neither the user's database nor their folder
		assertThat(usersDatabase.getParent()).doesNotExist();
		try (Stream<Path> left = Files.list(user)) {
			assertThat(left).isEmpty();
		}
		Path archive = copy.archives().get(0);

		// when the next command runs: it loads its classes from the archive
		Path classes = this.work.resolve("classes.log");
		InstalledCopy.Ran withArchive = copy.run(user,
				Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
				command("runs", "--limit", "1"));
		assertThat(withArchive.code()).as(withArchive.err()).isZero();
		assertThat(withArchive.out()).isEqualTo("no runs yet\n");
		assertThat(withArchive.err()).isEmpty();
		assertThat(classesFromTheArchive(classes)).isGreaterThan(1000);
		// and prints what the jar prints without it
		InstalledCopy.Ran plain = copy.run(user, Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_CDS", "off"),
				command("runs", "--limit", "1"));
		assertThat(plain).isEqualTo(withArchive);

		// when the archive is one the JVM refuses (damaged, or made by another JDK)
		Files.delete(archive.resolve("cardops.jsa"));
		Files.writeString(archive.resolve("cardops.jsa"), "not an archive");
		InstalledCopy.Ran refused = copy.run(user,
				Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
				command("runs", "--limit", "1"));
		// then the command runs as before, without a word from the JVM
		assertThat(refused).isEqualTo(withArchive);
		assertThat(classesFromTheArchive(classes)).isZero();

		// when the jar is rebuilt
		Path jar = copy.home().resolve("app").resolve("target").resolve("cardops.jar");
		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
		InstalledCopy.Ran rebuilt = copy.run(user, Map.of("CARDOPS_ID_KEY", ID_KEY), command("runs", "--limit", "1"));
		// then the archive is prepared again, and the old one removed
		assertThat(rebuilt.err()).isEqualTo(PREPARING);
		assertThat(rebuilt.out()).isEqualTo("no runs yet\n");
		assertThat(copy.archives()).singleElement().isNotEqualTo(archive);
		assertThat(copy.archives().get(0).resolve("ready")).exists();
	}

	@Test
	void aCommandThatRunsNoJobIsCompiledByTheQuickCompilerOnlyAndAJobByBoth() throws Exception {
		InstalledCopy copy = InstalledCopy.create(this.work.resolve("home"));
		Path user = Files.createDirectories(this.work.resolve("user"));

		// The JVM prints its flags first; the usage errors end these commands at once.
		assertThat(tieredStopAtLevel(copy, user, "--db", this.database.url(), "runs", "--limit", "0")).isEqualTo("1");
		assertThat(tieredStopAtLevel(copy, user, "trace", "--card", "1", "--db", this.database.url())).isEqualTo("1");
		assertThat(tieredStopAtLevel(copy, user, "--help")).isEqualTo("1");
		assertThat(tieredStopAtLevel(copy, user, "schedules", "pause", "no-such")).isEqualTo("1");
		assertThat(tieredStopAtLevel(copy, user, "schedules", "trigger", "no-such", "--date", "2026-10-12"))
			.isEqualTo("4");
		assertThat(tieredStopAtLevel(copy, user, "--inbox", "x", "run", "settle", "--date", "bad")).isEqualTo("4");
		assertThat(tieredStopAtLevel(copy, user, "demo", "--inbox", "no-such")).isEqualTo("4");
	}

	private static String tieredStopAtLevel(InstalledCopy copy, Path user, String... args) throws Exception {
		String[] command = Stream.concat(Stream.of("cardops"), Stream.of(args)).toArray(String[]::new);
		InstalledCopy.Ran ran = copy.run(user,
				Map.of("CARDOPS_CDS", "off", "CARDOPS_ID_KEY", ID_KEY, "CARDOPS_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
				command);
		assertThat(ran.code()).as(ran.err()).isIn(0, 2);
		return ran.out()
			.lines()
			.filter((line) -> line.contains(" TieredStopAtLevel "))
			.map((line) -> line.replaceAll(".*TieredStopAtLevel += (\\d+).*", "$1"))
			.findFirst()
			.orElseThrow();
	}

	private String[] command(String... args) {
		return Stream
			.concat(Stream.of("cardops"), Stream.concat(Stream.of(args), Stream.of("--db", this.database.url())))
			.toArray(String[]::new);
	}

	/**
	 * The classes a JVM loaded from the dynamic archive ({@code -Xlog:class+load}:
	 * "source: shared objects file (top)").
	 */
	private static long classesFromTheArchive(Path log) throws Exception {
		try (Stream<String> lines = Files.lines(log)) {
			return lines.filter((line) -> line.endsWith("source: shared objects file (top)")).count();
		}
	}

}
