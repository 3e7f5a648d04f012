package io.cardops.jobs.partition;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cardops.partitions.*} settings.
 *
 * @param mode where partitions run: {@code local} (threads of the process running the
 * job) or {@code remote} (worker processes, through RabbitMQ; PostgreSQL only)
 * @param count how many partitions the judging splits a date's cards into (on one
 * machine: its cores)
 * @param broker the RabbitMQ broker of the remote mode, as an AMQP URI
 * @param queue the queue partition requests travel on
 * @param pollInterval how often the manager reads the job repository for its remote
 * partitions' ends
 * @param timeout how long the manager waits for its remote partitions before the step
 * fails (a restart runs again only those that did not complete)
 */
@ConfigurationProperties("cardops.partitions")
public record PartitionSettings(@DefaultValue("local") Mode mode, @DefaultValue("2") int count,
		@DefaultValue("amqp://guest:guest@127.0.0.1:5672") URI broker, @DefaultValue("cardops.partitions") String queue,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("2h") Duration timeout) {

	/** The longest wait a run takes for its partitions. */
	private static final Duration MAX_WAIT = Duration.ofDays(365);

	/**
	 * Checks the settings.
	 */
	public PartitionSettings {
		if (count < 1 || count > 64) {
			throw new IllegalArgumentException(setting("count") + " must be between 1 and 64, not " + count);
		}
		// No wait at all is no limit to RabbitMQ's client and Spring Batch: the run would
		// wait for ever for partitions no worker takes.
		// (at most a year: the wait is counted in milliseconds from now, which a longer
		// one
		// overflows)
		if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_WAIT) > 0) {
			throw new IllegalArgumentException(setting("timeout")
					+ " must be a positive duration of at most 365d, such as 2h or 30m, not " + shown(timeout));
		}
		if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException(setting("poll-interval")
					+ " must be a positive duration such as 500ms, not " + shown(pollInterval));
		}
		// An empty name makes the broker invent one per connection (the requests go
		// nowhere a worker listens); "amq." names are the broker's own.
		if (queue == null || queue.isBlank() || !queue.equals(queue.strip()) || queue.startsWith("amq.")
				|| queue.length() > 200) {
			throw new IllegalArgumentException(setting("queue") + " must name a queue (1-200 characters, no"
					+ " surrounding spaces, not starting with amq.), the same for the manager and its workers");
		}
		// Without a host the client would quietly take the local broker. The URI itself
		// is never shown: it may carry a password.
		if (broker == null || broker.getHost() == null
				|| !("amqp".equals(broker.getScheme()) || "amqps".equals(broker.getScheme()))) {
			throw new IllegalArgumentException("cardops.partitions.broker must be a RabbitMQ address with its host,"
					+ " such as amqp://user:password@host:5672 (amqp:// or amqps://)");
		}
	}

	/**
	 * A setting as an operator may have set it: in a properties file or as an environment
	 * variable.
	 */
	private static String setting(String name) {
		return "cardops.partitions." + name + " (CARDOPS_PARTITIONS_" + name.replace('-', '_').toUpperCase(Locale.ROOT)
				+ ")";
	}

	/** A duration as it is written in a setting ({@code 0s}, {@code -5m}). */
	private static String shown(Duration duration) {
		return (duration != null) ? duration.toString().substring(2).toLowerCase(Locale.ROOT) : "nothing";
	}

	/**
	 * Where partitions run.
	 */
	public enum Mode {

		/** On a task executor of the process that runs the job. */
		LOCAL,

		/** On {@code cardops worker} processes, through RabbitMQ. */
		REMOTE

	}

}
