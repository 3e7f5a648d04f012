package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TimeZone;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.app.lean.LeanApplication;
import io.cardops.app.lean.LeanSchedulerApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that run no job open a lean application without Flyway when the schema is
 * current, and the full application, whose Flyway migrates or reports as before, when it
 * is not.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeanStartIntegrationTests extends CliTestSupport {

	/**
	 * The business zone, set as {@link CardopsCli} sets it before anything else: these
	 * tests open the database without it, and H2 keeps the zone it first sees for the
	 * rest of the JVM (the later tests' timestamps would shift).
	 */
	@BeforeAll
	static void businessZone() {
		TimeZone.setDefault(TimeZone.getTimeZone(AcademicCalendar.ZONE));
	}

	@Test
	void anEmptyDatabaseIsMigratedByTheFullApplicationAndThenReadByTheLeanOne() {
		// given an empty database
		// when a command that reads opens it
		try (ConfigurableApplicationContext first = leanSession().openLean(LeanApplication.class)) {
			// then it is the full application, whose Flyway made the schema
			assertThat(first.getBeanNamesForType(Flyway.class)).isNotEmpty();
			assertThat(first.getBeanNamesForType(JobOperator.class)).isNotEmpty();
		}
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'SQL' AND success")
			.query(Long.class)
			.single()).isEqualTo(bundledMigrations());

		// and the next commands find it current: no Flyway, no jobs
		try (ConfigurableApplicationContext next = leanSession().openLean(LeanApplication.class)) {
			assertThat(next.getBeanNamesForType(Flyway.class)).isEmpty();
			assertThat(next.getBeanNamesForType(JobOperator.class)).isEmpty();
		}
		try (ConfigurableApplicationContext schedules = leanSession().openLean(LeanSchedulerApplication.class)) {
			assertThat(schedules.getBeanNamesForType(Flyway.class)).isEmpty();
			assertThat(schedules.getBeanNamesForType(org.quartz.Scheduler.class)).isNotEmpty();
		}
	}

	@Test
	void aSchemaAMigrationBehindTheJarIsMigratedAsBefore() {
		String latest = bundledLatest();
		// given a database migrated to the version before the latest
		flyway().target(previousVersion()).load().migrate();
		assertThat(latestApplied()).isNotEqualTo(latest);

		// when a command that reads runs
		CliResult runs = cardops("runs", "--limit", "1");

		// then the full application migrated it to the latest, and the command ran
		assertThat(runs.code()).isZero();
		assertThat(runs.out()).isEqualTo("no runs yet\n");
		assertThat(latestApplied()).isEqualTo(latest);
		try (ConfigurableApplicationContext next = leanSession().openLean(LeanApplication.class)) {
			assertThat(next.getBeanNamesForType(Flyway.class)).isEmpty();
		}
	}

	@Test
	void anEditedMigrationIsReportedByFlywaysValidationAsBefore() {
		migrate();
		// given a migration whose script changed after it was applied
		this.database.sql()
			.sql("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'")
			.update();

		CliResult runs = cardops("runs", "--limit", "1");

		assertThat(runs.code()).isEqualTo(1);
		assertThat(runs.err()).contains("Migration checksum mismatch for migration version 1");
		assertThat(runs.out()).isEmpty();
	}

	@Test
	void aFailedMigrationIsReportedAsBefore() {
		migrate();
		String latest = latestApplied();
		// given the latest migration recorded as failed
		this.database.sql()
			.sql("UPDATE flyway_schema_history SET success = FALSE WHERE version = ?")
			.params(latest)
			.update();

		CliResult runs = cardops("runs", "--limit", "1");

		assertThat(runs.code()).isEqualTo(1);
		assertThat(runs.err()).contains("Detected failed migration to version " + latest + " ");
		assertThat(runs.out()).isEmpty();
	}

	@Test
	void aSchemaNewerThanTheJarIsReportedAsBefore(CapturedOutput output) {
		migrate();
		String latest = bundledLatest();
		// given a migration this jar does not have, applied by a newer cardops
		this.database.sql()
			.sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
					+ " installed_by, execution_time, success) VALUES (999, '999', 'newer', 'SQL', 'V999__newer.sql',"
					+ " 1, 'cardops', 1, TRUE)")
			.update();

		CliResult runs = cardops("runs", "--limit", "1");

		// then Flyway says so (on standard error, where warnings go), and the listing
		// runs, as before the lean start
		assertThat(output.getErr())
			.contains("has a version (999) that is newer than the latest available migration (" + latest + ")");
		assertThat(runs.code()).isZero();
		assertThat(runs.out()).isEqualTo("no runs yet\n");
	}

	private Session leanSession() {
		String[] args = { "--db", this.database.url() };
		ByteArrayOutputStream discard = new ByteArrayOutputStream();
		PrintStream stream = new PrintStream(discard, true, StandardCharsets.UTF_8);
		return new Session(GlobalOptions.extract(args, Map.of()), stream, stream, Map.of("CARDOPS_ID_KEY", ID_KEY));
	}

	private void migrate() {
		flyway().load().migrate();
	}

	/**
	 * Flyway as the application configures it (application.properties).
	 */
	private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
		String vendor = this.database.isPostgres() ? "postgresql" : "h2";
		return Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor);
	}

	private long bundledMigrations() {
		return flyway().load().info().all().length;
	}

	private String bundledLatest() {
		org.flywaydb.core.api.MigrationInfo[] all = flyway().load().info().all();
		return all[all.length - 1].getVersion().getVersion();
	}

	private String previousVersion() {
		org.flywaydb.core.api.MigrationInfo[] all = flyway().load().info().all();
		return all[all.length - 2].getVersion().getVersion();
	}

	private String latestApplied() {
		return this.database.sql()
			.sql("SELECT version FROM flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank DESC")
			.query(String.class)
			.list()
			.get(0);
	}

}
