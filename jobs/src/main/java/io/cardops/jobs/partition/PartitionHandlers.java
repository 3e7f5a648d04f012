package io.cardops.jobs.partition;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.ExplainedFailure;

/**
 * Makes the partition handler of a partitioned step as {@code cardops.partitions.mode}
 * says: local partitions run on threads of their own (never on the executor that launches
 * jobs, which must stay synchronous for the command line); remote ones are sent to
 * RabbitMQ as Spring Batch remote partitioning requests, and the manager reads their ends
 * from the job repository.
 */
@Component
public class PartitionHandlers {

	private final PartitionSettings settings;

	private final JobRepository repository;

	private final ObjectProvider<RabbitPartitions> rabbit;

	private final boolean embedded;

	/**
	 * Creates the factory.
	 * @param settings the partitions' settings
	 * @param repository the job repository (the remote manager polls it)
	 * @param rabbit the broker's connection, present in the remote mode
	 * @param environment the settings (the database's URL)
	 */
	public PartitionHandlers(PartitionSettings settings, JobRepository repository,
			ObjectProvider<RabbitPartitions> rabbit, Environment environment) {
		this.settings = settings;
		this.repository = repository;
		this.rabbit = rabbit;
		this.embedded = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
	}

	/**
	 * The handler of a partitioned step.
	 * @param worker the worker step
	 * @param gridSize how many partitions
	 * @return the handler
	 */
	public PartitionHandler of(Step worker, int gridSize) {
		if (this.settings.mode() == PartitionSettings.Mode.REMOTE) {
			if (this.embedded) {
				throw new IllegalStateException("cardops.partitions.mode=remote needs PostgreSQL: worker processes"
						+ " cannot share the embedded database; leave the setting out to judge on this process's threads");
			}
			RabbitPartitions broker = this.rabbit.getIfAvailable();
			if (broker == null) {
				throw new IllegalStateException("cardops.partitions.mode is remote but no broker is configured");
			}
			MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
			handler.setStepName(worker.getName());
			handler.setGridSize(gridSize);
			handler.setJobRepository(this.repository);
			handler.setPollInterval(this.settings.pollInterval().toMillis());
			handler.setTimeout(this.settings.timeout().toMillis());
			handler.setMessagingOperations(new MessagingTemplate(broker.requests()));
			try {
				handler.afterPropertiesSet();
			}
			catch (Exception ex) {
				throw new IllegalStateException("cannot set up the remote partitions of " + worker.getName(), ex);
			}
			return (splitter, managerStep) -> {
				try {
					return handler.handle(splitter, managerStep);
				}
				catch (TimeoutException | MessageTimeoutException ex) {
					// Said as what to check: Spring Batch's words name neither the
					// setting nor the workers.
					throw new ExplainedFailure("no worker finished the partitions of " + managerStep.getStepName()
							+ " within " + readable(this.settings.timeout())
							+ " (cardops.partitions.timeout): is a cardops worker running with the same --db, taking"
							+ " queue " + broker.queue() + " on " + broker.where()
							+ "? Start one, then run the same command again to restart the run", ex);
				}
			};
		}
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
		threads.setConcurrencyLimit(gridSize);
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(worker);
		handler.setGridSize(gridSize);
		handler.setTaskExecutor(threads);
		return handler;
	}

	/** A duration as the setting is written: 2h, 20s, 1h30m. */
	private static String readable(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
