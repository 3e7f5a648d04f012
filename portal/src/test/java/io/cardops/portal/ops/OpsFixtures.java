package io.cardops.portal.ops;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.jobs.support.JobRunRepository;

/**
 * Rows the operations tests read: two job runs (a settle that completed, a reconcile
 * still going with its progress), an inbox file rejected whole, three exceptions.
 */
final class OpsFixtures {

	/** The completed settle run. */
	static final long SETTLE = 101;

	/** The reconcile run still going. */
	static final long RECONCILE = 102;

	static final LocalDate DATE = LocalDate.of(2026, 8, 31);

	private OpsFixtures() {
	}

	static void runs(JdbcClient jdbc, JobRunRepository owners) {
		if (jdbc.sql("SELECT COUNT(*) FROM batch_job_instance WHERE job_instance_id = 1")
			.query(Long.class)
			.single() > 0) {
			return;
		}
		LocalDateTime start = LocalDateTime.of(2026, 9, 1, 3, 0, 0);
		instance(jdbc, 1, "settleJob");
		execution(jdbc, SETTLE, 1, start, start.plusSeconds(65), "COMPLETED");
		step(jdbc, 1001, SETTLE, "settleStep", start, start.plusSeconds(65), "COMPLETED", 12, 12);
		// a step that does its work in one piece counts no items
		step(jdbc, 1003, SETTLE, "archiveStep", start.plusSeconds(65), start.plusSeconds(65), "COMPLETED", 0, 0);
		jdbc.sql(
				"""
						INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at, outcome,
						    summary) VALUES (?, 'settle', 'date=2026-08-31', 'elsewhere', 1, ?, 'COMPLETED', 'files=3 rows=12')""")
			.params(SETTLE, OffsetDateTime.parse("2026-09-01T03:01:05+08:00"))
			.update();
		instance(jdbc, 2, "reconcileJob");
		execution(jdbc, RECONCILE, 2, start.plusMinutes(30), null, "STARTED");
		step(jdbc, 1002, RECONCILE, "judgeStep", start.plusMinutes(30), null, "STARTED", 500, 400);
		jdbc.sql("""
				INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at)
				VALUES (?, 'reconcile', 'date=2026-08-31', ?, ?, ?)""")
			.params(RECONCILE, owners.host(), owners.pid(), OffsetDateTime.parse("2026-09-01T03:40:00+08:00"))
			.update();
		jdbc.sql("""
				INSERT INTO run_progress (job_execution_id, step_name, counts, rows_done, step_started_at, updated_at)
				VALUES (?, 'judgeStep', 'read=500 judged=400', 1234, ?, ?)""")
			.params(RECONCILE, OffsetDateTime.parse("2026-09-01T03:30:00+08:00"),
					OffsetDateTime.parse("2026-09-01T03:40:00+08:00"))
			.update();
		for (long execution : new long[] { SETTLE, RECONCILE }) {
			jdbc.sql("""
					INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
					    parameter_value, identifying) VALUES (?, 'date', 'java.lang.String', '2026-08-31', 'Y')""")
				.params(execution)
				.update();
		}
	}

	/**
	 * A nightly chain's run of a date that took the given time, ended.
	 * @return its job execution's id, for {@link #forget}
	 */
	static long chain(JdbcClient jdbc, long id, LocalDate date, long millis) {
		LocalDateTime start = date.plusDays(1).atTime(3, 0);
		instance(jdbc, id, "nightlyChainJob");
		execution(jdbc, id, id, start, start.plusNanos(millis * 1_000_000), "COMPLETED");
		jdbc.sql("""
				INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at, outcome)
				VALUES (?, 'nightly-chain', ?, 'elsewhere', 1, ?, 'COMPLETED')""")
			.params(id, "date=" + date, OffsetDateTime.parse("2026-09-01T03:00:00+08:00"))
			.update();
		return id;
	}

	/** Removes a run {@link #chain} made. */
	static void forget(JdbcClient jdbc, long id) {
		jdbc.sql("DELETE FROM job_run WHERE job_execution_id = ?").params(id).update();
		jdbc.sql("DELETE FROM batch_job_execution WHERE job_execution_id = ?").params(id).update();
		jdbc.sql("DELETE FROM batch_job_instance WHERE job_instance_id = ?").params(id).update();
	}

	static void inbox(JdbcClient jdbc) {
		if (jdbc.sql("SELECT COUNT(*) FROM inbox_problem").query(Long.class).single() > 0) {
			return;
		}
		jdbc.sql("""
				INSERT INTO inbox_problem (file_name, kind, clearing_date, reason, found_at)
				VALUES ('taps_BJBUS_20260831_01.csv', 'taps', ?, 'no control file', ?)""")
			.params(DATE, OffsetDateTime.parse("2026-09-01T03:00:00+08:00"))
			.update();
		jdbc.sql("""
				INSERT INTO inbox_file (file_name, kind, partner, clearing_date, sha256, records, status, reason,
				    received_at) VALUES ('taps_BJMETRO_20260831_01.csv', 'taps', 'BJMETRO', ?, ?, 250, 'LOADED', NULL,
				    ?)""").params(DATE, "0".repeat(64), OffsetDateTime.parse("2026-09-01T03:00:00+08:00")).update();
	}

	static void exceptions(JdbcClient jdbc) {
		if (jdbc.sql("SELECT COUNT(*) FROM recon_exception").query(Long.class).single() > 0) {
			return;
		}
		exception(jdbc, DATE, "SEQ_GAP", "OPEN", "BJBUS", 1, 0);
		exception(jdbc, DATE, "DUPLICATE", "OPEN", "BJMETRO", 2, 950);
		exception(jdbc, DATE.minusDays(1), "SEQ_GAP", "RESOLVED", "BJBUS", 3, 5800);
	}

	private static void exception(JdbcClient jdbc, LocalDate date, String category, String status, String partner,
			int line, long fen) {
		jdbc.sql("""
				INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file,
				    source_line, amount_fen, detail) VALUES (?, ?, ?, ?, '3104047425952360017', '7', 'taps.csv', ?, ?,
				    'seen twice')""").params(date, category, status, partner, line, fen).update();
	}

	private static void instance(JdbcClient jdbc, long id, String name) {
		jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, ?, ?)")
			.params(id, name, "key" + id)
			.update();
	}

	private static void execution(JdbcClient jdbc, long id, long instance, LocalDateTime start, LocalDateTime end,
			String status) {
		jdbc.sql("""
				INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
				    end_time, status, exit_code, last_updated) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, instance, start, start, end, status, status, start)
			.update();
	}

	private static void step(JdbcClient jdbc, long id, long execution, String name, LocalDateTime start,
			LocalDateTime end, String status, long read, long written) {
		jdbc.sql("""
				INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
				    start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count,
				    write_skip_count, process_skip_count, rollback_count, exit_code, last_updated)
				VALUES (?, 1, ?, ?, ?, ?, ?, ?, 1, ?, 0, ?, 0, 0, 0, 0, ?, ?)""")
			.params(id, name, execution, start, start, end, status, read, written, status, start)
			.update();
	}

}
