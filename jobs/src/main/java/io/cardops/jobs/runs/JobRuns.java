package io.cardops.jobs.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.JobName;
import io.cardops.jobs.progress.RunProgressRepository.Progress;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.JobRunRepository.RunListing;
import io.cardops.jobs.support.JobRunRepository.RunQuery;
import io.cardops.jobs.support.RunOutcome;

/**
 * The job runs as {@code cardops runs} and the portal show them: each run's status (its
 * reported outcome; while Spring Batch has it running, RUNNING or DIED by whether its
 * process is alive), its duration, its progress and its steps with their counts.
 */
@Service
public class JobRuns {

	/** What the status filter takes: the outcomes, then the states of a run not ended. */
	public static final List<String> STATUSES = Stream
		.of(Arrays.stream(RunOutcome.values()).map(Enum::name), Stream.of("RUNNING", "DIED"),
				Stream.of("STOPPED", "ABANDONED", "UNKNOWN"))
		.flatMap((names) -> names)
		.toList();

	/**
	 * Spring Batch's statuses of an execution not ended: RUNNING or DIED by its owner.
	 */
	private static final List<String> UNENDED = List.of("STARTING", "STARTED", "STOPPING");

	private final JobRunRepository repository;

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * Creates the read model.
	 * @param repository the runs' owners and reports
	 * @param jdbc the database (Spring Batch's step executions)
	 * @param clock the time a running run's duration is measured to
	 */
	public JobRuns(JobRunRepository repository, JdbcClient jdbc, Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The newest runs that match a filter.
	 * @param filter which runs
	 * @param withSteps whether to read each run's steps
	 * @return the runs, newest first
	 */
	public List<RunView> recent(RunFilter filter, boolean withSteps) {
		String wanted = filter.status();
		boolean unended = wanted != null && (wanted.equals("RUNNING") || wanted.equals("DIED"));
		// Running or dead is told apart here, not in the database: those runs are fetched
		// whole (there are few) and filtered.
		List<RunListing> listings = this.repository
			.recent(new RunQuery((filter.job() != null) ? filter.job().batchName() : null, filter.date(),
					(wanted == null) ? List.of() : unended ? UNENDED : List.of(wanted), unended ? 0 : filter.limit()))
			.stream()
			.filter((run) -> wanted == null || wanted.equals(status(run)))
			.limit(filter.limit())
			.toList();
		Map<Long, List<StepView>> steps = withSteps ? steps(listings.stream().map(RunListing::executionId).toList())
				: Map.of();
		return listings.stream().map((run) -> view(run, steps.getOrDefault(run.executionId(), List.of()))).toList();
	}

	/**
	 * One run with its steps.
	 * @param id the job execution
	 * @return the run, empty when there is none
	 */
	public Optional<RunView> find(long id) {
		return this.repository.listing(id).map((run) -> view(run, steps(List.of(id)).getOrDefault(id, List.of())));
	}

	/**
	 * The runs a nightly chain's run started (job_run.chain_run), in the order they ran.
	 * @param chainRun the chain's job execution
	 * @return its runs, oldest first
	 */
	public List<RunView> ofChain(long chainRun) {
		List<RunView> runs = new ArrayList<>(
				this.repository.ofChain(chainRun).stream().map((run) -> view(run, List.of())).toList());
		java.util.Collections.reverse(runs);
		return runs;
	}

	private RunView view(RunListing run, List<StepView> steps) {
		String status = status(run);
		OffsetDateTime started = instant(run.startTime());
		OffsetDateTime ended = instant(run.endTime());
		Duration duration = null;
		if (started != null && ended != null) {
			duration = Duration.between(started, ended);
		}
		else if (started != null && status.equals("RUNNING")) {
			duration = Duration.between(started.toInstant(), this.clock.instant());
		}
		String summary = (run.summary() != null) ? run.summary().replace('\n', ' ').strip() : null;
		JobName job = JobName.ofBatchName(run.batchJobName());
		Progress progress = (run.outcome() == null) ? run.progress() : null;
		if (progress == null && job == JobName.NIGHTLY_CHAIN && (status.equals("RUNNING") || status.equals("DIED"))) {
			// The chain's steps are its jobs, which report progress as their own runs: a
			// running chain shows its running job's, a dead one the job it died in.
			progress = this.repository.chainProgress(run.executionId()).orElse(null);
		}
		return new RunView(run.executionId(), job, run.batchJobName(), status, started, ended, duration,
				run.businessKey(), summary, progress, steps, run.source());
	}

	/**
	 * A run's status: the outcome it reported; else, while Spring Batch has it running,
	 * RUNNING or DIED by whether its process is alive (the same test as the restart's);
	 * else Spring Batch's status.
	 */
	private String status(RunListing run) {
		if (run.outcome() != null) {
			return run.outcome();
		}
		if (!UNENDED.contains(run.batchStatus())) {
			return run.batchStatus();
		}
		boolean alive = (run.owner() != null) ? this.repository.ownerAlive(run.owner())
				: !this.repository.unregisteredAbandoned(run.createTime());
		// A dead run shows DIED until the same command restarts it; it then shows FAILED.
		return alive ? "RUNNING" : "DIED";
	}

	private Map<Long, List<StepView>> steps(Collection<Long> executions) {
		Map<Long, List<StepView>> steps = new LinkedHashMap<>();
		if (executions.isEmpty()) {
			return steps;
		}
		this.jdbc.sql("""
				SELECT job_execution_id, step_name, status, exit_code, start_time, end_time, read_count, write_count,
				       filter_count, read_skip_count + write_skip_count + process_skip_count, commit_count,
				       rollback_count
				FROM batch_step_execution WHERE job_execution_id IN (:ids)
				ORDER BY job_execution_id, step_execution_id""").param("ids", executions).query((rs, n) -> {
			steps.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(step(rs));
			return null;
		}).list();
		return steps;
	}

	private static StepView step(ResultSet rs) throws SQLException {
		return new StepView(rs.getString(2), rs.getString(3), rs.getString(4), instant(local(rs.getTimestamp(5))),
				instant(local(rs.getTimestamp(6))), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
				rs.getLong(11), rs.getLong(12));
	}

	private static LocalDateTime local(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

	/**
	 * Spring Batch keeps local times of the process that wrote them (the business zone,
	 * which the application sets as the JVM's).
	 */
	private static OffsetDateTime instant(LocalDateTime time) {
		return (time != null)
				? time.atZone(ZoneId.systemDefault()).withZoneSameInstant(AcademicCalendar.ZONE).toOffsetDateTime()
				: null;
	}

}
