package io.cardops.jobs.partition;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.function.Consumer;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.Failures;

/**
 * The worker side of remote partitioning ({@code cardops worker}): takes partition
 * requests from RabbitMQ one at a time and runs each with Spring Batch's
 * {@link StepExecutionRequestHandler}, which runs the worker step named in the request on
 * its step execution and records the end in the job repository, where the manager reads
 * it.
 *
 * <p>
 * Spring Batch runs whatever request it is handed. A request can arrive again: RabbitMQ
 * gives a request to another worker when the one that took it died, whether it died
 * before its partition committed or after. The worker runs only a partition whose
 * execution has not ended; the partition's own work is idempotent besides
 * ({@code judge_partition}), so a partition that committed and then lost its worker is
 * not judged twice.
 */
@Component
@ConditionalOnProperty(name = "cardops.partitions.mode", havingValue = "remote")
public class PartitionWorker {

	/**
	 * How long a worker waits before it gives back a request it could not run, for want
	 * of the database or because it is another database's (so that neither is a busy loop
	 * of deliveries).
	 */
	private static final Duration PAUSE = Duration.ofSeconds(5);

	private final RabbitPartitions broker;

	private final Path errorLog;

	private final JobRepository repository;

	private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

	private final DatabaseIdentity database;

	/**
	 * Creates the worker (it takes nothing until {@link #start}).
	 * @param broker the broker
	 * @param repository the job repository
	 * @param beans where the worker steps are found by name
	 * @param errorLog where the stack trace of an unexpected failure is written
	 * ({@code cardops.error-log})
	 * @param database the identity of the database this worker runs partitions on
	 */
	public PartitionWorker(RabbitPartitions broker, JobRepository repository, BeanFactory beans,
			@Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog, DatabaseIdentity database) {
		this.database = database;
		this.errorLog = errorLog;
		this.broker = broker;
		this.repository = repository;
		BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
		steps.setBeanFactory(beans);
		this.handler.setStepLocator(steps);
		this.handler.setJobRepository(repository);
	}

	/**
	 * Starts taking requests.
	 * @param report told one line as each partition ends
	 * @return the running listener; stop it to stop taking requests
	 */
	public SimpleMessageListenerContainer start(Consumer<String> report) {
		SimpleMessageListenerContainer container = this.broker.listener((message) -> {
			Object database = message.getMessageProperties().getHeader(RabbitPartitions.DATABASE_HEADER);
			if (take(message.getBody(), (database != null) ? database.toString() : null, report) == Taken.ELSEWHERE
					&& !this.broker.giveBack(message)) {
				report.accept("dropped a request of another database: it has waited longer than"
						+ " cardops.partitions.timeout, and its run has given up on it");
			}
		});
		this.broker.watch(report);
		container.start();
		return container;
	}

