package io.cardops.jobs.support;

import java.util.LinkedHashMap;
import java.util.Map;
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
			values.put("outcome", done.outcome().name());
			values.put("counts", done.countsText());
			values.put("message", done.message());
			return values;
		});
		RunContext.report(chunk,
				RunSummary.of(RunOutcome.valueOf(summary.get("outcome")))
					.withPairs(summary.get("counts"))
					.withMessage(summary.get("message")));
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
