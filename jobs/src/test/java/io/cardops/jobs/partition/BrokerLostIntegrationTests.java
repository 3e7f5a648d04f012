package io.cardops.jobs.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import io.cardops.jobs.JobsContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A worker that loses its broker mid-run says so once, naming the broker and its setting,
 * tries again by itself, and says when it is back: the listener's own warning every five
 * seconds said none of it.
 */
class BrokerLostIntegrationTests {

	@Test
	void aLostBrokerIsSaidOnceAndItsReturnToo() throws Exception {
		assumeTrue(JobsContext.postgres(), "RabbitMQ is there in the PostgreSQL pass (-Dcardops.test.db=postgres)");
		// given: a worker that reaches RabbitMQ through a relay the test can cut
		try (Relay relay = new Relay()) {
			relay.open();
			String queue = "cardops.test.broker-lost." + ProcessHandle.current().pid();
			PartitionSettings settings = new PartitionSettings(PartitionSettings.Mode.REMOTE, 2,
					URI.create("amqp://guest:guest@127.0.0.1:" + relay.port()), queue, Duration.ofMillis(500),
					Duration.ofSeconds(30));
			RabbitPartitions partitions = new RabbitPartitions(settings, new DatabaseIdentity(null), Clock.systemUTC());
			List<String> said = new CopyOnWriteArrayList<>();
			SimpleMessageListenerContainer container = partitions.listener((message) -> {
			});
			partitions.watch(said::add);
			container.start();
			try {
				until(Duration.ofSeconds(20), () -> container.getActiveConsumerCount() == 1);

				// when: the broker goes away, for longer than two of the listener's tries
				relay.cut();
				until(Duration.ofSeconds(20), () -> !said.isEmpty());
				Thread.sleep(11_000);

				// then: one line, naming the broker and its setting
				assertThat(said).singleElement()
					.asString()
					.startsWith("lost RabbitMQ at 127.0.0.1:" + relay.port() + " (cardops.partitions.broker): ")
					.contains("trying again every 5 seconds", "cardops.partitions.timeout");

				// and when it is back, the worker takes partitions again and says so
				relay.open();
				until(Duration.ofSeconds(30), () -> said.size() == 2);
				assertThat(said.get(1)).isEqualTo("reached RabbitMQ at 127.0.0.1:" + relay.port()
						+ " (cardops.partitions.broker) again: taking" + " partitions");
				until(Duration.ofSeconds(20), () -> container.getActiveConsumerCount() == 1);
			}
			finally {
				container.stop();
				CachingConnectionFactory direct = new CachingConnectionFactory(
						URI.create("amqp://guest:guest@127.0.0.1:5672"));
				new RabbitAdmin(direct).deleteQueue(queue);
				direct.destroy();
				partitions.destroy();
			}
		}
	}

	private static void until(Duration most, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + most.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited %s", most).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/**
	 * A TCP relay to the broker on a port of its own, which can be cut (its listening
	 * socket and every connection closed) and opened again on the same port.
	 */
	private static final class Relay implements AutoCloseable {

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private int port;

		private volatile ServerSocket server;

		int port() {
			return this.port;
		}

		void open() throws IOException {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.port = listening.getLocalPort();
			this.server = listening;
			Thread accepting = new Thread(() -> {
				while (!listening.isClosed()) {
					try {
						Socket client = listening.accept();
						Socket broker = new Socket("127.0.0.1", 5672);
						this.sockets.add(client);
						this.sockets.add(broker);
						pump(client, broker);
						pump(broker, client);
					}
					catch (IOException ex) {
						// cut
					}
				}
			}, "relay-accept");
			accepting.setDaemon(true);
			accepting.start();
		}

		void cut() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
			this.sockets.clear();
		}

		private static void pump(Socket from, Socket to) {
			Thread pumping = new Thread(() -> {
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					in.transferTo(out);
				}
				catch (IOException ex) {
					// one side closed
				}
			}, "relay-pump");
			pumping.setDaemon(true);
			pumping.start();
		}

		@Override
		public void close() throws IOException {
			cut();
		}

	}

}
