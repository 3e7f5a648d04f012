package io.cardops.jobs.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.cardops.jobs.JobName;

/**
 * Registers this process as the owner of each job execution, beats its heartbeat while
 * the job runs, and records the run's outcome and counts when it ends.
 */
@Component
public class JobRunListener implements JobExecutionListener {

	private static final long HEARTBEAT_SECONDS = 15;

	/**
	 * A worker's sentence as it records it: its {@code <pid>@<host>}, then the sentence.
	 */
	private static final Pattern WORKER_NAMED = Pattern.compile("(\\d+@[^\\s:]+): (.*)", Pattern.DOTALL);

	private final JobRunRepository runs;

	private final StepResults results;

	private final ScheduledExecutorService heartbeats = Daemons.timer("cardops-heartbeat");

	private final Path errorLog;

	private final ObjectProvider<JobRepository> repository;

	/**
	 * The heartbeat of each execution this process runs: a nightly chain's execution
	 * beats while its jobs' executions run inside it.
	 */
	private final Map<Long, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();

	/**
	 * Creates the listener.
	 * @param runs the run records
	 * @param results what the steps of each run recorded
	 * @param errorLog where the stack trace of an unexpected failure is written
	 * ({@code cardops.error-log})
	 * @param repository the job repository, where a worker process's partitions end
	 */
	public JobRunListener(JobRunRepository runs, StepResults results,
			@Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog,
			ObjectProvider<JobRepository> repository) {
		this.runs = runs;
		this.results = results;
		this.errorLog = errorLog;
		this.repository = repository;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		JobName name = JobName.ofBatchName(execution.getJobInstance().getJobName());
		String key = JobRunner.businessKey(execution.getJobParameters());
		this.runs.register(execution.getId(), (name != null) ? name.command() : execution.getJobInstance().getJobName(),
				key, RunSource.current(), RunSource.chain());
		long id = execution.getId();
		this.beating.put(id, this.heartbeats.scheduleAtFixedRate(() -> this.runs.heartbeat(id), HEARTBEAT_SECONDS,
				HEARTBEAT_SECONDS, TimeUnit.SECONDS));
	}

	@Override
	public void afterJob(JobExecution execution) {
		ScheduledFuture<?> beat = this.beating.remove(execution.getId());
		if (beat != null) {
			beat.cancel(false);
		}
		ExecutionContext context = execution.getExecutionContext();
		if (execution.getStatus() == BatchStatus.COMPLETED && !context.containsKey(RunContext.OUTCOME)) {
			// A restart that found every step complete: the process that ran the last one
			// died before Spring Batch saved the job's context with the summary in it.
			this.results.reported(execution.getJobInstance().getInstanceId())
				.ifPresent((summary) -> RunContext.report(execution, summary));
		}
		RunOutcome outcome;
		String counts = context.containsKey(RunContext.COUNTS) ? context.getString(RunContext.COUNTS) : "";
		String message = context.containsKey(RunContext.MESSAGE) ? context.getString(RunContext.MESSAGE) : null;
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			outcome = RunOutcome.FAILED;
			message = failure(execution);
		}
		else {
			outcome = context.containsKey(RunContext.OUTCOME)
					? RunOutcome.valueOf(context.getString(RunContext.OUTCOME)) : RunOutcome.COMPLETED;
		}
		this.runs.finish(execution.getId(), outcome, counts + ((message != null) ? "\n" + message : ""));
	}

	/**
	 * Why a run failed, in words. A partition's own failure says why; the partition
	 * step's ("Partition handler returned an unsuccessful step") says only that one did,
	 * and comes last. A partition run on a worker process left its reason only in the job
	 * repository, as the text of its exit: when the worker's failure was cardops's own,
	 * its message is taken from there.
	 */
	private String failure(JobExecution execution) {
		List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
		failures.sort(Comparator.comparing((Throwable failure) -> failure instanceof JobExecutionException));
		if (failures.isEmpty() || failures.get(0) instanceof JobExecutionException) {
			String remote = workerReason(execution.getId());
			if (remote != null) {
				return remote;
			}
		}
		return failures.isEmpty() ? "stopped" : describe(failures.get(0), what(execution));
	}

	/**
	 * The message of the first failed partition whose exit text shows cardops's own
	 * failure ({@code <exception>: <message>}, then a first frame in cardops) or a
	 * worker's sentence ({@link Failures#WORKER_REASON}), or null.
	 */
	private String workerReason(long executionId) {
		JobRepository repository = this.repository.getIfAvailable();
		JobExecution stored = (repository != null) ? repository.getJobExecution(executionId) : null;
		if (stored == null) {
			return null;
		}
		for (StepExecution step : stored.getStepExecutions()) {
			String exit = step.getExitStatus().getExitDescription();
			if (step.getStatus() != BatchStatus.FAILED || !step.getStepName().contains(":") || exit == null) {
				continue;
			}
			if (exit.startsWith(Failures.WORKER_REASON)) {
				// the sentence the worker printed (PartitionWorker)
				// (the worker's <pid>@<host> first: the log it names is on that machine)
				String said = exit.substring(Failures.WORKER_REASON.length()).split("\n", 2)[0].strip();
				Matcher named = WORKER_NAMED.matcher(said);
				return named.matches() ? "on the worker " + named.group(1) + ", " + named.group(2)
						: "on a worker, " + said;
			}
			String[] lines = exit.split("\n", 3);
			int colon = lines[0].indexOf(": ");
			String reason = (colon > 0) ? lines[0].substring(colon + 2).strip() : "";
			// As for a failure in this process (Failures.known): thrown by cardops, and
			// then only if its text carries no driver's or library's words.
			if (lines.length > 1 && lines[1].strip().startsWith("at io.cardops.") && Failures.plain(reason)) {
				return reason;
			}
		}
		return null;
	}

	/**
	 * A failure in words: cardops's own message, or, for an unexpected failure, a
	 * sentence pointing at the log its stack trace was written to.
	 */
	private String describe(Throwable failure, String what) {
		return Failures.explain(failure, what, this.errorLog);
	}

	/**
	 * The job and the step that failed: {@code reconcile in loadLedgerStep}. The last
	 * step that failed, else the last that did not complete: a partition still starting
	 * when its manager's step failed did not fail itself.
	 */
	static String what(JobExecution execution) {
		JobName name = JobName.ofBatchName(execution.getJobInstance().getJobName());
		String job = (name != null) ? name.command() : execution.getJobInstance().getJobName();
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED || step.getStatus() == BatchStatus.UNKNOWN)
			.map(StepExecution::getStepName)
			.reduce((first, last) -> last)
			.or(() -> execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getStatus() != BatchStatus.COMPLETED)
				.map(StepExecution::getStepName)
				.reduce((first, last) -> last))
			.map((step) -> job + " in " + step)
			.orElse(job);
	}

}
