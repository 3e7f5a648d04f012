package io.cardops.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jobs module's beans on a fresh database of one test: an H2 file in PostgreSQL mode,
 * or a new PostgreSQL database when the build runs with
 * {@code -Dcardops.test.db=postgres} ({@code cardops.test.pg-url} names the server).
 * Tests never share state.
 */
public final class JobsContext implements AutoCloseable {

	static {
		// H2 keeps the zone of the JVM it first opened a database in.
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
	}

	private static final String SERVER = System.getProperty("cardops.test.pg-url",
			"jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

	private final String database;

	private final ConfigurableApplicationContext context;

	private JobsContext(String database, ConfigurableApplicationContext context) {
		this.database = database;
		this.context = context;
	}

	public static boolean postgres() {
		return "postgres".equals(System.getProperty("cardops.test.db", "h2"));
	}

	/**
	 * Starts the jobs' beans on a new database.
	 * @param folder the test's folder (database, outbox, uploads)
	 * @param extra more settings
	 * @return the context
	 * @throws SQLException when the PostgreSQL database cannot be created
	 */
	public static JobsContext start(Path folder, Map<String, Object> extra) throws SQLException {
		Map<String, Object> properties = new HashMap<>();
		String database = null;
		if (postgres()) {
			database = "cardops_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			try (Connection connection = DriverManager.getConnection(SERVER);
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + database);
			}
			properties.put("spring.datasource.url", SERVER.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
			properties.put("cardops.id-key", "test-key-0123456789abcdef0123456789abcdef");
		}
		else {
			properties.put("spring.datasource.url", "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
			properties.put("spring.datasource.username", "sa");
			properties.put("spring.datasource.password", "");
		}
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.flyway.locations", "classpath:db/migration,classpath:db/vendor/{vendor}");
		properties.put("spring.batch.jdbc.initialize-schema", "never");
		properties.put("spring.batch.job.enabled", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.org.springframework.batch.core.step.AbstractStep", "OFF");
		properties.put("cardops.inbox", folder.resolve("inbox").toString());
		properties.put("cardops.outbox", folder.resolve("outbox").toString());
		properties.put("cardops.uploads", folder.resolve("uploads").toString());
		properties.put("cardops.error-log", folder.resolve("errors.log").toString());
		properties.putAll(extra);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Jobs.class).web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run();
		return new JobsContext(database, context);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public JdbcClient sql() {
		return bean(JdbcClient.class);
	}

	@Override
	public void close() throws SQLException {
		this.context.close();
		if (this.database != null) {
			try (Connection connection = DriverManager.getConnection(SERVER);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
			}
		}
	}

	/** Every bean of the jobs module, as the application has them. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ComponentScan("io.cardops.jobs")
	static class Jobs {

	}

}
