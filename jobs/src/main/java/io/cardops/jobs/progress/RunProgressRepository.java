package io.cardops.jobs.progress;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.text.VisibleText;

/**
 * The {@code run_progress} table (V26): each job execution's current (or last) step and
 * its counts, as its process last wrote them. A run that died keeps the last counts its
 * process wrote.
 */
@Repository
public class RunProgressRepository {

	private final JdbcClient jdbc;

	/**
	 * Creates the repository.
	 * @param jdbc the database (outside any step's transaction: the progress writer's
	 * statements commit on their own)
	 */
	public RunProgressRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records what a step had done.
	 * @param progress its counts
	 * @param at when they were taken
	 */
	void write(ProgressSnapshot progress, OffsetDateTime at) {
		OffsetDateTime started = progress.startedAt().atOffset(ZoneOffset.UTC);
		String counts = cut(progress.countsText());
		int updated = this.jdbc.sql("""
				UPDATE run_progress SET step_name = ?, counts = ?, rows_done = ?, step_started_at = ?, updated_at = ?
				WHERE job_execution_id = ?""")
			.params(progress.step(), counts, progress.total(), started, at, progress.executionId())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("""
						INSERT INTO run_progress (job_execution_id, step_name, counts, rows_done, step_started_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?)""")
				.params(progress.executionId(), progress.step(), counts, progress.total(), started, at)
				.update();
		}
	}

	private static String cut(String text) {
		return VisibleText.cut(text, 1000);
	}

	/**
	 * A step's progress as {@code cardops runs} shows it.
	 *
	 * @param step the step's name
	 * @param counts its counts, {@code key=value} pairs
	 * @param rowsDone their sum
	 * @param stepStartedAt when the step started
	 * @param updatedAt when its process wrote them
	 */
	public record Progress(String step, String counts, long rowsDone, OffsetDateTime stepStartedAt,
			OffsetDateTime updatedAt) {
	}

}
