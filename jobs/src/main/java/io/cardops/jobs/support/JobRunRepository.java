package io.cardops.jobs.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.progress.RunProgressRepository.Progress;

/**
 * The {@code job_run} table: which process owns each job execution (host, pid, heartbeat)
 * and what the run reported. It lets a new invocation tell a run whose process died from
 * one still going, on any node.
 */
@Repository
public class JobRunRepository {

	/** A run whose owner has not beaten for this long is taken for dead. */
	static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String host = localHost();

	private final long pid = ProcessHandle.current().pid();

	/**
	 * Creates the repository.
	 * @param jdbc the database
	 * @param clock the clock
	 */
	public JobRunRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records that this process owns an execution.
	 * @param executionId the job execution
	 * @param job the job's command name
	 * @param businessKey the business parameters
	 * @param source what started the run ({@link RunSource}), or null
	 */
	public void register(long executionId, String job, String businessKey, String source) {
		register(executionId, job, businessKey, source, null);
	}

	/**
	 * Records that this process owns an execution, one of a nightly chain's.
	 * @param executionId the job execution
	 * @param job the job's command name
	 * @param businessKey the business parameters
	 * @param source what started the run ({@link RunSource}), or null
	 * @param chainRun the nightly chain's run that started it
	 * ({@link RunSource#chain()}), or null
	 */
	public void register(long executionId, String job, String businessKey, String source, Long chainRun) {
		int updated = this.jdbc
			.sql("UPDATE job_run SET owner_host = ?, owner_pid = ?, heartbeat_at = ? WHERE job_execution_id = ?")
			.params(this.host, this.pid, now(), executionId)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("""
						INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at, source,
						                     chain_run)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(executionId, job, businessKey, this.host, this.pid, now(), source, chainRun)
				.update();
		}
	}

	/**
	 * Refreshes this process's heartbeat on an execution.
	 * @param executionId the job execution
	 */
	public void heartbeat(long executionId) {
		this.jdbc.sql("UPDATE job_run SET heartbeat_at = ? WHERE job_execution_id = ?")
			.params(now(), executionId)
			.update();
	}

	/**
	 * Records what a run reported.
	 * @param executionId the job execution
	 * @param outcome the outcome
	 * @param summary the counts and message
	 */
	public void finish(long executionId, RunOutcome outcome, String summary) {
		this.jdbc.sql("UPDATE job_run SET outcome = ?, summary = ?, heartbeat_at = ? WHERE job_execution_id = ?")
			.params(outcome.name(), truncate(summary), now(), executionId)
			.update();
	}

	/**
	 * Records the end of a run whose process died, keeping its last heartbeat: the time
	 * it was last known to work, which its duration ends at (and its chain's, when a
	 * chain started it).
	 * @param executionId the job execution
	 * @param summary why it ended
	 */
	public void finishDead(long executionId, String summary) {
		this.jdbc.sql("UPDATE job_run SET outcome = ?, summary = ? WHERE job_execution_id = ?")
			.params(RunOutcome.FAILED.name(), truncate(summary), executionId)
			.update();
	}

	/**
	 * When a run was last known to work: its latest heartbeat or progress report, and for
	 * a nightly chain those of the runs it started (a chain beats only while between
	 * them, its jobs while they run).
	 * @param executionId the job execution
	 * @return the time, empty when it left none
	 */
	public Optional<OffsetDateTime> lastSignOfLife(long executionId) {
		return Optional.ofNullable(this.jdbc.sql("""
				SELECT MAX(t) FROM (
				    SELECT heartbeat_at AS t FROM job_run WHERE job_execution_id = ? OR chain_run = ?
				    UNION ALL
				    SELECT p.updated_at FROM run_progress p JOIN job_run r ON r.job_execution_id = p.job_execution_id
				    WHERE r.job_execution_id = ? OR r.chain_run = ?
				) signs""")
			.params(executionId, executionId, executionId, executionId)
			.query(OffsetDateTime.class)
			.list()
			.get(0));
	}

	/**
	 * The newest execution of a job with the same business parameters.
	 * @param job the job's command name
	 * @param businessKey the business parameters
	 * @return its owner record
	 */
	public Optional<JobRun> latest(String job, String businessKey) {
		return this.jdbc.sql("""
				SELECT job_execution_id, owner_host, owner_pid, heartbeat_at, outcome, summary FROM job_run
				WHERE job = ? AND business_key = ? ORDER BY job_execution_id DESC LIMIT 1""")
			.params(job, businessKey)
			.query((rs, n) -> new JobRun(rs.getLong(1), rs.getString(2), rs.getLong(3),
					rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)))
			.optional();
	}

	/**
	 * The latest date a dated job ended well for (done, or nothing to do).
	 * @param job the command name of a job whose only business parameter is its date
	 * @return the date, empty when no run of it ended well
	 */
	public Optional<LocalDate> latestDateDone(String job) {
		// Every such key is "date=" and an ISO date, so the greatest string is the latest
		// date.
		String key = this.jdbc.sql("""
				SELECT MAX(business_key) FROM job_run
				WHERE job = ? AND outcome IN ('COMPLETED', 'NOOP') AND business_key LIKE 'date=____-__-__'""")
			.params(job)
			.query(String.class)
			.list()
			.get(0);
		return Optional.ofNullable(key).map((found) -> LocalDate.parse(found.substring("date=".length())));
	}

	/**
	 * Finds the record of one execution.
	 * @param executionId the job execution
	 * @return the record
	 */
	public Optional<JobRun> find(long executionId) {
		return this.jdbc.sql("""
				SELECT job_execution_id, owner_host, owner_pid, heartbeat_at, outcome, summary FROM job_run
				WHERE job_execution_id = ?""")
			.params(executionId)
			.query((rs, n) -> new JobRun(rs.getLong(1), rs.getString(2), rs.getLong(3),
					rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)))
			.optional();
	}

	/**
	 * Whether the process that owns a run is still alive: on this host the process table
	 * says; on another host a recent heartbeat does.
	 * @param run the run
	 * @return true when the owner is alive
	 */
	public boolean ownerAlive(JobRun run) {
		return alive(run.ownerHost(), run.ownerPid(), run.heartbeatAt());
	}

	/**
	 * Whether a process that beats a heartbeat in the database is still alive: on this
	 * host the process table says; on another host a recent heartbeat does.
	 * @param ownerHost the host of the process
	 * @param ownerPid its pid
	 * @param heartbeatAt its last heartbeat
	 * @return true when the process is alive
	 */
	public boolean alive(String ownerHost, long ownerPid, OffsetDateTime heartbeatAt) {
		if (ownerHost.equals(this.host)) {
			if (ownerPid == this.pid) {
				return true;
			}
			return ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
		}
		return heartbeatAt.toInstant().plus(HEARTBEAT_TIMEOUT).isAfter(this.clock.instant());
	}

	/**
	 * Whether an execution that no process registered as its owner was abandoned: a
	 * process registers right after Spring Batch creates its execution, so one still
	 * unregistered a heartbeat timeout after its creation belongs to a process that died
	 * in between.
	 * @param createTime when the execution was created (Spring Batch's local time)
	 * @return true when the execution is abandoned
	 */
	public boolean unregisteredAbandoned(LocalDateTime createTime) {
		return createTime == null || createTime.atZone(ZoneId.systemDefault())
			.toInstant()
			.plus(HEARTBEAT_TIMEOUT)
			.isBefore(this.clock.instant());
	}

	/**
	 * The host this process runs on, as owner records name it.
	 * @return the host name
	 */
	public String host() {
		return this.host;
	}

	/**
	 * This process's id.
	 * @return the pid
	 */
	public long pid() {
		return this.pid;
	}

	/**
	 * The recent runs for {@code cardops runs}.
	 * @param limit how many
	 * @return the runs, newest first
	 */
	public List<RunListing> recent(int limit) {
		return recent(new RunQuery(null, null, List.of(), limit));
	}

	/**
	 * The recent runs for {@code cardops runs} that match a query, with the progress of
	 * their current or last step.
	 * @param query which runs, and how many
	 * @return the runs, newest first
	 */
	public List<RunListing> recent(RunQuery query) {
		return listings(query, null, null);
	}

	/**
	 * The runs a nightly chain's run started, as {@link #recent(RunQuery)} lists them.
	 * @param chainRun the chain's job execution
	 * @return its runs, newest first
	 */
	public List<RunListing> ofChain(long chainRun) {
		return listings(new RunQuery(null, null, List.of(), 0), null, chainRun);
	}

	/**
	 * The progress of the run a nightly chain is running now: its job's, that job's
	 * command named before the step ({@code reconcile · loadLedgerStep}).
	 * @param chainRun the chain's job execution
	 * @return the progress, empty when none of its runs is going or has written any
	 */
	public Optional<Progress> chainProgress(long chainRun) {
		return this.jdbc.sql("""
				SELECT r.job, p.step_name, p.counts, p.rows_done, p.step_started_at, p.updated_at
				FROM job_run r
				JOIN run_progress p ON p.job_execution_id = r.job_execution_id
				WHERE r.chain_run = ? AND r.outcome IS NULL
				ORDER BY r.job_execution_id DESC
				LIMIT 1""")
			.param(chainRun)
			.query((rs, n) -> new Progress(rs.getString(1) + " · " + rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
			.optional();
	}

	/**
	 * One run as {@link #recent(RunQuery)} lists it.
	 * @param executionId the job execution
	 * @return the run, empty when there is none
	 */
	public Optional<RunListing> listing(long executionId) {
		return listings(new RunQuery(null, null, List.of(), 1), executionId, null).stream().findFirst();
	}

	private List<RunListing> listings(RunQuery query, Long executionId, Long chainRun) {
		StringBuilder sql = new StringBuilder("""
				SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, r.business_key,
				       r.outcome, r.summary, e.exit_message, r.owner_host, r.owner_pid, r.heartbeat_at, e.create_time,
				       p.step_name, p.counts, p.rows_done, p.step_started_at, p.updated_at, r.source
				FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				LEFT JOIN job_run r ON r.job_execution_id = e.job_execution_id
				LEFT JOIN run_progress p ON p.job_execution_id = e.job_execution_id
				WHERE 1 = 1""");
		List<Object> parameters = new ArrayList<>();
		if (executionId != null) {
			sql.append(" AND e.job_execution_id = ?");
			parameters.add(executionId);
		}
		if (chainRun != null) {
			sql.append(" AND r.chain_run = ?");
			parameters.add(chainRun);
		}
		if (query.batchJobName() != null) {
			sql.append(" AND i.job_name = ?");
			parameters.add(query.batchJobName());
		}
		if (query.date() != null) {
			// The run's business date: its date parameter (a roster import's is the date
			// in its file name).
			sql.append(" AND EXISTS (SELECT 1 FROM batch_job_execution_params d"
					+ " WHERE d.job_execution_id = e.job_execution_id AND d.parameter_name = 'date'"
					+ " AND d.parameter_value = ?)");
			parameters.add(query.date().toString());
		}
		if (!query.statuses().isEmpty()) {
			sql.append(" AND COALESCE(r.outcome, e.status) IN (")
				.append(String.join(", ", query.statuses().stream().map((status) -> "?").toList()))
				.append(')');
			parameters.addAll(query.statuses());
		}
		sql.append(" ORDER BY e.job_execution_id DESC");
		if (query.limit() > 0) {
			sql.append(" LIMIT ?");
			parameters.add(query.limit());
		}
		return this.jdbc.sql(sql.toString())
			.params(parameters)
			.query((rs, n) -> new RunListing(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4) != null ? rs.getTimestamp(4).toLocalDateTime() : null,
					rs.getTimestamp(5) != null ? rs.getTimestamp(5).toLocalDateTime() : null, rs.getString(6),
					rs.getString(7), rs.getString(8), rs.getString(9),
					(rs.getString(10) != null) ? new JobRun(rs.getLong(1), rs.getString(10), rs.getLong(11),
							rs.getObject(12, OffsetDateTime.class), rs.getString(7), rs.getString(8)) : null,
					rs.getTimestamp(13) != null ? rs.getTimestamp(13).toLocalDateTime() : null,
					(rs.getString(14) != null)
							? new Progress(rs.getString(14), rs.getString(15), rs.getLong(16),
									rs.getObject(17, OffsetDateTime.class), rs.getObject(18, OffsetDateTime.class))
							: null,
					rs.getString(19)))
			.list();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static String truncate(String text) {
		return VisibleText.cut(text, 2000);
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/**
	 * One execution's owner and report.
	 *
	 * @param executionId the job execution
	 * @param ownerHost the host of the owning process
	 * @param ownerPid the pid of the owning process
	 * @param heartbeatAt its last heartbeat
	 * @param outcome the reported outcome, null while running
	 * @param summary the reported counts and message
	 */
	public record JobRun(long executionId, String ownerHost, long ownerPid, OffsetDateTime heartbeatAt, String outcome,
			String summary) {
	}

	/**
	 * Which runs {@code cardops runs} lists.
	 *
	 * @param batchJobName only runs of this Spring Batch job, or null for every job
	 * @param date only runs with this business date, or null for any
	 * @param statuses only runs whose reported outcome (or, when none was reported,
	 * Spring Batch status) is one of these; empty for any
	 * @param limit at most this many, the newest; 0 for no limit
	 */
	public record RunQuery(String batchJobName, LocalDate date, List<String> statuses, int limit) {
	}

	/**
	 * One line of {@code cardops runs}.
	 *
	 * @param executionId the job execution
	 * @param batchJobName the Spring Batch job name
	 * @param batchStatus the Spring Batch status
	 * @param startTime when it started (local time of the job repository)
	 * @param endTime when it ended
	 * @param businessKey its business parameters
	 * @param outcome the reported outcome
	 * @param summary the reported counts
	 * @param exitMessage Spring Batch's exit message (the failure, if any)
	 * @param owner the process that ran it, null when none registered
	 * @param createTime when Spring Batch created the execution (local time)
	 * @param progress its current or last step and that step's counts, null when none
	 * were written
	 * @param source what started it ({@link RunSource}), or null
	 */
	public record RunListing(long executionId, String batchJobName, String batchStatus,
			java.time.LocalDateTime startTime, java.time.LocalDateTime endTime, String businessKey, String outcome,
			String summary, String exitMessage, JobRun owner, java.time.LocalDateTime createTime, Progress progress,
			String source) {
	}

}
