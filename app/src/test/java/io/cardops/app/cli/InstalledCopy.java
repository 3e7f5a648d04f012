package io.cardops.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the repository as a user runs it, without its sources: the launcher
 * {@code ./cardops}, the scripts, the sample data and the jar this build packaged. With
 * no source newer than the jar the launcher never builds, so a test can run the real
 * launcher (and whatever it prepares beside the jar) without touching the repository.
 */
final class InstalledCopy {

	/** The application jar of this build (tests run in the app module folder). */
	static final Path JAR = Path.of("target", "cardops.jar").toAbsolutePath();

	private final Path home;

	private InstalledCopy(Path home) {
		this.home = home;
	}

	/**
	 * Copies the launcher, the scripts, the sample data and the jar into a folder.
	 * @param home the folder (created)
	 * @return the copy
	 */
	static InstalledCopy create(Path home) throws IOException {
		Path repository = CliTestSupport.SAMPLES.getParent();
		Files.createDirectories(home);
		copyTree(repository.resolve("sample-data"), home.resolve("sample-data"));
		copyTree(repository.resolve("scripts"), home.resolve("scripts"));
		Files.copy(repository.resolve("cardops"), home.resolve("cardops"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createDirectories(home.resolve("app").resolve("target"));
		Files.copy(JAR, home.resolve("app").resolve("target").resolve("cardops.jar"));
		return new InstalledCopy(home);
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
	}

	Path home() {
		return this.home;
	}

	/**
	 * The launcher's start-up archives, one folder per build.
	 * @return the folders (none before the first start)
	 */
	List<Path> archives() {
		Path archives = this.home.resolve("app").resolve("target").resolve("startup-archive");
		if (!Files.isDirectory(archives)) {
			return List.of();
		}
		try (Stream<Path> folders = Files.list(archives)) {
			return folders.filter(Files::isDirectory).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a program of the copy ({@code cardops}, {@code scripts/...}) in a folder.
	 * @param folder the working folder
	 * @param environment variables added to this process's (its own CARDOPS_* left out)
	 * @param args the program, relative to the copy, and its arguments
	 * @return the started program
	 */
	Started start(Path folder, Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(args));
		command.set(0, this.home.resolve(args[0]).toString());
		Path output = Files.createTempDirectory(this.home, "output");
		ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("CARDOPS_"));
		builder.environment().putAll(environment);
		builder.redirectOutput(output.resolve("out").toFile());
		builder.redirectError(output.resolve("err").toFile());
		return new Started(builder.start(), output);
	}

	/**
	 * Runs a program of the copy to its end.
	 * @param folder the working folder
	 * @param environment variables added to this process's
	 * @param args the program, relative to the copy, and its arguments
	 * @return what it printed and returned
	 */
	Ran run(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
		return start(folder, environment, args).finish();
	}

	/**
	 * A program started, its output going to files.
	 *
	 * @param process the process
	 * @param output the folder of its output files
	 */
	record Started(Process process, Path output) {

		/**
		 * Waits for the end of the program.
		 * @return what it printed and returned
		 */
		Ran finish() throws IOException, InterruptedException {
			if (!this.process.waitFor(10, TimeUnit.MINUTES)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("still running after 10 minutes: " + this.process.info());
			}
			return new Ran(this.process.exitValue(),
					Files.readString(this.output.resolve("out"), StandardCharsets.UTF_8),
					Files.readString(this.output.resolve("err"), StandardCharsets.UTF_8));
		}

	}

	/**
	 * A finished program: exit code, standard output and standard error.
	 *
	 * @param code the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Ran(int code, String out, String err) {
	}

}
