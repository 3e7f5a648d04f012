package io.cardops.jobs.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunRepository.JobRun;

/**
 * Runs a job for its business parameters (a date, a roster file...), restarting instead
 * of starting anew when the last run with the same parameters failed or died with its
 * process.
 *
 * <p>
 * Each fresh start gets a unique {@code run.id}, so the same date can be run again after
 * it completed (every job is idempotent); a failed run is restarted through Spring Batch,
 * so its completed steps are not repeated. A run still owned by a live process is never
 * started twice.
 */
@Component
public class JobRunner {

	/** The identifying parameter that makes each fresh start a new job instance. */
	public static final String RUN_ID = "run.id";

	private final JobOperator operator;

	private final JobRepository repository;

	private final Map<String, Job> jobs;

	private final JobRunRepository runs;

	/**
	 * Creates the runner.
	 * @param operator the Spring Batch operator
	 * @param repository the job repository
	 * @param jobs every job
	 * @param runs the run owner records
	 */
	public JobRunner(JobOperator operator, JobRepository repository, List<Job> jobs, JobRunRepository runs) {
		this.operator = operator;
		this.repository = repository;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, (job) -> job));
		this.runs = runs;
	}

	/**
	 * Runs a job to its end.
	 * @param name the job
	 * @param business the business parameters, all identifying
	 * @return the outcome and summary
	 * @throws RunRefusedException when a run with the same parameters is still in
	 * progress
	 */
	public RunResult run(JobName name, Map<String, String> business) {
		Job job = this.jobs.get(name.batchName());
		if (job == null) {
			throw new IllegalStateException("job " + name.batchName() + " is not defined");
		}
		JobParametersBuilder builder = new JobParametersBuilder();
		new TreeMap<>(business).forEach((key, value) -> builder.addString(key, value, true));
		JobParameters parameters = builder.toJobParameters();
		String key = businessKey(parameters);
		JobExecution execution;
		try {
			Optional<JobExecution> unfinished = this.runs.latest(name.command(), key)
				.map((run) -> unfinished(run))
				.orElse(Optional.empty());
			if (unfinished.isPresent()) {
				execution = this.operator.restart(unfinished.get());
			}
			else {
				builder.addString(RUN_ID, UUID.randomUUID().toString(), true);
				execution = this.operator.start(job, builder.toJobParameters());
			}
		}
		catch (RunRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// The framework's or the driver's text is no message for an operator: the
			// caller says what kind of failure it was, and logs the cause.
			throw new IllegalStateException("cannot launch " + name.command(), ex);
		}
		return result(execution);
	}

	private Optional<JobExecution> unfinished(JobRun run) {
		JobExecution previous = this.repository.getJobExecution(run.executionId());
		if (previous == null) {
			return Optional.empty();
		}
		// A restart whose process died after Spring Batch created its execution but
		// before it registered as the owner leaves a newer execution of the same
		// instance with no owner record; Spring Batch refuses every restart while that
		// one shows as running.
		JobExecution last = this.repository.getLastJobExecution(previous.getJobInstance());
		if (last != null && last.getId() > previous.getId() && last.getStatus().isRunning()) {
			if (!this.runs.unregisteredAbandoned(last.getCreateTime())) {
				throw new RunRefusedException("a run with the same parameters is starting (execution " + last.getId()
						+ ", no owner registered yet)");
			}
			return Optional.of(this.operator.recover(last));
		}
		BatchStatus status = previous.getStatus();
		if (status.isRunning()) {
			if (this.runs.ownerAlive(run)) {
				throw new RunRefusedException("a run with the same parameters is in progress (execution "
						+ run.executionId() + ", process " + run.ownerPid() + " on " + run.ownerHost() + ")");
			}
			// Its process died mid-run: mark it failed so that Spring Batch lets it
			// restart.
			return Optional.of(this.operator.recover(previous));
		}
		if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
			return Optional.of(previous);
		}
		return Optional.empty();
	}

	private RunResult result(JobExecution execution) {
		JobRun run = this.runs.find(execution.getId())
			.orElseThrow(() -> new IllegalStateException("execution " + execution.getId() + " was not recorded"));
		RunOutcome outcome = (run.outcome() != null) ? RunOutcome.valueOf(run.outcome()) : RunOutcome.FAILED;
		String summary = (run.summary() != null) ? run.summary() : "";
		int newline = summary.indexOf('\n');
		String counts = (newline >= 0) ? summary.substring(0, newline) : summary;
		String message = (newline >= 0) ? summary.substring(newline + 1) : null;
		return new RunResult(execution.getId(), outcome, counts, message);
	}

	/**
	 * The business key of a run: its identifying parameters other than {@link #RUN_ID},
	 * sorted.
	 * @param parameters the job parameters
	 * @return the key
	 */
	public static String businessKey(JobParameters parameters) {
		return parameters.getIdentifyingParameters()
			.stream()
			.filter((parameter) -> !RUN_ID.equals(parameter.name()))
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.map(JobRunner::pair)
			.collect(Collectors.joining(" "));
	}

	private static String pair(JobParameter<?> parameter) {
		return parameter.name() + "=" + parameter.value();
	}

	/**
	 * What a run reported.
	 *
	 * @param executionId the job execution
	 * @param outcome the outcome
	 * @param counts the {@code key=value} counts
	 * @param message a one-line message for the operator, or null
	 */
	public record RunResult(long executionId, RunOutcome outcome, String counts, String message) {
	}

	/**
	 * A run was refused because another run with the same parameters is in progress.
	 */
	public static class RunRefusedException extends RuntimeException {

		RunRefusedException(String message) {
			super(message);
		}

	}

}
