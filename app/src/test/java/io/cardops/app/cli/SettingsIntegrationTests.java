package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	private String failing(String setting) throws Exception {
		loadReference();
		Process process = startCardops(List.of(setting), "run", "reconcile", "--date", "2026-09-03", "--inbox",
				this.work.resolve("inbox").toString());
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
		Path log = this.work.resolve("process.log");
		assertThat(process.exitValue()).as(tail(log)).isEqualTo(1);
		return Files.readString(log);
	}

}
