package io.cardops.jobs.partition;

import java.net.URI;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's address as the connection takes it.
 */
class RabbitPartitionsTests {

	@Test
	void anAmqpsBrokerIsReachedOverTlsOnItsPortWithItsUserAndVirtualHost() {
		ConnectionFactory rabbit = RabbitPartitions
			.rabbit(URI.create("amqps://cardops:s%40cret@mq.example:5679/batch"));

		assertThat(rabbit.isSSL()).isTrue();
		assertThat(rabbit.getHost()).isEqualTo("mq.example");
		assertThat(rabbit.getPort()).isEqualTo(5679);
		assertThat(rabbit.getUsername()).isEqualTo("cardops");
		assertThat(rabbit.getPassword()).isEqualTo("s@cret");
		assertThat(rabbit.getVirtualHost()).isEqualTo("batch");
	}

	@Test
	void anAmqpsBrokerWithoutAPortIsReachedOnTheTlsPort() {
		assertThat(RabbitPartitions.rabbit(URI.create("amqps://guest:guest@mq.example")).getPort()).isEqualTo(5671);
	}

	@Test
	void anAmqpBrokerIsPlain() {
		ConnectionFactory rabbit = RabbitPartitions.rabbit(URI.create("amqp://guest:guest@127.0.0.1:5672"));

		assertThat(rabbit.isSSL()).isFalse();
		assertThat(rabbit.getPort()).isEqualTo(5672);
		// Spring AMQP recovers the connection itself, and warns on a factory that would
		// too
		assertThat(rabbit.isAutomaticRecoveryEnabled()).isFalse();
	}

}
