package io.cardops.portal.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void aSizeLimitOfNothingOrLessIsRefusedNamingItsSetting() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> PortalWebConfiguration.positive("cardops.http.max-body (CARDOPS_HTTP_MAX_BODY)",
					DataSize.parse("-5MB"), "1MB"))
			.withMessage("cardops.http.max-body (CARDOPS_HTTP_MAX_BODY) must be a positive size such as 1MB, not"
					+ " -5242880B");
		assertThat(PortalWebConfiguration.positive("x", DataSize.ofBytes(1), "1MB").toBytes()).isEqualTo(1);
	}

}
