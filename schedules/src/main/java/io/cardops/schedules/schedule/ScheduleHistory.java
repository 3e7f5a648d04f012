package io.cardops.schedules.schedule;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.jobs.support.JobRunRepository;

/**
 * The history of each schedule: the runs of its job ({@link ScheduleKind#job()}), as
 * Spring Batch and {@code job_run} record every job's, whoever started them (the source
 * says: QUARTZ, RECOVERY, CLI, PORTAL, or none for a {@code cardops run}).
 */
@Repository
public class ScheduleHistory {

	private static final List<String> UNENDED = List.of("STARTING", "STARTED", "STOPPING");

	private final JdbcClient jdbc;

	private final JobRunRepository owners;

	/**
	 * Creates the read model.
	 * @param jdbc the database
	 * @param owners tells whether the process of a run is alive (the rule of every run)
	 */
	public ScheduleHistory(JdbcClient jdbc, JobRunRepository owners) {
		this.jdbc = jdbc;
		this.owners = owners;
	}

	/**
	 * The newest run of a schedule's job.
	 * @param kind the schedule
	 * @return the run, if there was one
	 */
	public Optional<ScheduleRun> last(ScheduleKind kind) {
		return runs(kind, null).stream().findFirst();
	}

	/**
	 * The newest run of a schedule's job for a date.
	 * @param kind the schedule
	 * @param date the business date
	 * @return the run, if there was one
	 */
	public Optional<ScheduleRun> last(ScheduleKind kind, LocalDate date) {
		return runs(kind, date).stream().findFirst();
	}

	/**
	 * Whether a live process runs a schedule's job for a date (a run whose process died
	 * does not: the next run restarts it).
	 * @param kind the schedule
	 * @param date the business date
	 * @return true when a run of it is in progress
	 */
	public boolean inProgress(ScheduleKind kind, LocalDate date) {
		return last(kind, date).filter((run) -> run.outcome() == null && run.running() && ownerAlive(run)).isPresent();
	}

	/**
	 * Whether the process that owns an unfinished run is still alive.
	 * @param run the run
	 * @return true when it is
	 */
	public boolean ownerAlive(ScheduleRun run) {
		return this.owners.alive(run.ownerHost(), run.ownerPid(), run.heartbeatAt());
	}

	/**
	 * How a run stands: its reported outcome; else RUNNING or DIED by its process; else
	 * Spring Batch's status (a run stopped before it reported).
	 * @param run the run
	 * @return the status
	 */
	public String status(ScheduleRun run) {
		if (run.outcome() != null) {
			return run.outcome();
		}
		if (run.running()) {
			return ownerAlive(run) ? "RUNNING" : "DIED";
		}
		return run.batchStatus();
	}

	private List<ScheduleRun> runs(ScheduleKind kind, LocalDate date) {
		String sql = """
				SELECT r.job_execution_id, r.business_key, r.source, r.owner_host, r.owner_pid,
				       COALESCE(e.start_time, e.create_time), r.heartbeat_at, e.end_time, r.outcome, e.status,
				       (SELECT MIN(s.step_name) FROM batch_step_execution s
				        WHERE s.job_execution_id = e.job_execution_id AND s.status = 'FAILED')
				FROM job_run r JOIN batch_job_execution e ON e.job_execution_id = r.job_execution_id
				WHERE r.job = ?""" + ((date != null) ? " AND r.business_key = ?" : "")
				+ " ORDER BY r.job_execution_id DESC LIMIT 1";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param(kind.job().command());
		if (date != null) {
			statement = statement.param("date=" + date);
		}
		return statement
			.query((rs, n) -> new ScheduleRun(rs.getLong(1), kind, date(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getLong(5), instant(rs.getTimestamp(6)), rs.getObject(7, OffsetDateTime.class),
					instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10),
					failedStep(kind, rs.getString(9), rs.getString(11))))
			.list();
	}

	/** The business date of a schedule's run: its key is {@code date=YYYY-MM-DD}. */
	private static LocalDate date(String businessKey) {
		return businessKey.startsWith("date=") ? LocalDate.parse(businessKey.substring(5, 15)) : null;
	}

	/**
	 * The step a failed run stopped at: the chain's step; the job itself for a schedule
	 * of one job.
	 */
	private static String failedStep(ScheduleKind kind, String outcome, String step) {
		if (!"FAILED".equals(outcome)) {
			return null;
		}
		return (kind == ScheduleKind.NIGHTLY_CHAIN) ? step : kind.job().command();
	}

	/**
	 * Spring Batch keeps local times of the process that wrote them (the business zone,
	 * which the application sets as the JVM's).
	 */
	private static OffsetDateTime instant(Timestamp timestamp) {
		if (timestamp == null) {
			return null;
		}
		LocalDateTime local = timestamp.toLocalDateTime();
		return local.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	/**
	 * One run of a schedule's job.
	 *
	 * @param runId its job execution
	 * @param schedule the schedule
	 * @param businessDate the date it ran for
	 * @param source what started it, or null
	 * @param ownerHost the host of the process that ran it
	 * @param ownerPid that process
	 * @param startedAt when it started
	 * @param heartbeatAt its owner's last heartbeat
	 * @param finishedAt when it ended, null while running (or when its process died)
	 * @param outcome how it ended, null while running
	 * @param batchStatus Spring Batch's status of the execution
	 * @param failedStep the step that stopped it
	 */
	public record ScheduleRun(long runId, ScheduleKind schedule, LocalDate businessDate, String source,
			String ownerHost, long ownerPid, OffsetDateTime startedAt, OffsetDateTime heartbeatAt,
			OffsetDateTime finishedAt, String outcome, String batchStatus, String failedStep) {

		/**
		 * Whether Spring Batch has the execution running.
		 * @return true while it is not ended
		 */
		public boolean running() {
			return UNENDED.contains(this.batchStatus);
		}

	}

}
