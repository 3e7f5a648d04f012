package io.cardops.jobs.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's table statistics after a bulk load, inside the loading
 * transaction: without them the planner takes a table that just received two million rows
 * for empty and joins it with nested loops. The embedded H2 database needs nothing.
 */
@Component
public class Statistics {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	/**
	 * Creates the component.
	 * @param jdbc the database
	 * @param dataSource the same database (to tell PostgreSQL from H2)
	 */
	public Statistics(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * Analyzes tables that were just loaded in bulk (PostgreSQL only).
	 * @param tables the tables
	 * @throws SQLException when the connection cannot be inspected
	 */
	public void refresh(String... tables) throws SQLException {
		if (isPostgres()) {
			this.jdbc.sql("ANALYZE " + String.join(", ", tables)).update();
		}
	}

	/**
	 * Summarizes the page ranges that a bulk write added to BRIN indexes (PostgreSQL
	 * only, where the date indexes of the ledger rows, the judgments and the payment
	 * statements are BRIN). A BRIN index knows nothing of pages it has not summarized, so
	 * a search by date reads them all; PostgreSQL summarizes them when it vacuums the
	 * table, and autovacuum takes an append-only table only when a fifth of it is new:
	 * with a year of ledger, every few months.
	 * @param indexes the BRIN indexes
	 * @throws SQLException when the connection cannot be inspected
	 */
	public void summarize(String... indexes) throws SQLException {
		if (isPostgres()) {
			for (String index : indexes) {
				this.jdbc.sql("SELECT brin_summarize_new_values(CAST(:index AS regclass))")
					.param("index", index)
					.query(Integer.class)
					.single();
			}
		}
	}

	/**
	 * Settles how PostgreSQL plans the rest of the caller's transaction for batch work
	 * over millions of rows (PostgreSQL only): no just-in-time compilation, which costs
	 * about half a second per large statement and gains nothing on plans that are scans,
	 * hashes and sorts; and room for a day's sort per card in memory.
	 * @throws SQLException when the connection cannot be inspected
	 */
	public void batchTransaction() throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			batchTransaction(connection);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * The same settings as {@link #batchTransaction()}, for the current transaction of a
	 * connection of the caller's own (it must not be in auto-commit).
	 * @param connection the connection
	 * @throws SQLException when the settings cannot be made
	 */
	public static void batchTransaction(Connection connection) throws SQLException {
		if (connection.isWrapperFor(PGConnection.class)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL jit = off");
				statement.execute("SET LOCAL work_mem = '256MB'");
			}
		}
	}

	/**
	 * Whether the database is PostgreSQL (rather than the embedded H2 default).
	 * @return true for PostgreSQL
	 * @throws SQLException when the connection cannot be inspected
	 */
	public boolean isPostgres() throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			return connection.isWrapperFor(PGConnection.class);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

}
