package io.cardops.jobs.support;

import java.time.LocalDate;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Reads and writes what the steps of one run tell each other and the runner, through the
 * job's execution context (which survives a restart).
 */
public final class RunContext {

	static final String OUTCOME = "cardops.outcome";

	static final String COUNTS = "cardops.counts";

	static final String MESSAGE = "cardops.message";

	private RunContext() {
	}

	/**
	 * The job execution a step runs in.
	 * @param chunkContext the step's chunk context
	 * @return the job execution
	 */
	public static JobExecution jobExecution(ChunkContext chunkContext) {
		return chunkContext.getStepContext().getStepExecution().getJobExecution();
	}

	/**
	 * The business date of a run keyed by a date (its {@code date} job parameter).
	 * @param chunkContext the step's chunk context
	 * @return the date
	 */
	public static LocalDate date(ChunkContext chunkContext) {
		return LocalDate.parse((String) chunkContext.getStepContext().getJobParameters().get("date"));
	}

	/**
	 * Records the run's summary in its job execution; the last one recorded is what the
	 * run reports.
	 * @param execution the job execution
	 * @param summary the summary
	 */
	public static void report(JobExecution execution, RunSummary summary) {
		ExecutionContext context = execution.getExecutionContext();
		context.putString(OUTCOME, summary.outcome().name());
		context.putString(COUNTS, summary.countsText());
		if (summary.message() != null) {
			context.putString(MESSAGE, summary.message());
		}
		else {
			context.remove(MESSAGE);
		}
	}

}
