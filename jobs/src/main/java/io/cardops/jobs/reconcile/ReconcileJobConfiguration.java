package io.cardops.jobs.reconcile;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.cardops.jobs.JobName;
import io.cardops.jobs.partition.PartitionHandlers;
import io.cardops.jobs.partition.PartitionSettings;
import io.cardops.jobs.partition.Worker;
import io.cardops.jobs.support.JobRunListener;
import io.cardops.jobs.support.RunContext;
import io.cardops.jobs.support.StepResults;

/**
 * The reconciliation job: {@value #LOAD_STEP} takes the date's new files in,
 * {@value #PARTITIONS_STEP} judges their rows per card in partitions (each a
 * {@value #PARTITION_STEP} execution, on a thread or on a worker process), and
 * {@value #JUDGE_STEP} publishes the partitions' results, {@value #MATCH_STEP} matches
 * top-ups with payments and publishes the exceptions. Each step and each partition is one
 * transaction; a failed step restarts alone, a restart runs again only the partitions
 * that did not complete, and judged rows are never judged twice.
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileJobConfiguration {

	/** Loads the date's tap, recharge and payment files. */
	public static final String LOAD_STEP = "loadLedgerStep";

	/** Splits the date's cards into partitions and waits for their judging. */
	public static final String PARTITIONS_STEP = "judgePartitionsStep";

	/**
	 * Judges one partition's new rows per card in card_seq order, and stages the results.
	 */
	public static final String PARTITION_STEP = "judgePartitionStep";

	/**
	 * Publishes the judging: moves every partition's stage into the ledger and marks the
	 * files judged.
	 */
	public static final String JUDGE_STEP = "judgeLedgerStep";

	/**
	 * For the worker tests: seconds a partition waits after staging its results and
	 * before its transaction commits, so that its process can be killed mid-partition.
	 */
	public static final String PAUSE_IN_PARTITION = "cardops.test.pause-in-partition";

	/**
	 * For the restart tests: {@code <date>:<part>}, the partition that fails after
	 * staging its results (its transaction rolls back).
	 */
	public static final String FAIL_IN_PARTITION = "cardops.test.fail-in-partition";

	/** Matches payments and publishes the exceptions. */
	public static final String MATCH_STEP = "matchPaymentsStep";

	private static final String FILES = "reconcile.files";

	/** Where Spring Batch keeps a partition step's grid size for its restarts. */
	private static final String GRID_SIZE = SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE";

	@Bean
	Job reconcileJob(JobRepository jobRepository, Step loadLedgerStep, Step judgePartitionsStep, Step judgeLedgerStep,
			Step matchPaymentsStep, JobRunListener runListener, DaySpills spills) {
		return new JobBuilder(JobName.RECONCILE.batchName(), jobRepository).listener(runListener)
			.listener(spills)
			.start(loadLedgerStep)
			.next(judgePartitionsStep)
			.next(judgeLedgerStep)
			.next(matchPaymentsStep)
			.build();
	}

	@Bean
	Step loadLedgerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			LedgerLoadService loader, ExceptionsPublisher publisher, StepResults results, DaySpills spills,
			PartitionSettings partitions, ReconcileSettings settings) {
		return new StepBuilder(LOAD_STEP, jobRepository).tasklet((contribution, chunk) -> {
			results.record(chunk, () -> {
				LocalDate date = RunContext.date(chunk);
				// The rows are ordered per card as they are read only for partitions
				// judged in this process; a worker process reads them from the database.
				DaySpill spill = (settings.sortWhileLoading() && partitions.mode() == PartitionSettings.Mode.LOCAL)
						? spills.open(chunk.getStepContext().getStepExecution().getJobExecutionId(), date,
								partitions.count(), settings)
						: null;
				LedgerLoadService.Loaded loaded = loader.load(date, spill);
				return Map.of(FILES, Integer.toString(loaded.files()));
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step judgePartitionsStep(JobRepository jobRepository, Step judgePartitionStep, PartitionHandlers handlers,
			PartitionSettings settings) {
		return new StepBuilder(PARTITIONS_STEP, jobRepository).partitioner(PARTITION_STEP, new JudgePartitioner())
			.partitionHandler(handlers.of(judgePartitionStep, settings.count()))
			.build();
	}

	/**
	 * One partition of the judging, the worker step: which partition it is comes from its
	 * step execution context, the date from the job's parameters.
	 */
	@Bean
	Step judgePartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet judgePartitionTasklet) {
		return new StepBuilder(PARTITION_STEP, jobRepository).tasklet(judgePartitionTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	Tasklet judgePartitionTasklet(LedgerJudge judge, DaySpills spills, @Value("#{jobParameters['date']}") String date,
			@Value("#{stepExecutionContext['" + JudgePartitioner.PART + "']}") int part,
			@Value("#{stepExecutionContext['" + JudgePartitioner.PARTS + "']}") int parts) {
		return (contribution, chunk) -> {
			long execution = chunk.getStepContext().getStepExecution().getJobExecutionId();
			LedgerJudge.PartJudged judged = judge.judgePart(LocalDate.parse(date), part, parts, Worker.name(),
					spills.of(execution).orElse(null));
			long rows = judged.rows();
			// Read by the tests and by whoever looks at the step execution: how many rows
			// this execution judged (-1: the partition was staged already, by an earlier
			// one), where it read the new rows (the load's sort, or the database), and
			// which process judged them (a worker's host and process, or the manager's).
			ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
			context.putLong("rows", rows);
			context.putString("new_rows_from", judged.sortedWhileLoading() ? "load" : "database");
			context.putString("judged_by", Worker.name());
			contribution.incrementWriteCount(Math.max(rows, 0));
			pauseForTests(part);
			if ((date + ":" + part).equals(System.getProperty(FAIL_IN_PARTITION))) {
				throw new IllegalStateException(
						"partition " + part + " of " + date + " fails (" + FAIL_IN_PARTITION + ")");
			}
			return RepeatStatus.FINISHED;
		};
	}

	private static void pauseForTests(int part) throws InterruptedException {
		String seconds = System.getProperty(PAUSE_IN_PARTITION);
		if (seconds != null) {
			System.err.println("cardops: partition " + part + " staged; pausing " + seconds + " s before commit");
			Thread.sleep(Long.parseLong(seconds) * 1000);
		}
	}

	@Bean
	Step judgeLedgerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, LedgerJudge judge,
			PartitionSettings settings, StepResults results) {
		return new StepBuilder(JUDGE_STEP, jobRepository).tasklet((contribution, chunk) -> {
			StepExecution step = chunk.getStepContext().getStepExecution();
			int parts = gridSize(jobRepository, step, settings.count());
			results.record(chunk, () -> Map.of("reconcile.files-judged",
					Integer.toString(judge.finish(RunContext.date(chunk), parts, Worker.name()))));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/**
	 * The number of partitions the run's partition step split the date into: the setting
	 * when it ran, which a restart keeps even when the setting changed since.
	 */
	private static int gridSize(JobRepository jobRepository, StepExecution step, int setting) {
		StepExecution partitions = jobRepository.getLastStepExecution(step.getJobExecution().getJobInstance(),
				PARTITIONS_STEP);
		if (partitions == null) {
			return setting;
		}
		return (int) partitions.getExecutionContext().getLong(GRID_SIZE, setting);
	}

	@Bean
	Step matchPaymentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PaymentMatcher matcher, ExceptionsPublisher publisher, StepResults results) {
		return new StepBuilder(MATCH_STEP, jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = RunContext.date(chunk);
			Map<String, String> loaded = results.of(chunk, LOAD_STEP);
			results.report(chunk, () -> {
				matcher.match(date);
				publisher.countRaised(date);
				return publisher.publish(date, Integer.parseInt(loaded.getOrDefault(FILES, "1")));
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
