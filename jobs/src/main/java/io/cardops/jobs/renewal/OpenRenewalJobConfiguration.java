package io.cardops.jobs.renewal;

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
 * The renewal-window job: one step, {@value #OPEN_STEP}, in one transaction.
 */
@Configuration(proxyBeanMethods = false)
public class OpenRenewalJobConfiguration {

	/** Opens the window and publishes the eligibility lists. */
	public static final String OPEN_STEP = "openRenewalStep";

	@Bean
	Job openRenewalJob(JobRepository jobRepository, Step openRenewalStep, JobRunListener runListener) {
		return new JobBuilder(JobName.OPEN_RENEWAL.batchName(), jobRepository).listener(runListener)
			.start(openRenewalStep)
			.build();
	}

	@Bean
	Step openRenewalStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			OpenRenewalService renewal, StepResults results) {
		return new StepBuilder(OPEN_STEP, jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = RunContext.date(chunk);
			results.report(chunk, () -> renewal.open(date));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
