package io.cardops.jobs.support;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The per-institution roster charsets as Spring Boot binds them from a properties file or
 * the environment.
 */
class CardopsPropertiesTests {

	private static final Charset GB18030 = Charset.forName("GB18030");

	@Test
	void anInstitutionNamedInTheSettingsIsReadInItsCharsetAndEveryOtherInUtf8() {
		CardopsProperties.Roster roster = bind(Map.of("cardops.roster.charset.PKU", "GB18030")).roster();

		assertThat(roster.charsetOf("PKU")).isEqualTo(GB18030);
		assertThat(roster.charsetOf("UCAS")).isEqualTo(StandardCharsets.UTF_8);
		assertThat(roster.charset()).containsExactly(Map.entry("PKU", "GB18030"));
	}

	@Test
	void noSettingReadsEveryRosterInUtf8() {
		CardopsProperties.Roster roster = bind(Map.of()).roster();

		assertThat(roster.charsetOf("PKU")).isEqualTo(StandardCharsets.UTF_8);
		assertThat(roster.charset()).isEmpty();
	}

	@Test
	void theCodeAndTheCharsetMayBeWrittenInAnyCase() {
		CardopsProperties.Roster roster = bind(Map.of("cardops.roster.charset.pku", "gb18030")).roster();

		assertThat(roster.charsetOf("PKU")).isEqualTo(GB18030);
	}

	@Test
	void aCodeWithAnUnderscoreIsKeptWhole() {
		CardopsProperties.Roster roster = bind(Map.of("cardops.roster.charset[BJ_U]", "GB18030")).roster();

		assertThat(roster.charsetOf("BJ_U")).isEqualTo(GB18030);
	}

	@Test
	void anEnvironmentVariableSetsIt() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("CARDOPS_ROSTER_CHARSET_PKU", "GB18030")));
		CardopsProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bind("cardops", CardopsProperties.class)
			.get();

		assertThat(properties.roster().charsetOf("PKU")).isEqualTo(GB18030);
	}

	@Test
	void anUnknownCharsetNameStopsTheStartUpNamingTheSetting() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("cardops.roster.charset.PKU", "GBX-2000")))
			.havingRootCause()
			.withMessage("cardops.roster.charset.PKU: no charset is named 'GBX-2000'; a roster is UTF-8 (the default)"
					+ " or GB18030");
	}

	@Test
	void aCharsetRostersDoNotComeInStopsTheStartUpNamingTheSetting() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("cardops.roster.charset.PKU", "ISO-8859-1")))
			.havingRootCause()
			.withMessage("cardops.roster.charset.PKU: ISO-8859-1 is not a roster charset; a roster is UTF-8 (the"
					+ " default) or GB18030");
	}

	private static CardopsProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cardops",
				CardopsProperties.class);
	}

}
