package io.cardops.jobs.expiry;

import java.time.LocalDate;

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
 * The expiry job: one step, {@value #EXPIRE_STEP}, in one transaction.
 */
@Configuration(proxyBeanMethods = false)
public class ExpireCardsJobConfiguration {

	/** Expires the cards and lists them. */
	public static final String EXPIRE_STEP = "expireCardsStep";

	@Bean
	Job expireCardsJob(JobRepository jobRepository, Step expireCardsStep, JobRunListener runListener) {
		return new JobBuilder(JobName.EXPIRE_CARDS.batchName(), jobRepository).listener(runListener)
			.start(expireCardsStep)
			.build();
	}

	@Bean
	Step expireCardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ExpireCardsService expiry, StepResults results) {
		return new StepBuilder(EXPIRE_STEP, jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = RunContext.date(chunk);
			results.report(chunk, () -> expiry.expire(date));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
