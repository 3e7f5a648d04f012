package io.cardops.writers.bulk;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * Loads rows with batched prepared inserts, for databases without {@code COPY}.
 */
final class JdbcBatchLoader implements BulkLoader {

	private static final int BATCH_ROWS = 1000;

	private final PreparedStatement insert;

	private final int width;

	private int pending;

	private long rows;

	JdbcBatchLoader(Connection connection, String table, List<String> columns) throws SQLException {
		String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
		this.insert = connection
			.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")");
		this.width = columns.size();
	}

	@Override
	public void add(Object... values) throws SQLException {
		if (values.length != this.width) {
			throw new IllegalArgumentException("expected " + this.width + " values, got " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			Object value = values[i];
			if (value instanceof LocalDate date) {
				value = Date.valueOf(date);
			}
			else if (value instanceof Instant at) {
				// Kept at the programme's offset, as the embedded database's other
				// writers keep them (its date arithmetic reads the stored offset).
				value = at.atZone(AcademicCalendar.ZONE).toOffsetDateTime();
			}
			this.insert.setObject(i + 1, value);
		}
		this.insert.addBatch();
		this.rows++;
		if (++this.pending == BATCH_ROWS) {
			execute();
		}
	}

	private void execute() throws SQLException {
		int[] counts = this.insert.executeBatch();
		for (int count : counts) {
			if (count != 1 && count != PreparedStatement.SUCCESS_NO_INFO) {
				throw new SQLException("a batched insert affected " + count + " rows, expected 1");
			}
		}
		this.pending = 0;
	}

	@Override
	public long finish() throws SQLException {
		if (this.pending > 0) {
			execute();
		}
		this.insert.close();
		return this.rows;
	}

	@Override
	public void close() {
		try {
			this.insert.close();
		}
		catch (SQLException ex) {
			// The caller is already failing; its transaction is rolled back.
		}
	}

}
