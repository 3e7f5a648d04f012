package io.cardops.jobs.partition;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.ExplainedFailure;
import io.cardops.jobs.support.Failures;

/**
 * The remote mode's broker: the durable queue partition requests travel on, the channel
 * the manager sends them through, and the listener a worker takes them with. Connected
 * only in the remote mode ({@code cardops.partitions.mode=remote}), so that the embedded
 * database and every command without partitions need no broker.
 *
 * <p>
 * A request stays in the queue until the worker that took it has run the partition
 * (acknowledged after the run, one request at a time per worker): a worker killed
 * mid-partition never acknowledges, and RabbitMQ gives the request to another worker when
 * the dead one's connection closes.
 */
@Component
@ConditionalOnProperty(name = "cardops.partitions.mode", havingValue = "remote")
public class RabbitPartitions implements DisposableBean {

	/** The header a request names its database in ({@link DatabaseIdentity}). */
	static final String DATABASE_HEADER = "cardops-database";

	/** The header holding when the manager sent a request (epoch milliseconds). */
	static final String SENT_HEADER = "cardops-sent-at";

	/**
	 * The header holding how long the manager waits for a request (milliseconds, its
	 * {@code cardops.partitions.timeout}): a worker that puts the request back keeps it
	 * that long in all, whatever its own setting.
	 */
	static final String TIMEOUT_HEADER = "cardops-timeout";

	/** What the operator does about a broker that cannot be reached. */
	private static final String AGAIN = "; start it or correct the setting, then run the same command again";

	private final CachingConnectionFactory connections;

	private final RabbitTemplate template;

	private final String queue;

	private final String where;

	/**
	 * How long the manager waits for its partitions: a request's time to live, and how
	 * long a stopping worker lets the partition in hand finish.
	 */
	private final Duration timeout;

	private final DatabaseIdentity database;

	private final Clock clock;

	private volatile boolean declared;

	/**
	 * Creates the broker's connection (opened at the first use).
	 * @param settings the partitions' settings
	 * @param database the identity of the database the requests are of
	 * @param clock when requests are sent, for their expiry
	 */
	public RabbitPartitions(PartitionSettings settings, DatabaseIdentity database, Clock clock) {
		this.database = database;
		this.clock = clock;
		URI broker = settings.broker();
		this.connections = new CachingConnectionFactory(rabbit(broker));
		this.connections.setConnectionNameStrategy((factory) -> "cardops " + Worker.name());
		this.template = new RabbitTemplate(this.connections);
		this.queue = settings.queue();
		this.timeout = settings.timeout();
		// Never the URI itself: it may carry a password.
		this.where = "RabbitMQ at " + broker.getHost() + ":" + ((broker.getPort() > 0) ? broker.getPort() : 5672)
				+ " (cardops.partitions.broker)";
	}

	/**
	 * The broker's connection settings. An {@code amqps://} broker is reached over TLS
	 * that checks its certificate against the JVM's trust store ({@code
	 * javax.net.ssl.trustStore}) and its host name: the client's own reading of such an
	 * address trusts every certificate, so that anyone between could read the password
	 * and the partitions.
	 * @param broker the broker's address (checked by PartitionSettings)
	 * @return the settings
	 */
	static ConnectionFactory rabbit(URI broker) {
		ConnectionFactory rabbit = new ConnectionFactory();
		// Spring AMQP recovers connections itself (as its own address-only factory is
		// set)
		rabbit.setAutomaticRecoveryEnabled(false);
		boolean tls = "amqps".equalsIgnoreCase(broker.getScheme());
		try {
			// read as amqp:// (the same user, host, port and virtual host, as written),
			// TLS
			// and its port set below
			rabbit.setUri(tls ? new URI("amqp" + broker.toString().substring("amqps".length())) : broker);
			if (tls) {
				rabbit
					.setPort((broker.getPort() > 0) ? broker.getPort() : ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT);
				rabbit.useSslProtocol(SSLContext.getDefault());
				rabbit.enableHostnameVerification();
			}
		}
		catch (URISyntaxException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("cardops.partitions.broker cannot be used: " + ex.getMessage(), ex);
		}
		return rabbit;
	}

	/**
	 * The channel the manager sends a step's partition requests through.
	 * @return the channel
	 */
	MessageChannel requests() {
		return (message, timeout) -> {
			if (!(message.getPayload() instanceof StepExecutionRequest request)) {
				throw new IllegalArgumentException("not a partition request: " + message.getPayload().getClass());
			}
			MessageProperties properties = new MessageProperties();
			properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
			properties.setContentEncoding("UTF-8");
			properties.setHeader(DATABASE_HEADER, this.database.id());
			properties.setHeader(SENT_HEADER, this.clock.millis());
			properties.setHeader(TIMEOUT_HEADER, this.timeout.toMillis());
			// A request no manager waits for any more (its run timed out) leaves the
			// queue by itself.
			properties.setExpiration(Long.toString(this.timeout.toMillis()));
			try {
				declare();
				this.template.send("", this.queue, new Message(PartitionRequests.encode(request), properties));
			}
			catch (AmqpException ex) {
				throw new ExplainedFailure("cannot send partition " + request.getStepName() + " to " + this.where + ": "
						+ reason(ex) + AGAIN, ex);
			}
			return true;
		};
	}

