package io.cardops.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.cardops.jobs.partition.PartitionWorker;
import io.cardops.jobs.partition.Worker;
import picocli.CommandLine.Command;

/**
 * {@code cardops worker}: a long-running process that runs the partitions of partitioned
 * steps (the judging of reconciliation) that a manager sends over RabbitMQ
 * ({@code run reconcile --partitions remote}, or {@code cardops.partitions.mode=remote}),
 * one at a time, on the shared PostgreSQL database, until it is stopped. Start as many as
 * the machines have cores for; a worker stopped or killed mid-partition leaves the
 * partition to another worker.
 */
@Command(name = "worker", description = "Runs the partitions a reconciliation sends over RabbitMQ (PostgreSQL only).",
		mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {

	private final Session session;

	WorkerCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws Exception {
		if (this.session.embedded()) {
			throw new GlobalOptions.UsageException("cardops worker needs PostgreSQL (--db or CARDOPS_DB_URL): the"
					+ " embedded database runs the partitions on the threads of the process that runs the job");
		}
		ConfigurableApplicationContext context = this.session.openWith(Map.of("cardops.partitions.mode", "remote"));
		CountDownLatch closed = new CountDownLatch(1);
		PartitionWorker worker = context.getBean(PartitionWorker.class);
		SimpleMessageListenerContainer listener;
		try {
			listener = worker.start((line) -> this.session.out().println("cardops worker: " + line));
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
		// Stopped (Ctrl-C, a service stop), the worker takes no more requests and
		// lets the partition in hand finish before the database connections close;
		// kill -9 stops it at once, and another worker runs that partition again.
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				this.session.out()
					.println("cardops worker: stopping: the partition it is running, if any, finishes first"
							+ " (kill -9 stops at once; another worker then runs that partition again)");
				listener.stop();
				closed.countDown();
			}
		});
		if (!context.isActive()) {
			listener.stop();
			return 0;
		}
		this.session.out()
			.println("cardops worker: " + Worker.name() + " takes partitions from " + worker.source()
					+ "; stop with Ctrl-C");
		closed.await();
		return 0;
	}

}
