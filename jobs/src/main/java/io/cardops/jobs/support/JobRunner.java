package io.cardops.jobs.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import io.cardops.domain.digest.Sha256;
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
 * started twice. A run of a job that writes the card ledger first takes its
 * {@link RunLocks run lock}, so runs of different dates never interleave.
 */
@Component
public class JobRunner {

	/** The identifying parameter that makes each fresh start a new job instance. */
	public static final String RUN_ID = "run.id";

	private final JobOperator operator;

	private final JobRepository repository;

	private final Map<String, Job> jobs;

	private final JobRunRepository runs;

	private final RunLocks locks;

	/**
	 * Creates the runner.
	 * @param operator the Spring Batch operator
	 * @param repository the job repository
	 * @param jobs every job
	 * @param runs the run owner records
	 * @param locks what runs of different dates share
	 */
	public JobRunner(JobOperator operator, JobRepository repository, List<Job> jobs, JobRunRepository runs,
			RunLocks locks) {
		this.operator = operator;
		this.repository = repository;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, (job) -> job));
		this.runs = runs;
		this.locks = locks;
	}

	/**
	 * Runs a job to its end.
	 * @param name the job
	 * @param business the business parameters, all identifying
	 * @return the outcome and summary
	 * @throws RunRefusedException when a run with the same parameters is still in
	 * progress, or ({@link RunLocks.RunLockedException}) a live run of another date holds
	 * the card ledger this job writes
	 */
	public RunResult run(JobName name, Map<String, String> business) {
		LocalDate date = (business.get("date") != null) ? LocalDate.parse(business.get("date")) : null;
		if (!name.writesCardLedger()) {
			// Two processes that both find no run of the same parameters would each start
			// one (every run is an instance of its own, RUN_ID): what the job writes is
			// held first, a roster import's institution (as the portal's uploads hold
			// it), any other job's parameters.
			boolean roster = name == JobName.ROSTER_IMPORT && business.get("institution") != null;
			String resource = roster ? rosterResource(business.get("institution"))
					: ownResource(name, businessKey(identifying(business)));
			// (a roster import is named by its institution: "roster-import UCAS
			// 2026-10-11")
			try (RunLocks.Held held = this.locks.takeNamed(resource, roster ? resource : name.command(), date)) {
				return launch(name, business, held.takenOver().orElse(null));
			}
		}
		try (RunLocks.Held held = this.locks.take(RunLocks.CARD_LEDGER, name.command(), date)) {
			return launch(name, business, held.takenOver().orElse(null));
		}
	}

	/**
	 * The run lock of an institution's roster imports, from the command line, the portal
	 * or a schedule, which also names them in a refusal.
	 * @param institution the institution
	 * @return the resource, {@code roster-import UCAS}
	 */
	public static String rosterResource(String institution) {
		return JobName.ROSTER_IMPORT.command() + " " + institution;
	}

	/**
	 * The run lock of a job's runs with the same parameters: its name and parameters, or
	 * a digest of them where they are longer than the lock's name may be.
	 */
	private static String ownResource(JobName name, String key) {
		String resource = name.command() + " " + key;
		if (resource.length() <= 40) {
			return resource;
		}
		MessageDigest digest = Sha256.newDigest();
		digest.update(key.getBytes(StandardCharsets.UTF_8));
		return name.command() + " " + Sha256.hex(digest).substring(0, 16);
	}

	/** A run's business parameters, each identifying. */
	private static JobParameters identifying(Map<String, String> business) {
		JobParametersBuilder builder = new JobParametersBuilder();
		new TreeMap<>(business).forEach((key, value) -> builder.addString(key, value, true));
		return builder.toJobParameters();
	}

	private RunResult launch(JobName name, Map<String, String> business, String notice) {
		Job job = this.jobs.get(name.batchName());
		if (job == null) {
			throw new IllegalStateException("job " + name.batchName() + " is not defined");
		}
		JobParameters parameters = identifying(business);
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
				execution = this.operator.start(job,
						new JobParametersBuilder(parameters).addString(RUN_ID, UUID.randomUUID().toString(), true)
							.toJobParameters());
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
		return result(execution, notice);
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
			return Optional.of(failUnknown(this.operator.recover(last)));
		}
		BatchStatus status = previous.getStatus();
		if (status.isRunning()) {
			if (this.runs.ownerAlive(run)) {
				throw new RunRefusedException("a run with the same parameters is in progress (execution "
						+ run.executionId() + ", process " + run.ownerPid() + " on " + run.ownerHost() + ")");
			}
			// Its process died mid-run: mark it failed so that Spring Batch lets it
			// restart, and say so in its own line of the runs.
			String reached = reachedStep(previous);
			Set<Long> running = previous.getStepExecutions()
				.stream()
				.filter((step) -> step.getStatus().isRunning())
				.map(StepExecution::getId)
				.collect(Collectors.toSet());
			JobExecution recovered = this.operator.recover(previous);
			died(run, recovered, reached, running);
			return Optional.of(failUnknown(recovered));
		}
		if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status == BatchStatus.UNKNOWN) {
			return Optional.of(failUnknown(previous));
		}
		return Optional.empty();
	}

	/**
	 * The step a dead run was in: the job's own step rather than a remote partition of it
	 * ({@code judgePartitionStep:part1}), the latest started.
	 */
	static String reachedStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus().isRunning())
			.sorted(Comparator.comparing((StepExecution step) -> step.getStepName().contains(":"))
				.thenComparing(StepExecution::getId, Comparator.reverseOrder()))
			.map(StepExecution::getStepName)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Records why a run whose process died ended: the runs list says it (it would show a
	 * FAILED run without a word), and its end is its last heartbeat, when it was last
	 * known to work, not the moment the restart noticed.
	 */
	private void died(JobRun run, JobExecution recovered, String reached, Set<Long> running) {
		this.runs.finishDead(run.executionId(), "\nits process (" + run.ownerPid() + " on " + run.ownerHost()
				+ ") stopped without ending it (killed, or its machine went down)"
				+ ((reached != null) ? " in " + reached : "") + "; the next run of the same command restarted it");
		Optional<OffsetDateTime> sign = this.runs.lastSignOfLife(run.executionId());
		if (sign.isEmpty() || recovered.getStartTime() == null) {
			return;
		}
		// A step that ended before the process died is a sign of life too.
		LocalDateTime lastAlive = recovered.getStepExecutions()
			.stream()
			.filter((step) -> !running.contains(step.getId()) && step.getEndTime() != null)
			.map(StepExecution::getEndTime)
			.reduce(LocalDateTime.ofInstant(sign.get().toInstant(), ZoneId.systemDefault()),
					(a, b) -> a.isAfter(b) ? a : b);
		if (lastAlive.isAfter(recovered.getStartTime())) {
			recovered.setEndTime(lastAlive);
			this.repository.update(recovered);
		}
		// The steps it was running end there too, not at the restart that recovered them.
		for (StepExecution step : recovered.getStepExecutions()) {
			if (running.contains(step.getId()) && step.getEndTime() != null && step.getStartTime() != null
					&& step.getEndTime().isAfter(lastAlive)) {
				step.setEndTime(step.getStartTime().isAfter(lastAlive) ? step.getStartTime() : lastAlive);
				this.repository.update(step);
			}
		}
	}

	/**
	 * Marks what Spring Batch left UNKNOWN in an execution as FAILED, so that it
	 * restarts. Spring Batch leaves a step UNKNOWN (and its job) when it cannot record
	 * the step's end, for example after the database ended its connection: the step's
	 * work may have committed or not. Spring Batch refuses to restart such a step, and
	 * {@code recover} leaves it as it is; a fresh start would begin a new run that finds
	 * the first one's files loaded and reports NOOP. Every step of ours is idempotent and
	 * keeps the result its committed work recorded ({@link StepResults}), so running it
	 * again is safe and the restart reports what the run did.
	 */
	private JobExecution failUnknown(JobExecution execution) {
		String why = "left UNKNOWN (its end could not be recorded); marked FAILED to restart";
		String abandoned = "left running when its job execution ended (a remote partition the manager stopped"
				+ " waiting for); marked FAILED to restart";
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning() && !execution.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED.addExitDescription(abandoned));
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				this.repository.update(step);
			}
			else if (step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				this.repository.update(step);
			}
		}
		if (execution.getStatus() == BatchStatus.UNKNOWN) {
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
			if (execution.getEndTime() == null) {
				execution.setEndTime(LocalDateTime.now());
			}
			this.repository.update(execution);
		}
		return execution;
	}

	private RunResult result(JobExecution execution, String notice) {
		JobRun run = this.runs.find(execution.getId())
			.orElseThrow(() -> new IllegalStateException("execution " + execution.getId() + " was not recorded"));
		RunOutcome outcome = (run.outcome() != null) ? RunOutcome.valueOf(run.outcome()) : RunOutcome.FAILED;
		String summary = (run.summary() != null) ? run.summary() : "";
		int newline = summary.indexOf('\n');
		String counts = (newline >= 0) ? summary.substring(0, newline) : summary;
		String message = (newline >= 0) ? summary.substring(newline + 1) : null;
		return new RunResult(execution.getId(), outcome, counts, message, notice);
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
	 * @param notice what the operator is told on standard error whatever the outcome (the
	 * card ledger's lock taken over from a dead run), or null
	 */
	public record RunResult(long executionId, RunOutcome outcome, String counts, String message, String notice) {
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
