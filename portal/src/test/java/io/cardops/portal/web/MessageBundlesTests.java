package io.cardops.portal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages speak both languages: every message has its Chinese and its English, and the
 * same placeholders in each.
 */
class MessageBundlesTests {

	@Test
	void everyMessageIsInBothLanguagesWithTheSamePlaceholders() throws IOException {
		Properties english = load("messages.properties");
		Properties chinese = load("messages_zh_CN.properties");

		assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
		for (String key : english.stringPropertyNames()) {
			assertThat(placeholders(chinese.getProperty(key))).as(key)
				.isEqualTo(placeholders(english.getProperty(key)));
		}
	}

	private static int placeholders(String pattern) {
		return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/" + name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
