package io.cardops.schedules.schedule;

import java.time.LocalDate;
import java.util.function.Consumer;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSource;
import io.cardops.jobs.support.RunSummary;

/**
 * A step of the nightly chain: runs the job (or jobs) of one {@link ChainStep} for the
 * chain's date and fails when one of them failed, which stops the chain there.
 *
 * <p>
 * Like Spring Batch's {@code JobStep}, it runs no transaction of its own around its jobs
 * (each job commits its own work); unlike it, it launches them through
 * {@link io.cardops.jobs.support.JobRunner} rather than {@code JobOperator.start}. A
 * {@code JobStep} restarts its job with the parameters it saved, and that is all it can
 * do: it cannot restart a job whose process died (Spring Batch still shows it running and
 * refuses), cannot tell a live run of another process from a dead one, and runs one job
 * for one set of parameters, where the roster step imports every upload not imported yet
 * and the settle step settles the date and every earlier date a desk release reopened.
 * {@code JobRunner} does each of those for every way a job is started.
 *
 * <p>
 * How many results the step reported (the reference load, each job's run, each a run of
 * its own in {@code cardops runs}) is its write count; the chain's tally of them and of
 * rejected and held inputs is in the job's execution context, which a restart carries on.
 */
final class ChainJobStep extends AbstractStep {

	/** The chain's count of job runs, across its restarts. */
	static final String RUNS = "cardops.chain.runs";

	/**
	 * The chain's count of partners' files its runs rejected whole
	 * ({@code files_rejected} of card-events and reconcile), across its restarts: a run
	 * that completed may have turned a file away.
	 */
	static final String FILES_REJECTED = "cardops.chain.files_rejected";

	/**
	 * Why the chain's steps without a run of their own (the reference load) refused their
	 * input: said in the chain's summary, since no other run records it.
	 */
	static final String NOTES = "cardops.chain.notes";

	/** How much of the notes the chain's summary keeps. */
	private static final int NOTES_LENGTH = 1500;

	private final Work work;

	ChainJobStep(String name, JobRepository repository, Work work) {
		super(repository);
		setName(name);
		this.work = work;
	}

	@Override
	protected void doExecute(StepExecution execution) {
		LocalDate date = LocalDate.parse(execution.getJobParameters().getString("date"));
		JobExecution job = execution.getJobExecution();
		if (getName().equals(ChainStep.REFERENCE.id())) {
			// A restarted chain carries its failed execution's context: the notes were
			// the reference load's, and this attempt says its own (a chain that completed
			// kept the reason an earlier attempt failed).
			job.getExecutionContext().remove(NOTES);
		}
		StepResult failed = RunSource.inChain(job.getId(), () -> this.work.run(date, (result) -> {
			execution.setWriteCount(execution.getWriteCount() + 1);
			tally(job.getExecutionContext(), result.outcome());
			filesRejected(job.getExecutionContext(), result.line());
			if (result.outcome() != RunOutcome.COMPLETED && result.message() != null
					&& result.step().equals(ChainStep.REFERENCE.id())) {
				note(job.getExecutionContext(), result.step() + ": " + result.message());
			}
			ChainProgress.report(result);
		}));
		if (failed != null) {
			throw new ChainStepFailedException(
					(failed.message() != null && !failed.message().isBlank()) ? failed.message() : failed.line());
		}
	}

	private static void tally(ExecutionContext context, RunOutcome outcome) {
		context.putInt(RUNS, context.getInt(RUNS, 0) + 1);
		if (outcome == RunOutcome.REJECTED || outcome == RunOutcome.HELD) {
			String key = key(outcome);
			context.putInt(key, context.getInt(key, 0) + 1);
		}
	}

	private static void filesRejected(ExecutionContext context, String line) {
		RunSummary.value(line, "files_rejected")
			.ifPresent((count) -> context.putInt(FILES_REJECTED,
					context.getInt(FILES_REJECTED, 0) + Integer.parseInt(count)));
	}

	private static void note(ExecutionContext context, String note) {
		String notes = context.containsKey(NOTES) ? context.getString(NOTES) + "; " + note : note;
		context.putString(NOTES,
				(notes.length() > NOTES_LENGTH) ? notes.substring(0, NOTES_LENGTH - 3) + "..." : notes);
	}

	static String key(RunOutcome outcome) {
		return "cardops.chain." + outcome.name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * What a chain step does for a date.
	 */
	@FunctionalInterface
	interface Work {

		/**
		 * Runs the step's jobs, reporting each one's result as soon as it is known.
		 * @param date the chain's date
		 * @param report told of each result
		 * @return the failed result that stops the chain, or null to go on
		 */
		StepResult run(LocalDate date, Consumer<StepResult> report);

	}

	/**
	 * A job of the chain failed: the chain stops at this step, with that job's message.
	 */
	static final class ChainStepFailedException extends RuntimeException {

		ChainStepFailedException(String message) {
			super(message);
		}

	}

}
