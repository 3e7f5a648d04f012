package io.cardops.jobs.settle;

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
 * The settlement job: one step, {@value #SETTLE_STEP}, in one transaction (the version
 * records commit only after every file is in place).
 */
@Configuration(proxyBeanMethods = false)
public class SettleJobConfiguration {

	/** Computes, checks and publishes the settlement of the date. */
	public static final String SETTLE_STEP = "settleStep";

	@Bean
	Job settleJob(JobRepository jobRepository, Step settleStep, JobRunListener runListener) {
		return new JobBuilder(JobName.SETTLE.batchName(), jobRepository).listener(runListener)
			.start(settleStep)
			.build();
	}

	@Bean
	Step settleStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SettlementService settlement, StepResults results) {
		return new StepBuilder(SETTLE_STEP, jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = RunContext.date(chunk);
			results.report(chunk, () -> settlement.settle(date, RunContext.jobExecution(chunk).getId()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
