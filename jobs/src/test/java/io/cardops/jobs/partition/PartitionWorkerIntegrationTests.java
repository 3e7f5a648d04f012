package io.cardops.jobs.partition;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import io.cardops.jobs.JobsContext;
import io.cardops.jobs.support.Failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A worker runs only what a manager asked of it: a partition of the step the request
 * names, whose execution has not ended. Anything else that arrives on the queue (a
 * request naming a manager's step execution, one for a partition already ended, one for
 * no execution, a body that is no request) runs nothing and changes nothing.
 */
class PartitionWorkerIntegrationTests {

	private static final String STEP = "judgePartitionStep";

	@TempDir
	Path work;

	private JobsContext context;

	@AfterEach
	void close() throws Exception {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aRequestPutBackLivesAsLongAsItsManagerWaitsNotAsLongAsTheWorkersSetting() throws Exception {
		assumeTrue(JobsContext.postgres(), "RabbitMQ is there in the PostgreSQL pass (-Dcardops.test.db=postgres)");
		String queue = "cardops.test.give-back." + ProcessHandle.current().pid();
		URI broker = URI.create("amqp://guest:guest@127.0.0.1:5672");
		// this worker would wait 2h; the manager that sent the request waits 20s
		PartitionSettings workers = new PartitionSettings(PartitionSettings.Mode.REMOTE, 2, broker, queue,
				Duration.ofMillis(500), Duration.ofHours(2));
		Clock clock = Clock.fixed(Instant.parse("2026-10-14T03:00:05Z"), ZoneOffset.UTC);
		RabbitPartitions partitions = new RabbitPartitions(workers, new DatabaseIdentity(null), clock);
		CachingConnectionFactory connections = new CachingConnectionFactory(broker);
		RabbitAdmin admin = new RabbitAdmin(connections);
		admin.declareQueue(new Queue(queue, false, false, true));
		try {
			MessageProperties sent = new MessageProperties();
			sent.setHeader(RabbitPartitions.DATABASE_HEADER, "elsewhere");
			sent.setHeader(RabbitPartitions.SENT_HEADER, Instant.parse("2026-10-14T03:00:00Z").toEpochMilli());
			sent.setHeader(RabbitPartitions.TIMEOUT_HEADER, 20_000L);
			assertThat(partitions.giveBack(new Message("request".getBytes(StandardCharsets.UTF_8), sent))).isTrue();
			Message back = new RabbitTemplate(connections).receive(queue, 5_000);
			assertThat(back).isNotNull();
			// 20s less the 5s it waited
			assertThat(back.getMessageProperties().getExpiration()).isEqualTo("15000");
			assertThat((Object) back.getMessageProperties().getHeader(RabbitPartitions.TIMEOUT_HEADER))
				.isEqualTo(20_000L);
			// one whose manager has stopped waiting is dropped, not put back
			sent.setHeader(RabbitPartitions.TIMEOUT_HEADER, 4_000L);
			assertThat(partitions.giveBack(new Message("request".getBytes(StandardCharsets.UTF_8), sent))).isFalse();
		}
		finally {
			admin.deleteQueue(queue);
			connections.destroy();
			partitions.destroy();
		}
	}

	@Test
	void aRequestForAnythingButARunningPartitionOfItsStepRunsNothing() throws Exception {
		assumeTrue(JobsContext.postgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		this.context = JobsContext.start(this.work, Map.of("cardops.partitions.mode", "remote"));
		JobRepository repository = this.context.bean(JobRepository.class);
		JobExecution job = reconcileExecution(repository);
		StepExecution load = step(repository, job, "loadLedgerStep", BatchStatus.STARTED);
		StepExecution ended = step(repository, job, STEP + ":part0", BatchStatus.COMPLETED);
		List<String> lines = new ArrayList<>();
		PartitionWorker worker = this.context.bean(PartitionWorker.class);

		JobExecution gaveUp = reconcileExecution(repository, "2026-10-15");
		StepExecution left = step(repository, gaveUp, STEP + ":part1", BatchStatus.STARTING);
		gaveUp.setStatus(BatchStatus.FAILED);
		repository.update(gaveUp);

		worker.run(new StepExecutionRequest(STEP, load.getId()), lines::add);
		worker.run(new StepExecutionRequest(STEP, ended.getId()), lines::add);
		worker.run(new StepExecutionRequest(STEP, 987654321L), lines::add);
		// a request left on the queue by a run that timed out
		worker.run(new StepExecutionRequest(STEP, left.getId()), lines::add);

		assertThat(lines).containsExactly(
				"skipped " + STEP + " execution " + load.getId()
						+ ": it is not a partition of that step but loadLedgerStep",
				"skipped " + STEP + ":part0 of job execution " + job.getId() + ": it is COMPLETED already",
				"skipped " + STEP + " execution 987654321: no such step execution",
				"skipped " + STEP + ":part1 of job execution " + gaveUp.getId() + ": its run has ended (FAILED)");
		assertThat(repository.getStepExecution(left.getId()).getStatus()).isEqualTo(BatchStatus.STARTING);
		assertThat(repository.getStepExecution(load.getId()).getStatus()).as("the manager's step is left as it was")
			.isEqualTo(BatchStatus.STARTED);
		assertThat(repository.getStepExecution(ended.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aRequestTheDatabaseCannotAnswerGoesBackToTheQueue() throws Exception {
		assumeTrue(JobsContext.postgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		this.context = JobsContext.start(this.work,
				Map.of("cardops.partitions.mode", "remote", "spring.datasource.hikari.connection-timeout", "1000"));
		JobRepository repository = this.context.bean(JobRepository.class);
		JobExecution job = reconcileExecution(repository);
		StepExecution partition = step(repository, job, STEP + ":part0", BatchStatus.STARTING);
		String database = this.context.sql().sql("SELECT current_database()").query(String.class).single();
		String identity = this.context.bean(DatabaseIdentity.class).id();
		List<String> lines = new ArrayList<>();
		PartitionWorker worker = this.context.bean(PartitionWorker.class);

		// the database stops taking connections and ends the worker's
		Throwable failure;
		server("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
		try {
			failure = catchThrowable(() -> worker
				.take((STEP + ":" + partition.getId()).getBytes(StandardCharsets.UTF_8), identity, lines::add));
		}
		finally {
			server("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
		}

		assertThat(failure).as("the request goes back to the queue").isInstanceOf(ImmediateRequeueAmqpException.class);
		assertThat(lines).containsExactly(STEP + " execution " + partition.getId()
				+ ": the database cannot be reached; the request goes back to the queue in 5 s");
		assertThat(repository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.STARTING);
	}

	@Test
	void aRequestOfAnotherDatabaseGoesBackToTheQueueAndOneNamingNoneIsDropped() throws Exception {
		assumeTrue(JobsContext.postgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		this.context = JobsContext.start(this.work, Map.of("cardops.partitions.mode", "remote"));
		JobRepository repository = this.context.bean(JobRepository.class);
		JobExecution job = reconcileExecution(repository);
		StepExecution partition = step(repository, job, STEP + ":part0", BatchStatus.STARTING);
		String own = this.context.bean(DatabaseIdentity.class).id();
		assertThat(own).hasSize(36);
		byte[] request = (STEP + ":" + partition.getId()).getBytes(StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>();
		PartitionWorker worker = this.context.bean(PartitionWorker.class);

		// a request of a step execution with the same number in another database
		PartitionWorker.Taken foreign = worker.take(request, "0badc0de-0000-4000-8000-000000000000", lines::add);
		// one that names no database (not sent by a manager of this version)
		worker.take(request, null, lines::add);

		assertThat(foreign).as("the request goes to the end of the queue, for a worker of its database")
			.isEqualTo(PartitionWorker.Taken.ELSEWHERE);
		assertThat(lines).containsExactly(
				STEP + " execution " + partition.getId() + ": a request of another database (0badc0de…) than this"
						+ " worker's (" + own.substring(0, 8) + "…); it goes to the end of the queue in 5 s. Give"
						+ " each database a queue of its own (cardops.partitions.queue), and its workers the same --db"
						+ " as its manager",
				"skipped " + STEP + " execution " + partition.getId()
						+ ": the request does not name its database (cardops-database)");
		assertThat(repository.getStepExecution(partition.getId()).getStatus()).as("nothing ran")
			.isEqualTo(BatchStatus.STARTING);
	}

	@Test
	void aPartitionThatFailsOnAWorkerCarriesTheWorkersSentenceForTheManager() throws Exception {
		assumeTrue(JobsContext.postgres(), "remote partitions need PostgreSQL (-Dcardops.test.db=postgres)");
		this.context = JobsContext.start(this.work, Map.of("cardops.partitions.mode", "remote"));
		JobRepository repository = this.context.bean(JobRepository.class);
		JobExecution job = reconcileExecution(repository);
		job.setStatus(BatchStatus.STARTED);
		repository.update(job);
		// a partition whose context names nothing to judge: it cannot even start
		StepExecution partition = step(repository, job, STEP + ":part0", BatchStatus.STARTING);
		List<String> lines = new ArrayList<>();

		this.context.bean(PartitionWorker.class).run(new StepExecutionRequest(STEP, partition.getId()), lines::add);

		assertThat(lines).first().asString().startsWith(STEP + ":part0 of job execution " + job.getId() + " failed: ");
		StepExecution stored = repository.getStepExecution(partition.getId());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.FAILED);
		String said = lines.get(0).substring(lines.get(0).indexOf(" failed: ") + " failed: ".length());
		// (after the worker's name: the log the sentence may name is on its machine)
		assertThat(stored.getExitStatus().getExitDescription())
			.startsWith(Failures.WORKER_REASON + Worker.name() + ": " + said);
	}

	@Test
	void aMessageThatIsNoRequestIsRefusedWithWhatItSaid() {
		StepExecutionRequest request = PartitionRequests.decode((STEP + ":42").getBytes(StandardCharsets.UTF_8));
		assertThat(request.getStepName()).isEqualTo(STEP);
		assertThat(request.getStepExecutionId()).isEqualTo(42L);
		assertThat(PartitionRequests.decode(PartitionRequests.encode(request)).getStepExecutionId()).isEqualTo(42L);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> PartitionRequests.decode("hello".getBytes(StandardCharsets.UTF_8)))
			.withMessage("not a partition request: hello");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PartitionRequests.decode((STEP + ":x").getBytes(StandardCharsets.UTF_8)))
			.withMessage("not a partition request: " + STEP + ":x");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PartitionRequests.decode("a".repeat(200).getBytes(StandardCharsets.UTF_8)))
			.withMessage("not a partition request: " + "a".repeat(80) + "...");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PartitionRequests.decode("\u001b[2Jcleared\n".getBytes(StandardCharsets.UTF_8)))
			.withMessage("not a partition request: ?[2Jcleared?");
	}

	private static void server(String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(
				System.getProperty("cardops.test.pg-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	/** A reconcile job execution, for its partitions' step executions. */
	private static JobExecution reconcileExecution(JobRepository repository) {
		return reconcileExecution(repository, "2026-10-14");
	}

	private static JobExecution reconcileExecution(JobRepository repository, String date) {
		JobParameters parameters = new JobParametersBuilder().addString("date", date).toJobParameters();
		JobInstance instance = repository.createJobInstance("reconcile", parameters);
		return repository.createJobExecution(instance, parameters, new ExecutionContext());
	}

	private static StepExecution step(JobRepository repository, JobExecution job, String name, BatchStatus status) {
		StepExecution step = repository.createStepExecution(name, job);
		step.setStatus(status);
		repository.update(step);
		return step;
	}

}
