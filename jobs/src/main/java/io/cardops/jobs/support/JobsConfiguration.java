package io.cardops.jobs.support;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * Beans every job shares: the clock, the settings, the identity hasher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardopsProperties.class)
public class JobsConfiguration {

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

}
