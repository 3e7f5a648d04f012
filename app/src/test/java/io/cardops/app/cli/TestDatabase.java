package io.cardops.app.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh database for one test: an H2 file in PostgreSQL mode (the embedded default), or
 * a new PostgreSQL database on the server named by {@code cardops.test.pg-url} when the
 * build runs with {@code -Dcardops.test.db=postgres}. Tests never share state.
 */
final class TestDatabase implements AutoCloseable {

	private final String url;

	private final String name;

	private final SingleConnectionDataSource dataSource;

	private TestDatabase(String url, String name) {
		this.url = url;
		this.name = name;
		this.dataSource = new SingleConnectionDataSource(url, this.isPostgres() ? null : "sa",
				this.isPostgres() ? null : "", true);
	}

	static boolean postgres() {
		return "postgres".equals(System.getProperty("cardops.test.db", "h2"));
	}

	static TestDatabase create(Path folder) throws SQLException {
		if (!postgres()) {
			return new TestDatabase("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0",
					null);
		}
		String server = System.getProperty("cardops.test.pg-url",
				"jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
		String name = "cardops_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(server);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return new TestDatabase(server.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), name);
	}

	boolean isPostgres() {
		return this.url.startsWith("jdbc:postgresql:");
	}

	String url() {
		return this.url;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	JdbcClient sql() {
		return JdbcClient.create(this.dataSource);
	}

	@Override
	public void close() throws SQLException {
		this.dataSource.destroy();
		if (this.name != null) {
			String server = System.getProperty("cardops.test.pg-url",
					"jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
			try (Connection connection = DriverManager.getConnection(server);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			}
		}
	}

}
