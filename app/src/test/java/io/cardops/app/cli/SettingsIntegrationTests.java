package io.cardops.app.cli;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A setting that cannot be read stops a command with one line naming the setting, where
 * it was set and what it must be (exit 1), in a process of its own where the setting is a
 * system property as an operator sets it ({@code CARDOPS_JAVA_OPTS=-D...}).
 */
class SettingsIntegrationTests extends CliTestSupport {

	@Test
	void aSettingThatIsNotANumberIsNamedWithWhereItWasSet() throws Exception {
		String output = failing("-Dcardops.partitions.count=abc");

		assertThat(output).contains("cardops: failed: the setting cardops.partitions.count"
				+ " (\"cardops.partitions.count\" from property source \"systemProperties\")"
				+ " must be a whole number, not 'abc'");
		assertThat(output).doesNotContain("unexpected", "Exception", "\tat ");
	}

	@Test
	void aBrokerWithoutAHostIsRefusedWithoutShowingTheAddress() throws Exception {
		String output = failing("-Dcardops.partitions.broker=amqp://guest:s3cret@");

		assertThat(output).contains("cardops: failed: cardops.partitions.broker must be a RabbitMQ address with its"
				+ " host, such as amqp://user:password@host:5672 (amqp:// or amqps://)");
		assertThat(output).doesNotContain("s3cret", "unexpected", "Exception");
	}

