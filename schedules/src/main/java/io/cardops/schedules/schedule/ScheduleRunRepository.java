package io.cardops.schedules.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.cardops.jobs.support.JobRunRepository;

/**
 * The {@code schedule_run} and {@code schedule_lock} tables: every run of a schedule, and
 * the guard that lets only one live run of a schedule work on a date, across nodes and
 * command-line processes.
 */
@Repository
public class ScheduleRunRepository {

	private final JdbcClient jdbc;

	private final JobRunRepository owners;

	private final Clock clock;

	/**
	 * Creates the repository.
	 * @param jdbc the database
	 * @param owners tells whether the owner of a run is alive (the same rule as job runs)
	 * @param clock the clock
	 */
	public ScheduleRunRepository(JdbcClient jdbc, JobRunRepository owners, Clock clock) {
		this.jdbc = jdbc;
		this.owners = owners;
		this.clock = clock;
	}

	/**
	 * Records a new run and takes the guard of its schedule and date. A guard whose owner
	 * died is taken over, and that owner's unfinished run is recorded as died.
	 * @param kind the schedule
	 * @param date the business date
	 * @param source what started it ({@code QUARTZ}, {@code RECOVERY}, {@code CLI})
	 * @return the run id, or empty when a live run holds the guard
	 */
	public Optional<Long> start(ScheduleKind kind, LocalDate date, String source) {
		OffsetDateTime now = now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO schedule_run (schedule, business_date, source, owner_host, owner_pid, started_at, heartbeat_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(kind.id(), date, source, this.owners.host(), this.owners.pid(), now, now)
			.update(keys, "run_id");
		long runId = keys.getKeyAs(Number.class).longValue();
		if (tryLock(kind, date, runId)) {
			return Optional.of(runId);
		}
		Optional<Holder> holder = holder(kind, date);
		if (holder.isPresent()
				&& !this.owners.alive(holder.get().host(), holder.get().pid(), holder.get().heartbeatAt())) {
			int released = this.jdbc.sql("""
					DELETE FROM schedule_lock WHERE schedule = ? AND business_date = ? AND run_id = ?""")
				.params(kind.id(), date, holder.get().runId())
				.update();
			if (released == 1) {
				finish(holder.get().runId(), "DIED", null, "its process died; run " + runId + " took over");
			}
			if (tryLock(kind, date, runId)) {
				return Optional.of(runId);
			}
		}
		String owner = holder.map((h) -> "run " + h.runId() + ", process " + h.pid() + " on " + h.host())
			.orElse("another run");
		finish(runId, "REFUSED", null, "a run of " + kind.id() + " for " + date + " is in progress (" + owner + ")");
		return Optional.empty();
	}

	private boolean tryLock(ScheduleKind kind, LocalDate date, long runId) {
		try {
			this.jdbc.sql("""
					INSERT INTO schedule_lock (schedule, business_date, run_id, owner_host, owner_pid, heartbeat_at)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(kind.id(), date, runId, this.owners.host(), this.owners.pid(), now())
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private Optional<Holder> holder(ScheduleKind kind, LocalDate date) {
		return this.jdbc.sql("""
				SELECT run_id, owner_host, owner_pid, heartbeat_at FROM schedule_lock
				WHERE schedule = ? AND business_date = ?""")
			.params(kind.id(), date)
			.query((rs, n) -> new Holder(rs.getLong(1), rs.getString(2), rs.getLong(3),
					rs.getObject(4, OffsetDateTime.class)))
			.optional();
	}

	/**
	 * Whether a live run holds the guard of a schedule and date (a run whose process died
	 * does not: the next run takes its guard over).
	 * @param kind the schedule
	 * @param date the business date
	 * @return true when a run of it is in progress
	 */
	public boolean inProgress(ScheduleKind kind, LocalDate date) {
		return holder(kind, date)
			.filter((holder) -> this.owners.alive(holder.host(), holder.pid(), holder.heartbeatAt()))
			.isPresent();
	}

	/**
	 * Refreshes the heartbeat of a live run and its guard.
	 * @param runId the run
	 */
	public void heartbeat(long runId) {
		OffsetDateTime now = now();
		this.jdbc.sql("UPDATE schedule_run SET heartbeat_at = ? WHERE run_id = ?").params(now, runId).update();
		this.jdbc.sql("UPDATE schedule_lock SET heartbeat_at = ? WHERE run_id = ?").params(now, runId).update();
	}

	/**
	 * Records how a run ended.
	 * @param runId the run
	 * @param outcome {@code COMPLETED}, {@code FAILED}, {@code REFUSED} or {@code DIED}
	 * @param failedStep the step that stopped it, or null
	 * @param detail what each step reported, or why it stopped
	 */
	public void finish(long runId, String outcome, String failedStep, String detail) {
		this.jdbc.sql("""
				UPDATE schedule_run SET outcome = ?, failed_step = ?, detail = ?, finished_at = ?, heartbeat_at = ?
				WHERE run_id = ?""").params(outcome, failedStep, truncate(detail), now(), now(), runId).update();
	}

	/**
	 * Lets go of the guard of a run.
	 * @param runId the run
	 */
	public void release(long runId) {
		this.jdbc.sql("DELETE FROM schedule_lock WHERE run_id = ?").params(runId).update();
	}

	/**
	 * The newest run of a schedule.
	 * @param kind the schedule
	 * @return the run, if there was one
	 */
	public Optional<ScheduleRun> last(ScheduleKind kind) {
		return this.jdbc.sql("""
				SELECT run_id, business_date, source, owner_host, owner_pid, started_at, heartbeat_at, finished_at,
				       outcome, failed_step, detail
				FROM schedule_run WHERE schedule = ? ORDER BY run_id DESC LIMIT 1""")
			.params(kind.id())
			.query((rs, n) -> new ScheduleRun(rs.getLong(1), kind, rs.getObject(2, LocalDate.class), rs.getString(3),
					rs.getString(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class),
					rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class), rs.getString(9),
					rs.getString(10), rs.getString(11)))
			.optional();
	}

	/**
	 * Whether the process that owns an unfinished run is still alive.
	 * @param run the run
	 * @return true when it is
	 */
	public boolean ownerAlive(ScheduleRun run) {
		return this.owners.alive(run.ownerHost(), run.ownerPid(), run.heartbeatAt());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 2000) ? text : text.substring(0, 1997) + "...";
	}

	private record Holder(long runId, String host, long pid, OffsetDateTime heartbeatAt) {
	}

	/**
	 * One run of a schedule.
	 *
	 * @param runId the run
	 * @param schedule the schedule
	 * @param businessDate the date it ran for
	 * @param source what started it
	 * @param ownerHost the host of the process that ran it
	 * @param ownerPid that process
	 * @param startedAt when it started
	 * @param heartbeatAt its owner's last heartbeat
	 * @param finishedAt when it ended, null while running (or when its process died)
	 * @param outcome how it ended, null while running
	 * @param failedStep the step that stopped it
	 * @param detail what the steps reported
	 */
	public record ScheduleRun(long runId, ScheduleKind schedule, LocalDate businessDate, String source,
			String ownerHost, long ownerPid, OffsetDateTime startedAt, OffsetDateTime heartbeatAt,
			OffsetDateTime finishedAt, String outcome, String failedStep, String detail) {
	}

}
