package io.cardops.jobs.support;

import java.time.Clock;
import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.partition.PartitionSettings;
import io.cardops.jobs.reconcile.ReconcileSettings;

/**
 * Beans every job shares: the clock, the settings, the identity hasher, how the schema is
 * migrated.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CardopsProperties.class, PartitionSettings.class, ReconcileSettings.class })
public class JobsConfiguration {

	/** The Flyway logger that announces out-of-order mode. */
	private static final String MIGRATE_LOGGER = "org.flywaydb.core.internal.command.DbMigrate";

	/**
	 * The business clock (Asia/Shanghai). Tests and the demo replace it.
	 * @return the clock
	 */
	@Bean
	Clock clock() {
		return Clock.system(AcademicCalendar.ZONE);
	}

	/**
	 * The identity hasher, keyed from {@code CARDOPS_ID_KEY} / {@code cardops.id-key}.
	 * Only the embedded H2 default may fall back to the development key; PostgreSQL
	 * refuses to start without a key.
	 * @param properties the settings
	 * @param environment the environment (for the database URL)
	 * @return the hasher
	 */
	@Bean
	IdentityHasher identityHasher(CardopsProperties properties, Environment environment) {
		String key = properties.idKey();
		if (key == null || key.isBlank()) {
			String url = environment.getProperty("spring.datasource.url", "");
			if (!url.startsWith("jdbc:h2:")) {
				throw new IllegalStateException(
						"CARDOPS_ID_KEY is not set: identity numbers cannot be hashed (a development key is allowed only with the embedded database)");
			}
			return new IdentityHasher(IdentityHasher.DEVELOPMENT_KEY);
		}
		return new IdentityHasher(key);
	}

	/**
	 * Migrates the schema as Flyway does, and applies a migration whose version is lower
	 * than one already applied (V24 landing after V28: version numbers are handed out per
	 * change) instead of refusing to start. Flyway's out-of-order mode is used only then:
	 * on every other start it would warn on standard output, and it would hide nothing
	 * else Flyway reports.
	 * @return the strategy
	 */
	@Bean
	FlywayMigrationStrategy migrationStrategy() {
		return (flyway) -> {
			try {
				flyway.migrate();
			}
			catch (FlywayValidateException ex) {
				boolean late = Arrays.stream(flyway.info().all())
					.anyMatch((migration) -> migration.getState() == MigrationState.IGNORED);
				if (!late) {
					throw ex;
				}
				// Flyway warns on standard output that out-of-order mode "may not be
				// reproducible": here it is the plan, and the line would stand before a
				// command's results.
				LoggingSystem logging = LoggingSystem.get(flyway.getConfiguration().getClassLoader());
				LoggerConfiguration before = logging.getLoggerConfiguration(MIGRATE_LOGGER);
				logging.setLogLevel(MIGRATE_LOGGER, LogLevel.ERROR);
				try {
					Flyway.configure(flyway.getConfiguration().getClassLoader())
						.configuration(flyway.getConfiguration())
						.outOfOrder(true)
						.load()
						.migrate();
				}
				finally {
					logging.setLogLevel(MIGRATE_LOGGER, (before != null) ? before.getConfiguredLevel() : null);
				}
			}
		};
	}

}