	/**
	 * Takes one message from the queue: runs the partition it asks for, says in one line
	 * and drops a message that is no request or names no database, gives a request back
	 * to the queue after a pause when the database cannot be reached (the worker or
	 * another takes it again; dropped, its partition would keep the manager waiting until
	 * its timeout), and says when a request is another database's, for the caller to put
	 * it at the end of the queue (given back to the head, this worker would be handed it
	 * again and again, never reaching its own database's requests behind it).
	 * @param body the message's body
	 * @param database the id of the database the request is of (its header), or null
	 * @param report told one line as the partition ends or the message is skipped
	 * @return whether the request was taken here, or is for a worker of another database
	 * @throws ImmediateRequeueAmqpException when the request goes back to the queue
	 */
	Taken take(byte[] body, String database, Consumer<String> report) {
		StepExecutionRequest request;
		try {
			request = PartitionRequests.decode(body);
		}
		catch (IllegalArgumentException ex) {
			// Not from a manager: said in one line and dropped, never run.
			report.accept("skipped a message: " + ex.getMessage());
			return Taken.HERE;
		}
		if (database == null) {
			// Sent by a manager older than the database header (upgrade the nodes and the
			// workers together): its run waits until its timeout, then restarts.
			report.accept("skipped " + request.getStepName() + " execution " + request.getStepExecutionId()
					+ ": the request does not name its database (" + RabbitPartitions.DATABASE_HEADER + ")");
			return Taken.HERE;
		}
		try {
			String own = this.database.id();
			if (!own.equals(database)) {
				report.accept(request.getStepName() + " execution " + request.getStepExecutionId()
						+ ": a request of another database (" + DatabaseIdentity.shown(database) + "…) than this"
						+ " worker's (" + DatabaseIdentity.shown(own) + "…); it goes to the end of the queue in "
						+ PAUSE.toSeconds() + " s. Give each database a queue of its own"
						+ " (cardops.partitions.queue), and its workers the same --db as its manager");
				pause();
				return Taken.ELSEWHERE;
			}
			run(request, report);
			return Taken.HERE;
		}
		catch (RuntimeException ex) {
			if (!Failures.connectionLost(ex)) {
				throw ex;
			}
			report.accept(request.getStepName() + " execution " + request.getStepExecutionId()
					+ ": the database cannot be reached; the request goes back to the queue in " + PAUSE.toSeconds()
					+ " s");
			pause();
			throw new ImmediateRequeueAmqpException("the database cannot be reached", ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(PAUSE.toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Runs one partition request, unless its execution has ended.
	 * @param request the request
	 * @param report told one line when the partition ends
	 */
	void run(StepExecutionRequest request, Consumer<String> report) {
		StepExecution execution = stepExecution(request.getStepExecutionId());
		if (execution == null) {
			report.accept("skipped " + request.getStepName() + " execution " + request.getStepExecutionId()
					+ ": no such step execution");
			return;
		}
		// Spring Batch names a partition's execution "<worker step>:<partition>";
		// a request that names another execution (a manager's step, another step's
		// partition) would run the step on it, and is refused.
		if (!execution.getStepName().startsWith(request.getStepName() + ":")) {
			report.accept("skipped " + request.getStepName() + " execution " + request.getStepExecutionId()
					+ ": it is not a partition of that step but " + execution.getStepName());
			return;
		}
		// A request left on the queue from a run that gave up waiting (its timeout) is
		// not run: the run's restart sends its own.
		JobExecution job = execution.getJobExecution();
		if (job != null && !job.getStatus().isRunning()) {
			report.accept("skipped " + execution.getStepName() + " of job execution " + execution.getJobExecutionId()
					+ ": its run has ended (" + job.getStatus() + ")");
			return;
		}
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
			report.accept("skipped " + execution.getStepName() + " of job execution " + execution.getJobExecutionId()
					+ ": it is " + status + " already");
			return;
		}
		Instant start = Instant.now();
		StepExecution ended = this.handler.handle(request);
		// UNKNOWN: the step's work rolled back because its own bookkeeping could not be
		// written (the connection was lost, or the execution was changed meanwhile).
		if ((ended.getStatus() == BatchStatus.FAILED || ended.getStatus() == BatchStatus.UNKNOWN)
				&& !ended.getFailureExceptions().isEmpty()) {
			Throwable failure = ended.getFailureExceptions().get(0);
			if (Failures.cause(failure, OptimisticLockingFailureException.class) != null) {
				// A restart of its run (or another worker) took the partition over while
				// this worker was held up: nothing of this attempt was kept.
				report.accept(ended.getStepName() + " of job execution " + ended.getJobExecutionId()
						+ ": taken over meanwhile (by another worker while this one did not answer the broker, or by a"
						+ " restart of its run); nothing this worker did of it was kept");
				return;
			}
			// One line for whoever watches the worker; the stack trace of a failure
			// cardops did not foresee goes to the error log, as for any command.
			String reason = Failures.explain(failure, ended.getStepName(), this.errorLog);
			report
				.accept(ended.getStepName() + " of job execution " + ended.getJobExecutionId() + " failed: " + reason);
			// A failure outside the step's own bookkeeping is only in this object
			// (Spring Batch leaves recording it to the receiver): without it the
			// manager would wait for a partition that has ended. The worker's sentence
			// goes first, marked, for the manager to say it (JobRunListener): the
			// exception alone may say nothing a person can act on.
			StepExecution stored = this.repository.getStepExecution(ended.getId());
			if (stored != null && (stored.getStatus().isRunning() || stored.getStatus() == BatchStatus.FAILED
					|| stored.getStatus() == BatchStatus.UNKNOWN)) {
				stored.setStatus(BatchStatus.FAILED);
				// the sentence on its own first line, the trace after it (ExitStatus's
				// own joining would put the exception's text on the sentence's line)
				StringWriter trace = new StringWriter();
				failure.printStackTrace(new PrintWriter(trace));
				stored.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(),
						Failures.WORKER_REASON + Worker.name() + ": " + reason + "\n" + trace));
				if (stored.getEndTime() == null) {
					stored.setEndTime(LocalDateTime.now());
				}
				try {
					this.repository.update(stored);
				}
				catch (OptimisticLockingFailureException ex) {
					// changed meanwhile by a restart of the run: it has its own account
				}
			}
		}
		long rows = ended.getExecutionContext().getLong("rows", 0);
		report.accept(ended.getStepName() + " of job execution " + ended.getJobExecutionId() + ": " + ended.getStatus()
				+ ((rows >= 0) ? " rows=" + rows : " (nothing new to judge)") + " in "
				+ Duration.between(start, Instant.now()).toMillis() + " ms");
	}

	/**
	 * A step execution by its id, or null: the JDBC repository throws for an id it does
	 * not have (a request left on the queue from a database since recreated, or sent by
	 * hand) instead of answering null.
	 */
	private StepExecution stepExecution(long id) {
		try {
			return this.repository.getStepExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	/**
	 * Where requests come from, for the worker's first line.
	 * @return the broker and queue
	 */
	public String source() {
		return "queue " + this.broker.queue() + " on " + this.broker.where();
	}

	/** Where a request went. */
	enum Taken {

		/** Taken here: run, skipped or dropped. */
		HERE,

		/** For a worker of another database: to the end of the queue. */
		ELSEWHERE

	}

}
