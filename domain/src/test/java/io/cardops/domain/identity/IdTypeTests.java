package io.cardops.domain.identity;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests for {@link IdType}.
 */
class IdTypeTests {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(textBlock = """
			RESIDENT_ID,  RESIDENT_ID
			PASSPORT,     PASSPORT
			HMT_PERMIT,   HMT_PERMIT
			TW_PERMIT,    TW_PERMIT
			passport,
			Passport,
			' PASSPORT',
			ID_CARD,
			'',
			,
			""")
	void parseAcceptsOnlyTheExactUpperCaseName(String text, IdType expected) {
		assertEquals(Optional.ofNullable(expected), IdType.parse(text));
	}

}
