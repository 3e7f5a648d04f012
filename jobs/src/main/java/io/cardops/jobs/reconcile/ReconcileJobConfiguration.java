package io.cardops.jobs.reconcile;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunListener;
import io.cardops.jobs.support.RunContext;
import io.cardops.jobs.support.StepResults;

/**
 * The reconciliation job: {@value #LOAD_STEP} takes the date's new files in,
 * {@value #JUDGE_STEP} judges their rows per card, {@value #MATCH_STEP} matches top-ups
 * with payments and publishes the exceptions. Each step is one transaction; a failed step
 * restarts alone and judged rows are never judged twice.
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileJobConfiguration {

	/** Loads the date's tap, recharge and payment files. */
	public static final String LOAD_STEP = "loadLedgerStep";

	/** Judges the new rows per card in card_seq order. */
	public static final String JUDGE_STEP = "judgeLedgerStep";

	/** Matches payments and publishes the exceptions. */
	public static final String MATCH_STEP = "matchPaymentsStep";

	private static final String FILES = "reconcile.files";

	@Bean
	Job reconcileJob(JobRepository jobRepository, Step loadLedgerStep, Step judgeLedgerStep, Step matchPaymentsStep,
			JobRunListener runListener) {
		return new JobBuilder(JobName.RECONCILE.batchName(), jobRepository).listener(runListener)
			.start(loadLedgerStep)
			.next(judgeLedgerStep)
			.next(matchPaymentsStep)
			.build();
	}

	@Bean
	Step loadLedgerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			LedgerLoadService loader, ExceptionsPublisher publisher, StepResults results) {
		return new StepBuilder(LOAD_STEP, jobRepository).tasklet((contribution, chunk) -> {
			results.record(chunk, () -> {
				LedgerLoadService.Loaded loaded = loader.load(RunContext.date(chunk));
				return Map.of(FILES, Integer.toString(loaded.files()));
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step judgeLedgerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, LedgerJudge judge,
			StepResults results) {
		return new StepBuilder(JUDGE_STEP, jobRepository).tasklet((contribution, chunk) -> {
			results.record(chunk,
					() -> Map.of("reconcile.files-judged", Integer.toString(judge.judge(RunContext.date(chunk)))));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
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