	@Test
	void aBrokerThatCannotBeReachedIsNamedWithWhatToDo() throws Exception {
		assumeTrue(this.database.isPostgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(sample("taps_BJBUS_20261012_01.csv"), this.work.resolve("inbox/taps_BJBUS_20261012_01.csv"));
		Files.copy(sample("taps_BJBUS_20261012_01.csv.ctl"), this.work.resolve("inbox/taps_BJBUS_20261012_01.csv.ctl"));

		String output = failing("-Dcardops.partitions.broker=amqp://guest:guest@127.0.0.1:" + port, "2026-10-12",
				"--partitions", "remote");

		assertThat(output).contains("cannot reach RabbitMQ at 127.0.0.1:" + port + " (cardops.partitions.broker): ")
			.contains("; start it or correct the setting, then run the same command again");
		assertThat(output).doesNotContain("unexpected", "Exception", "guest:guest");
		assertThat(cardops("runs", "--limit", "1").out()).contains("FAILED")
			.contains("cannot reach RabbitMQ at 127.0.0.1:" + port);
	}

	@Test
	void aBrokerThatRefusesTheLoginSaysSoAndNotToStartIt() throws Exception {
		assumeTrue(this.database.isPostgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(sample("taps_BJBUS_20261012_01.csv"), this.work.resolve("inbox/taps_BJBUS_20261012_01.csv"));
		Files.copy(sample("taps_BJBUS_20261012_01.csv.ctl"), this.work.resolve("inbox/taps_BJBUS_20261012_01.csv.ctl"));

		// (the RabbitMQ the PostgreSQL pass runs, with a password it does not take)
		String output = failing("-Dcardops.partitions.broker=amqp://guest:not-the-password@127.0.0.1:5672",
				"2026-10-12", "--partitions", "remote");

		assertThat(output).contains("RabbitMQ at 127.0.0.1:5672 (cardops.partitions.broker) refused the login: ")
			.contains("; correct the user and password in the setting, then run the same command again");
		// neither the advice for a broker that is down, nor the client's own log line
		assertThat(output).doesNotContain("start it", "not-the-password", "ForgivingExceptionHandler", "Exception");
	}

	@Test
	void aNodeThatCannotStartSaysWhyInOneLineWithoutTheFrameworksReport() throws Exception {
		String unreadable = failingNode(List.of("-Dcardops.partitions.count=abc"));

		assertThat(unreadable).contains("cardops: failed: the setting cardops.partitions.count"
				+ " (\"cardops.partitions.count\" from property source \"systemProperties\")"
				+ " must be a whole number, not 'abc'");
		assertThat(unreadable).doesNotContain("APPLICATION FAILED", "Application run failed", "Exception", "\tat ");

		String broker = failingNode(
				List.of("-Dcardops.partitions.mode=remote", "-Dcardops.partitions.broker=amqp://guest:s3cret@"));

		assertThat(broker).contains("cardops: failed: ")
			.doesNotContain("s3cret", "APPLICATION FAILED", "Application run failed", "Exception", "\tat ");
	}

	@Test
	void aRosterThresholdThatIsNoPercentageIsRefusedBeforeAnythingRuns() throws Exception {
		// (a negative one rejected every roster, a clean one too, as "more than -1%")
		String negative = failing("-Dcardops.roster.max-rejected-percent=-1");

		assertThat(negative).contains("cardops.roster.max-rejected-percent (CARDOPS_ROSTER_MAXREJECTEDPERCENT) must be"
				+ " a percentage from 0 to 100, such as 2, not -1");
		assertThat(negative).doesNotContain("unexpected", "Exception", "\tat ");
	}

	@Test
	void aNodeWhoseUploadsFolderCannotBeMadeSaysSoBeforeItServes() throws Exception {
		// (a folder under a file: every upload answered 500)
		Path file = Files.writeString(this.work.resolve("a-file"), "x");
		String output = failingNode(List.of("-Dcardops.uploads=" + file.resolve("uploads")));

		assertThat(output)
			.contains("cardops.uploads (CARDOPS_UPLOADS) " + file.resolve("uploads") + " cannot be made (")
			.contains("name a folder this process may write");
		assertThat(output).doesNotContain("unexpected error", "APPLICATION FAILED", "\tat ");
	}

	@Test
	void aSettingsFileThatIsMissingOrUnreadableIsNamedWithoutTheFrameworksReport() throws Exception {
		Path missing = this.work.resolve("nope.properties");
		Path malformed = Files.writeString(this.work.resolve("bad.properties"), "a=\\u00zz\n");
		for (Path file : List.of(missing, malformed)) {
			Process process = startCardops(List.of("-Dspring.config.additional-location=file:" + file), "runs");
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
			String output = Files.readString(this.work.resolve("process.log"));
			assertThat(process.exitValue()).as(output).isEqualTo(1);
			assertThat(output)
				.contains((file == missing) ? "cardops: failed: the settings file file:" + missing + " does not exist"
						: "cardops: failed: a settings file cannot be read: Malformed \\uxxxx encoding.")
				.doesNotContain("APPLICATION FAILED", "unexpected error", "\tat ");
		}
	}

	@Test
	void aNodeWhosePortIsTakenSaysSo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			String output = failingNode(List.of(), String.valueOf(taken.getLocalPort()));

			assertThat(output).contains("port " + taken.getLocalPort() + " is already in use: stop what"
					+ " listens there, or give another with --port (--port 0 takes a free one)");
			assertThat(output).doesNotContain("unexpected error", "APPLICATION FAILED", "Exception", "\tat ");
		}
	}

	/** Starts {@code serve} with settings it cannot start with: what it printed. */
	private String failingNode(List<String> settings) throws Exception {
		return failingNode(settings, "0");
	}

	private String failingNode(List<String> settings, String port) throws Exception {
		Process process = startCardops(settings, "serve", "--port", port);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the node stops").isTrue();
		Path log = this.work.resolve("process.log");
		assertThat(process.exitValue()).as(tail(log)).isEqualTo(1);
		return Files.readString(log);
	}

	private String failing(String setting) throws Exception {
		return failing(setting, "2026-09-03");
	}

	private String failing(String setting, String date, String... more) throws Exception {
		loadReference();
		List<String> args = new ArrayList<>(
				List.of("run", "reconcile", "--date", date, "--inbox", this.work.resolve("inbox").toString()));
		args.addAll(List.of(more));
		Process process = startCardops(List.of(setting), args.toArray(String[]::new));
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
		Path log = this.work.resolve("process.log");
		assertThat(process.exitValue()).as(tail(log)).isEqualTo(1);
		return Files.readString(log);
	}

}
