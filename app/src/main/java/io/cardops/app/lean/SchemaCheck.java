package io.cardops.app.lean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a database's schema is exactly what the migrations in the jar make, answered
 * without Flyway: the versioned migrations {@code flyway_schema_history} records as
 * applied, each with its script name and checksum, against the scripts bundled under
 * {@code spring.flyway.locations}.
 *
 * <p>
 * Loading Flyway, scanning its locations and validating the history costs a command more
 * than a second, and a command that reads finds nothing to migrate on every run but the
 * first after an upgrade. When this check says "current", Flyway would have found nothing
 * to do and nothing to report: every bundled migration is applied and successful, with
 * the checksum Flyway computes for the script (so an edited script is not current
 * either), and nothing else is recorded. Anything else (an empty database, a pending or
 * failed migration, a schema newer than the jar, history this check does not understand,
 * Flyway settings it does not read) is "not current", and the command opens the full
 * application, whose Flyway migrates or reports the problem exactly as before.
 */
public final class SchemaCheck {

	/** Flyway's versioned SQL migrations: {@code V<version>__<description>.sql}. */
	private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

	/**
	 * The Flyway settings this check assumes at their default (or, for the locations,
	 * reads): with any of them set, Flyway decides.
	 */
	private static final List<String> FLYWAY_DEFAULTS_ASSUMED = List.of("spring.flyway.table", "spring.flyway.schemas",
			"spring.flyway.default-schema", "spring.flyway.encoding", "spring.flyway.sql-migration-prefix",
			"spring.flyway.sql-migration-separator", "spring.flyway.sql-migration-suffixes", "spring.flyway.target",
			"spring.flyway.baseline-on-migrate", "spring.flyway.enabled");

	/** The history rows of Flyway's own doing. */
	private static final List<String> MARKERS = List.of("TABLE", "SCHEMA");

	private final JdbcClient jdbc;

	private final Environment environment;

	/**
	 * Creates the check.
	 * @param jdbc the database
	 * @param environment the application's settings ({@code spring.flyway.*},
	 * {@code spring.datasource.url})
	 */
	public SchemaCheck(JdbcClient jdbc, Environment environment) {
		this.jdbc = jdbc;
		this.environment = environment;
	}

	/**
	 * Whether Flyway would find the schema current and valid.
	 * @return true when every bundled migration, and nothing else, is applied as bundled
	 * @throws org.springframework.jdbc.CannotGetJdbcConnectionException when the database
	 * cannot be opened
	 */
	public boolean isCurrent() {
		if (FLYWAY_DEFAULTS_ASSUMED.stream().anyMatch(this.environment::containsProperty)) {
			return false;
		}
		Map<List<BigInteger>, Migration> bundled = bundled();
		if (bundled == null || bundled.isEmpty()) {
			return false;
		}
		List<AppliedRow> applied;
		try {
			applied = this.jdbc.sql("SELECT version, script, checksum, type, success FROM flyway_schema_history")
				.query((rs, n) -> new AppliedRow(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
						rs.getString(4), rs.getBoolean(5)))
				.list();
			applied = new ArrayList<>(applied);
		}
		catch (BadSqlGrammarException ex) {
			// No history table yet: an empty database.
			return false;
		}
		// Flyway's own markers (it created the history table, or the schema) carry no
		// migration.
		applied.removeIf((row) -> MARKERS.contains(row.type()) && row.success());
		if (applied.size() != bundled.size()) {
			return false;
		}
		for (AppliedRow row : applied) {
			Migration expected = (row.version() != null) ? bundled.get(version(row.version())) : null;
			if (expected == null || !row.success() || !"SQL".equals(row.type())
					|| !expected.script().equals(row.script())
					|| !Objects.equals(expected.checksum(), row.checksum())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The versioned migrations bundled under {@code spring.flyway.locations}, by version.
	 * @return the migrations, or null when a location or a script is one this check does
	 * not read (not on the class path, or not a versioned SQL migration)
	 */
	private Map<List<BigInteger>, Migration> bundled() {
		String vendor = DatabaseDriver.fromJdbcUrl(this.environment.getProperty("spring.datasource.url")).getId();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		Map<List<BigInteger>, Migration> bundled = new HashMap<>();
		for (String location : this.environment.getProperty("spring.flyway.locations", String[].class,
				new String[] { "classpath:db/migration" })) {
			String path = location.strip().replace("{vendor}", vendor);
			if (!path.startsWith("classpath:")) {
				return null;
			}
			path = path.substring("classpath:".length()).replaceAll("^/+|/+$", "");
			try {
				for (Resource resource : resolver.getResources("classpath*:" + path + "/**/*")) {
					if (!resource.isReadable()) {
						// A folder.
						continue;
					}
					Matcher versioned = VERSIONED.matcher(Objects.requireNonNull(resource.getFilename()));
					if (!versioned.matches()) {
						return null;
					}
					Migration migration = new Migration(resource.getFilename(), checksum(resource));
					if (bundled.put(version(versioned.group(1)), migration) != null) {
						// Two scripts of one version: Flyway refuses them.
						return null;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return bundled;
	}

	/**
	 * A version as Flyway compares them: its numbers, separated by dots or underscores,
	 * without trailing zeros ({@code 1.0} is {@code 1}).
	 */
	private static List<BigInteger> version(String text) {
		List<BigInteger> parts = new ArrayList<>();
		for (String part : text.split("[._]")) {
			if (part.isEmpty()) {
				continue;
			}
			parts.add(new BigInteger(part));
		}
		while (!parts.isEmpty() && parts.get(parts.size() - 1).signum() == 0) {
			parts.remove(parts.size() - 1);
		}
		return parts;
	}

	/**
	 * The checksum Flyway records for a SQL script: the CRC-32 of its lines in UTF-8,
	 * without their line ends, a byte order mark at its start left out.
	 * @param resource the script
	 * @return the checksum
	 * @throws IOException when the script cannot be read
	 */
	static int checksum(Resource resource) throws IOException {
		CRC32 crc = new CRC32();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8), 4096)) {
			String line = reader.readLine();
			if (line != null && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			for (; line != null; line = reader.readLine()) {
				crc.update(line.getBytes(StandardCharsets.UTF_8));
			}
		}
		return (int) crc.getValue();
	}

	private record Migration(String script, int checksum) {
	}

	private record AppliedRow(String version, String script, Integer checksum, String type, boolean success) {
	}

}
