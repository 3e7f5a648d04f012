package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real command line in-process against a fresh database per test, with its own
 * outbox.
 */
abstract class CliTestSupport {

	/** The repository's sample data (tests run in the app module folder). */
	static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	static final String ID_KEY = "integration-test-key";

	/**
	 * The setting that lets a run read a named pipe in the inbox (off in production: a
	 * pipe is refused as a special file). The tests that hold a run at a known point feed
	 * a partner's file through a pipe; every command of these tests runs with it, in this
	 * process and in the processes they start, except where a test turns it off to see
	 * the refusal.
	 */
	static final String PIPES = "cardops.inbox-pipes";

	static {
		System.setProperty(PIPES, "true");
	}

	@TempDir
	Path work;

	TestDatabase database;

	@BeforeEach
	void createDatabase() throws Exception {
		System.setProperty("cardops.home", SAMPLES.getParent().toString());
		this.database = TestDatabase.create(this.work);
	}

	@AfterEach
	void dropDatabase() throws Exception {
		this.database.close();
	}

	/**
	 * The last lines of another process's log, for a failure's message (the test's
	 * folder, and the log with it, is gone once the test ends).
	 * @param log the log
	 * @return up to its last 60 lines
	 */
	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Starts {@code cardops} from the packaged jar in a process of its own (for the tests
	 * that kill it or make it halt), its output in {@code process.log}.
	 * @param jvmOptions options for its JVM, e.g. a test hook's system property
	 * @param args the command and its options ({@code --db} and {@code --outbox} are
	 * added)
	 * @return the process
	 */
	Process startCardops(List<String> jvmOptions, String... args) throws IOException {
		Path jar = Path.of("target", "cardops.jar").toAbsolutePath();
		assertThat(jar).as("the application jar is built by the package phase").exists();
		// This JVM opens the embedded database first and keeps it open (the test
		// database's one connection), so that it hosts H2's automatic server for the
		// whole test: were the host another process, its connections would break when
		// that process ended or was killed.
		this.database.sql().sql("SELECT 1").query(Integer.class).single();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-Dcardops.home=" + SAMPLES.getParent(), "-D" + PIPES + "=true"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(Arrays.asList(args));
		command.addAll(List.of("--db", this.database.url(), "--outbox", outbox().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve("process.log").toFile());
		builder.environment().put("CARDOPS_ID_KEY", ID_KEY);
		return builder.start();
	}

	Process startCardops(String... args) throws IOException {
		return startCardops(List.of(), args);
	}

	/**
	 * Runs a command with the given standard input (for {@code --password-stdin}).
	 * @param input what the command reads
	 * @param command the command
	 * @return its result
	 */
	static CliResult withStdin(String input, java.util.function.Supplier<CliResult> command) {
		java.io.InputStream original = System.in;
		System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
		try {
			return command.get();
		}
		finally {
			System.setIn(original);
		}
	}

	Path outbox() {
		return this.work.resolve("outbox");
	}

	Path sample(String name) {
		return SAMPLES.resolve("inbox").resolve(name);
	}

	CliResult cardops(String... args) {
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", ID_KEY);
		return cardopsWith(environment, args);
	}

	CliResult cardopsWith(Map<String, String> environment, String... args) {
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.addAll(List.of("--db", this.database.url(), "--outbox", outbox().toString()));
		if (!all.get(0).equals("demo")) {
			// The demo reads the sample inbox; every other command reads this test's own.
			all.addAll(List.of("--inbox", this.work.resolve("inbox").toString()));
		}
		return cardopsExactly(environment, all.toArray(String[]::new));
	}

	/**
	 * Runs a command line as given, without this test's database and folders.
	 */
	static CliResult cardopsExactly(Map<String, String> environment, String... all) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = CardopsCli.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), environment);
		return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * The invocation of a {@code cardops serve} node opened in this JVM on this test's
	 * database and folders.
	 */
	Session session() {
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", ID_KEY);
		String[] args = { "--db", this.database.url(), "--outbox", outbox().toString(), "--inbox",
				this.work.resolve("inbox").toString() };
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Session(GlobalOptions.extract(args, environment), out, out, environment);
	}

	void loadReference() {
		CliResult result = cardops("reference", "load", "--dir", SAMPLES.resolve("reference").toString());
		if (result.code() != 0) {
			throw new IllegalStateException("reference load failed: " + result);
		}
	}

	/**
	 * Every ledger row loaded once and accepted: the rows counted, no judgment (an
	 * accepted row has none) and every tap and recharge file marked judged.
	 * @param rows the tap and top-up rows expected
	 */
	void assertEveryRowLoadedOnceAndAccepted(long rows) {
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM ledger_row").query(Long.class).single())
			.isEqualTo(rows);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM ledger_judgment").query(Long.class).single()).isZero();
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM inbox_file WHERE kind IN ('taps', 'recharges') AND judged_at IS NULL")
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * The status of each Spring Batch execution of a job, oldest first: a restart adds an
	 * execution to its run's instance, a fresh run a new instance.
	 * @param batchJobName the job's Spring Batch name ({@code settleJob})
	 * @return the statuses
	 */
	List<String> executionStatuses(String batchJobName) {
		return this.database.sql()
			.sql("SELECT e.status FROM batch_job_execution e JOIN batch_job_instance i"
					+ " ON i.job_instance_id = e.job_instance_id WHERE i.job_name = ? ORDER BY e.job_execution_id")
			.params(batchJobName)
			.query(String.class)
			.list();
	}

	/**
	 * An outbound file read back with a CSV reader after checking its BOM and CRLF line
	 * ends: the header and each row, cells joined by commas.
	 */
	static List<String> outboundRows(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF").endsWith("\r\n");
		assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
		List<String> rows = new ArrayList<>();
		for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(text.substring(1)))) {
			rows.add(String.join(",", record.values()));
		}
		return rows;
	}

	Path write(String name, String content) throws IOException {
		Path file = this.work.resolve("inbox").resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	/**
	 * What one command printed and returned.
	 *
	 * @param code the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record CliResult(int code, String out, String err) {

		String summary() {
			String[] lines = this.out.strip().split("\\R");
			return lines[lines.length - 1];
		}

	}

}
