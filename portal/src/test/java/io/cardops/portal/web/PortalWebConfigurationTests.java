package io.cardops.portal.web;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages speak Simplified Chinese to any Chinese browser and English to every other.
 */
class PortalWebConfigurationTests {

	@ParameterizedTest
	@CsvSource({ "zh-CN, zh-CN", "zh, zh-CN", "zh-TW, zh-CN", "zh-Hans-CN, zh-CN", "en-US, en", "en, en", "fr-FR, en",
			"ja, en" })
	void eachBrowserLanguageGetsOneOfTheTwo(String asked, String spoken) {
		assertThat(PortalWebConfiguration.supported(Locale.forLanguageTag(asked)).toLanguageTag()).isEqualTo(spoken);
	}

}
