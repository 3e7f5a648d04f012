package io.cardops.writers.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * Streams rows into one table on the caller's connection (and so in the caller's
 * transaction).
 *
 * <p>
 * On PostgreSQL rows go through {@code COPY ... FROM STDIN}, in binary, about five times
 * faster than batched inserts; elsewhere (the embedded H2 default) through JDBC batches.
 * Callers add rows one at a time and never hold the whole input.
 */
public interface BulkLoader extends AutoCloseable {

	/**
	 * Adds one row; values are {@code String}, {@code Number}, {@code Boolean},
	 * {@code LocalDate}, {@code Instant} (a timestamp with time zone) or null, in the
	 * order of the columns given at {@link #open}.
	 * @param values the row
	 * @throws SQLException when the database refuses the data
	 */
	void add(Object... values) throws SQLException;

	/**
	 * Sends what is buffered and ends the load.
	 * @return the number of rows loaded
	 * @throws SQLException when the database refuses the data
	 */
	long finish() throws SQLException;

	/**
	 * Abandons an unfinished load (the caller rolls its transaction back).
	 */
	@Override
	void close();

	/**
	 * Opens a loader for the connection's database.
	 * @param connection the connection (its transaction is the caller's)
	 * @param table the table
	 * @param columns the columns filled, in the order of {@link #add}
	 * @return the loader
	 * @throws SQLException when the connection cannot be used
	 */
	static BulkLoader open(Connection connection, String table, List<String> columns) throws SQLException {
		if (connection.isWrapperFor(PGConnection.class)) {
			return new PostgresCopyLoader(connection, table, columns);
		}
		return new JdbcBatchLoader(connection, table, columns);
	}

	/**
	 * Opens a loader whose rows are encoded and sent on a thread of its own while the
	 * caller reads and parses the next ones; the caller must not use the connection until
	 * the load is finished or closed.
	 * @param connection the connection (its transaction is the caller's)
	 * @param table the table
	 * @param columns the columns filled, in the order of {@link #add}
	 * @return the loader
	 * @throws SQLException when the connection cannot be used
	 */
	static BulkLoader openInBackground(Connection connection, String table, List<String> columns) throws SQLException {
		return new BackgroundLoader(open(connection, table, columns), table);
	}

}
