package io.cardops.jobs.roster;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunListener;
import io.cardops.jobs.support.RunContext;
import io.cardops.jobs.support.StepResults;

/**
 * The roster import job: {@value #LOAD_STEP} stages the upload, {@value #APPLY_STEP}
 * judges and applies it. Each step is one transaction; the glue stays thin and hands off
 * to {@link RosterImportService}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RosterUploadProperties.class)
public class RosterImportJobConfiguration {

	/** Checks the file and stages its accepted rows. */
	public static final String LOAD_STEP = "loadRosterStep";

	/** Applies the safety rules and switches the snapshot. */
	public static final String APPLY_STEP = "applyRosterStep";

	@Bean
	Job rosterImportJob(JobRepository jobRepository, Step loadRosterStep, Step applyRosterStep,
			JobRunListener runListener) {
		return new JobBuilder(JobName.ROSTER_IMPORT.batchName(), jobRepository).listener(runListener)
			.start(loadRosterStep)
			.next(applyRosterStep)
			.build();
	}

	@Bean
	Step loadRosterStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RosterImportService roster) {
		return new StepBuilder(LOAD_STEP, jobRepository).tasklet((contribution, chunk) -> {
			RosterImportRequest request = RosterImportRequest.fromParameters(chunk.getStepContext().getJobParameters());
			roster.load(request, RunContext.jobExecution(chunk).getJobInstanceId());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step applyRosterStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RosterImportService roster, StepResults results) {
		return new StepBuilder(APPLY_STEP, jobRepository).tasklet((contribution, chunk) -> {
			long importId = roster.importOf(RunContext.jobExecution(chunk).getJobInstanceId());
			results.report(chunk, () -> roster.apply(importId));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
