package io.cardops.jobs.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What each step of a run found, recorded in the step's transaction with its work, so
 * that a restart reports what the run did even when the process died between the commit
 * of a step's work and Spring Batch marking the step complete. The restart runs that step
 * again (its work is idempotent and finds nothing new) and keeps the result the first
 * pass recorded; before, it reported its own empty pass ({@code files=0}, {@code NOOP}).
 * Spring Batch's execution contexts are no place for this: the job's is saved after the
 * step's transaction, and a step's is saved even when its transaction rolled back.
 */
@Component
public class StepResults {

	/**
	 * For the crash tests: the name of a step after whose commit the process halts, as if
	 * killed in the instant before Spring Batch marks the step complete.
	 */
	public static final String HALT_AFTER_COMMIT = "cardops.test.halt-after-commit";

	private static final String OUTCOME = "outcome";

	private static final String COUNTS = "counts";

	private static final String MESSAGE = "message";

	private final JdbcClient jdbc;

	/**
	 * Creates the results.
	 * @param jdbc the database, in the step's transaction
	 */
	public StepResults(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Runs the step's work and returns the step's result for the run: the one an earlier
	 * pass of the same run recorded, if its work committed, otherwise this pass's,
	 * recorded now in the step's transaction.
	 * @param chunk the step's chunk context
	 * @param work the step's work, returning its result
	 * @return the step's result for the run
	 * @throws Exception when the work fails (nothing is recorded)
	 */
	public Map<String, String> record(ChunkContext chunk, Callable<Map<String, String>> work) throws Exception {
		StepExecution step = chunk.getStepContext().getStepExecution();
		Map<String, String> result = work.call();
		Map<String, String> earlier = of(chunk, step.getStepName());
		if (!earlier.isEmpty()) {
			return earlier;
		}
		long instance = step.getJobExecution().getJobInstance().getInstanceId();
		result.forEach((key, value) -> this.jdbc
			.sql("INSERT INTO step_result (job_instance_id, step_name, result_key, result_value) VALUES (?, ?, ?, ?)")
			.params(instance, step.getStepName(), key, value)
			.update());
		if (step.getStepName().equals(System.getProperty(HALT_AFTER_COMMIT))) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					Runtime.getRuntime().halt(137);
				}

			});
		}
		return result;
	}

	/**
	 * Runs a step's work that ends the run and reports its summary: the one an earlier
	 * pass of the same run recorded, if its work committed, otherwise this pass's.
	 * @param chunk the step's chunk context
	 * @param work the step's work, returning the run's summary
	 * @throws Exception when the work fails (nothing is recorded or reported)
	 */
	public void report(ChunkContext chunk, Callable<RunSummary> work) throws Exception {
		Map<String, String> summary = record(chunk, () -> {
			RunSummary done = work.call();
			Map<String, String> values = new LinkedHashMap<>();
			values.put(OUTCOME, done.outcome().name());
			values.put(COUNTS, done.countsText());
			values.put(MESSAGE, done.message());
			return values;
		});
		RunContext.report(RunContext.jobExecution(chunk), summary(summary));
	}

	/**
	 * The summary a step of a run reported through {@link #report}, for a restart that
	 * finds every step complete: the process died after the last step was marked complete
	 * and before Spring Batch saved the job's execution context, which then lacks it.
	 * @param jobInstanceId the run
	 * @return the summary, empty when no step reported one
	 */
	public Optional<RunSummary> reported(long jobInstanceId) {
		Map<String, String> values = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT result_key, result_value FROM step_result WHERE job_instance_id = ?"
					+ " AND result_key IN (?, ?, ?)")
			.params(jobInstanceId, OUTCOME, COUNTS, MESSAGE)
			.query((RowCallbackHandler) (rs) -> values.put(rs.getString(1), rs.getString(2)));
		return values.containsKey(OUTCOME) ? Optional.of(summary(values)) : Optional.empty();
	}

	private static RunSummary summary(Map<String, String> values) {
		return RunSummary.of(RunOutcome.valueOf(values.get(OUTCOME)))
			.withPairs(values.get(COUNTS))
			.withMessage(values.get(MESSAGE));
	}

	/**
	 * The result a step of the same run recorded.
	 * @param chunk the chunk context of a step of the run
	 * @param stepName the step
	 * @return its result, empty when it recorded none
	 */
	public Map<String, String> of(ChunkContext chunk, String stepName) {
		long instance = RunContext.jobExecution(chunk).getJobInstance().getInstanceId();
		Map<String, String> result = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT result_key, result_value FROM step_result WHERE job_instance_id = ? AND step_name = ?"
					+ " ORDER BY result_key")
			.params(instance, stepName)
			.query((RowCallbackHandler) (rs) -> result.put(rs.getString(1), rs.getString(2)));
		return result;
	}

}
