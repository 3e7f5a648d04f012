package io.cardops.jobs.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataAccessResourceFailureException;

import io.cardops.jobs.partition.PartitionSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What an operator reads when a setting cannot be read: the setting, where it was set and
 * what it must be, never "an unexpected error" and never a secret.
 */
class FailuresTests {

	private static final Path LOG = Path.of("target", "failures-tests.log");

	@Test
	void aSessionTheServerEndedIsALostConnection() {
		// what PostgreSQL sends on a restart or pg_terminate_backend, as Spring wraps it
		for (String state : new String[] { "57P01", "57P02", "57P03", "08006" }) {
			Throwable failure = new DataAccessResourceFailureException("JDBC rollback",
					new SQLException("FATAL: terminating connection due to administrator command", state));
			assertThat(Failures.kind(failure)).as(state).startsWith("database connection lost");
		}
		assertThat(Failures.kind(new DataAccessResourceFailureException("x", new SQLException("deadlock", "40P01"))))
			.doesNotStartWith("database connection lost");
	}

	@Test
	void aNumberThatIsNotOneNamesTheSettingWhereItWasSetAndWhatItMustBe() {
		Throwable failure = bind(Map.of("cardops.partitions.count", "abc"));
		assertThat(Failures.known(failure)).isTrue();
		assertThat(Failures.describe(failure, "reconcile", LOG)).startsWith("the setting cardops.partitions.count (")
			.endsWith(") must be a whole number, not 'abc'")
			.doesNotContain("unexpected", "Exception", "java.");
	}

	@Test
	void aModeOrADurationThatIsNotOneSaysWhichValuesAreAccepted() {
		assertThat(Failures.message(bind(Map.of("cardops.partitions.mode", "bogus"))))
			.startsWith("the setting cardops.partitions.mode (")
			.endsWith("must be one of local, remote, not 'bogus'");
		assertThat(Failures.message(bind(Map.of("cardops.partitions.timeout", "two hours"))))
			.endsWith("must be a duration such as 500ms, 30s, 15m or 2h, not 'two hours'");
	}

	@Test
	void aBrokerAddressThatCannotBeReadIsNamedWithoutShowingIt() {
		Throwable failure = bind(Map.of("cardops.partitions.broker", "amqp://guest:s3cret pass@[host"));
		assertThat(Failures.known(failure)).isTrue();
		assertThat(Failures.message(failure)).startsWith("the setting cardops.partitions.broker (")
			.endsWith("must be a URI such as amqp://user:password@host:5672")
			.doesNotContain("s3cret");
	}

	@Test
	void aBrokerAddressWithoutAHostIsRefusedRatherThanTakenForTheLocalBroker() {
		Throwable failure = bind(Map.of("cardops.partitions.broker", "amqp://a b"));
		assertThat(Failures.known(failure)).isTrue();
		assertThat(Failures.message(failure))
			.isEqualTo("cardops.partitions.broker must be a RabbitMQ address with its host, such as"
					+ " amqp://user:password@host:5672 (amqp:// or amqps://)");
		assertThat(Failures.message(bind(Map.of("cardops.partitions.broker", "http://broker:5672"))))
			.startsWith("cardops.partitions.broker must be a RabbitMQ address");
	}

	@Test
	void anItemOfAListThatIsNotOneIsNamedWithTheList() {
		Throwable failure = catchThrowable(
				() -> new Binder(new MapConfigurationPropertySource(Map.of("cardops.modes", "local,bogus")))
					.bindOrCreate("cardops", Modes.class));
		assertThat(Failures.message(failure)).startsWith("the setting cardops.modes (")
			.endsWith("must be one of local, remote, not 'bogus'");
	}

	@Test
	void anExplainedFailureKeepsItsMessageWhateverItsCauseAndIsNotLogged() throws Exception {
		Files.deleteIfExists(LOG);
		Throwable failure = new IllegalStateException("wrapped",
				new ExplainedFailure("cannot reach RabbitMQ at broker:5672 (cardops.partitions.broker): refused",
						new java.net.ConnectException("Connection refused")));
		assertThat(Failures.known(failure)).isTrue();
		assertThat(Failures.explain(failure, "worker", LOG))
			.isEqualTo("cannot reach RabbitMQ at broker:5672 (cardops.partitions.broker): refused");
		assertThat(LOG).doesNotExist();
	}

	@Test
	void aMessageWithADriversOrALibrarysWordsIsNotPlain() {
		assertThat(Failures.plain("partition 0 of 2026-10-12 fails (cardops.test.fail-in-partition)")).isTrue();
		assertThat(Failures.plain("cannot stage: ERROR: duplicate key value (SQL state 23505)")).isFalse();
		assertThat(Failures.plain("wrapped: java.net.ConnectException: refused")).isFalse();
		assertThat(Failures.plain("bean failed in org.springframework.batch")).isFalse();
		assertThat(Failures.plain("")).isFalse();
	}

	@Test
	void aValueOurOwnCheckRefusesKeepsItsOwnMessage() {
		assertThat(Failures.message(bind(Map.of("cardops.partitions.count", "0"))))
			.isEqualTo("cardops.partitions.count (CARDOPS_PARTITIONS_COUNT) must be between 1 and 64, not 0");
	}

	@Test
	void aPartitionsSettingThatWouldWaitForEverOrLoseTheRequestsIsRefused() {
		assertThat(Failures.message(bind(Map.of("cardops.partitions.timeout", "0s"))))
			.startsWith("cardops.partitions.timeout (CARDOPS_PARTITIONS_TIMEOUT) must be a positive duration")
			.endsWith(", not 0s");
		assertThat(Failures.message(bind(Map.of("cardops.partitions.timeout", "-5m"))))
			.startsWith("cardops.partitions.timeout (CARDOPS_PARTITIONS_TIMEOUT) must be a positive duration")
			.endsWith(", not -5m");
		assertThat(Failures.message(bind(Map.of("cardops.partitions.poll-interval", "0ms"))))
			.startsWith(
					"cardops.partitions.poll-interval (CARDOPS_PARTITIONS_POLL_INTERVAL) must be a positive duration")
			.endsWith(", not 0s");
		for (String queue : new String[] { "", " ", "amq.gen-1", " cardops" }) {
			assertThat(Failures.message(bind(Map.of("cardops.partitions.queue", queue)))).as("'" + queue + "'")
				.startsWith("cardops.partitions.queue (CARDOPS_PARTITIONS_QUEUE) must name a queue");
		}
	}

	@Test
	void theDefaultsBind() {
		PartitionSettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("cardops.partitions", PartitionSettings.class);
		assertThat(settings.broker().getHost()).isEqualTo("127.0.0.1");
		assertThat(settings.count()).isEqualTo(2);
	}

	record Modes(List<PartitionSettings.Mode> modes) {
	}

	private static Throwable bind(Map<String, String> settings) {
		Throwable failure = catchThrowable(() -> new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("cardops.partitions", PartitionSettings.class));
		assertThat(failure).as("binding %s fails", settings).isNotNull();
		return failure;
	}

}