	/**
	 * A listener container that takes one request at a time from the queue and hands it
	 * to the listener; a request whose listener throws is dropped (its partition is run
	 * again by a restart) unless it throws {@code ImmediateRequeueAmqpException}, which
	 * puts it back on the queue; one whose worker dies is given to another worker.
	 * Stopped, the container waits for the request in hand up to
	 * {@code cardops.partitions.timeout}.
	 * @param listener takes each request
	 * @return the container, not started
	 */
	SimpleMessageListenerContainer listener(MessageListener listener) {
		declare();
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connections);
		container.setQueueNames(this.queue);
		container.setPrefetchCount(1);
		container.setConcurrentConsumers(1);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setDefaultRequeueRejected(false);
		container.setMessageListener(listener);
		// A request given back (its database unreachable, or another database's) is said
		// in the worker's own line; the container would add a warning with a stack trace
		// each time.
		container.setErrorHandler(new ConditionalRejectingErrorHandler() {

			@Override
			protected void log(Throwable failure) {
				if (!(failure.getCause() instanceof ImmediateRequeueAmqpException)) {
					super.log(failure);
				}
			}

		});
		// Stopping the worker (Ctrl-C, a service stop) lets the partition it is running
		// finish, as long as the manager would wait for it; cut short, it would fail the
		// run.
		container.setShutdownTimeout(this.timeout.toMillis());
		return container;
	}

	/**
	 * Tells a worker, in one line each, that its broker was lost and that it was reached
	 * again. Meanwhile the listener tries again every five seconds by itself; the
	 * partition in hand, if any, finishes; the manager waits for the partitions up to
	 * {@code cardops.partitions.timeout}. Said once: the attempts fail every five
	 * seconds.
	 * @param report told each line
	 */
	void watch(Consumer<String> report) {
		AtomicBoolean lost = new AtomicBoolean();
		String where = this.where;
		Consumer<Throwable> losing = (failure) -> {
			if (!lost.getAndSet(true)) {
				report.accept("lost " + where + ": " + reason(failure) + "; trying again every 5 seconds (the"
						+ " partition in hand, if any, finishes; a run waits for its partitions up to"
						+ " cardops.partitions.timeout); start the broker or correct the setting");
			}
		};
		this.connections.addConnectionListener(new ConnectionListener() {

			@Override
			public void onCreate(Connection connection) {
				if (lost.getAndSet(false)) {
					report.accept("reached " + where + " again: taking partitions");
				}
			}

			@Override
			public void onShutDown(ShutdownSignalException signal) {
				if (!signal.isInitiatedByApplication()) {
					losing.accept(signal);
				}
			}

			@Override
			public void onFailed(Exception failure) {
				losing.accept(failure);
			}

		});
	}

	/**
	 * Puts a request at the end of the queue (for a worker of its own database), with
	 * what is left of its time to live, unless none is.
	 * @param request the request as it arrived
	 * @return whether it went back (false: it had waited its whole time and is dropped)
	 * @throws ImmediateRequeueAmqpException when it cannot be sent again (it goes back to
	 * the head of the queue instead)
	 */
	boolean giveBack(Message request) {
		MessageProperties arrived = request.getMessageProperties();
		Object sent = arrived.getHeader(SENT_HEADER);
		long waited = (sent instanceof Number millis) ? this.clock.millis() - millis.longValue() : 0;
		// its manager's wait, not this worker's (a request from before the header: this
		// worker's)
		Object waits = arrived.getHeader(TIMEOUT_HEADER);
		long left = ((waits instanceof Number managers) ? managers.longValue() : this.timeout.toMillis()) - waited;
		if (left <= 0) {
			return false;
		}
		MessageProperties properties = new MessageProperties();
		properties.setContentType(arrived.getContentType());
		properties.setContentEncoding(arrived.getContentEncoding());
		properties.setHeader(DATABASE_HEADER, arrived.getHeader(DATABASE_HEADER));
		properties.setHeader(SENT_HEADER, sent);
		properties.setHeader(TIMEOUT_HEADER, waits);
		properties.setExpiration(Long.toString(left));
		try {
			this.template.send("", this.queue, new Message(request.getBody(), properties));
		}
		catch (AmqpException ex) {
			throw new ImmediateRequeueAmqpException("cannot put the request at the end of the queue", ex);
		}
		return true;
	}

	/**
	 * Where the broker is, for messages.
	 * @return the host and port, and the setting that names them
	 */
	public String where() {
		return this.where;
	}

	/**
	 * The queue partition requests travel on.
	 * @return its name
	 */
	public String queue() {
		return this.queue;
	}

	private void declare() {
		if (!this.declared) {
			try {
				new RabbitAdmin(this.connections).declareQueue(new Queue(this.queue, true, false, false));
			}
			catch (AmqpAuthenticationException ex) {
				// reached, and refused: starting it is no advice
				throw new ExplainedFailure(
						this.where + " refused the login: " + reason(ex)
								+ "; correct the user and password in the setting, then run the same command again",
						ex);
			}
			catch (AmqpException ex) {
				throw new ExplainedFailure("cannot reach " + this.where + ": " + reason(ex) + AGAIN, ex);
			}
			this.declared = true;
		}
	}

	private static String reason(Throwable failure) {
		Throwable root = Failures.root(failure);
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	@Override
	public void destroy() {
		this.connections.destroy();
	}

}
