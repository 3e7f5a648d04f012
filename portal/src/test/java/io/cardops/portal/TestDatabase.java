package io.cardops.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database for one test class: an H2 in-memory database in PostgreSQL mode (the
 * embedded default), or a new PostgreSQL database on the server named by
 * {@code cardops.test.pg-url} when the build runs with
 * {@code -Dcardops.test.db=postgres}. The same choice as the schedules module's tests.
 */
public final class TestDatabase {

	private static final String SERVER = System.getProperty("cardops.test.pg-url",
			"jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

	private final String url;

	private TestDatabase(String url) {
		this.url = url;
	}

	/**
	 * Whether this build tests on PostgreSQL.
	 * @return true for {@code -Dcardops.test.db=postgres}
	 */
	public static boolean postgres() {
		return "postgres".equals(System.getProperty("cardops.test.db", "h2"));
	}

	/**
	 * Creates a new, empty database.
	 * @return the database
	 */
	public static TestDatabase create() {
		String name = "cardops_portal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		if (!postgres()) {
			return new TestDatabase("jdbc:h2:mem:" + name
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
		execute("CREATE DATABASE " + name);
		// Dropped when the tests' JVM ends, after every context has closed its pool.
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new TestDatabase(SERVER.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(SERVER);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot run " + sql, ex);
		}
	}

	/**
	 * The JDBC URL.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * The user name to connect with.
	 * @return the user
	 */
	public String user() {
		return postgres() ? "postgres" : "sa";
	}

}
