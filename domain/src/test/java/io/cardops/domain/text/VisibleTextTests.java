package io.cardops.domain.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Tests for {@link VisibleText}.
 */
class VisibleTextTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "王小明", "Zhang San", "𠮷田", "Marie-Thérèse O'Neil", "地铁4号线", "G-0402-01", "张\u3000三",
			"Łódź Ø", "佐藤 ひろし", "Ахмед" })
	void namesThatCanBeSeenPass(String text) {
		assertNull(VisibleText.problem(text));
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			王\u200B小明                 | contains an invisible character U+200B
			ab\u200Ccd                   | contains an invisible character U+200C
			ab\u200Dcd                   | contains an invisible character U+200D
			ab\u200Ecd                   | contains an invisible character U+200E
			ab\u200Fcd                   | contains an invisible character U+200F
			ab\u202Acd                   | contains an invisible character U+202A
			Zhang\u202Egnaw              | contains an invisible character U+202E
			ab\u2060cd                   | contains an invisible character U+2060
			ab\u2064cd                   | contains an invisible character U+2064
			ab\u2066cd                   | contains an invisible character U+2066
			ab\u2069cd                   | contains an invisible character U+2069
			ab\uFEFFcd                   | contains an invisible character U+FEFF
			ab\u061Ccd                   | contains an invisible character U+061C
			ab\u00ADcd                   | contains an invisible character U+00AD
			ab\u2028cd                   | contains an invisible character U+2028
			ab\u2029cd                   | contains an invisible character U+2029
			ab\u3164cd                   | contains an invisible character U+3164
			ab\u115Fcd                   | contains an invisible character U+115F
			ab\uFFA0cd                   | contains an invisible character U+FFA0
			ab\u034Fcd                   | contains an invisible character U+034F
			ab\uDB40\uDC41cd             | contains an invisible character U+E0041
			ab\uD800cd                   | contains an invisible character U+D800
			ab\u0007cd                   | contains a control character U+0007
			ab\u007Fcd                   | contains a control character U+007F
			ab\u0085cd                   | contains a control character U+0085
			a\u200Bb\u202Ec              | contains an invisible character U+200B
			""")
	void theFirstCharacterThatCannotBeSeenIsNamedByItsCodePoint(String text, String problem) {
		assertEquals(problem, VisibleText.problem(text));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "9, U+0009", "8238, U+202E", "917569, U+E0041", "65279, U+FEFF" })
	void codePointsAreWrittenAsUnicodeDoes(int codePoint, String written) {
		assertEquals(written, VisibleText.codePoint(codePoint));
	}

	@Test
	void aValueQuotedBackIsCutThenMasked() {
		assertEquals("ab\uFFFD...", VisibleText.shown("ab\u202Ecdef", 3));
		assertEquals("abc", VisibleText.shown("abc", 3));
	}

	@Test
	void maskedKeepsWhatCanBeSeenAndShowsTheRestAsReplacementCharacters() {
		assertEquals("王小明 𠮷田 👍", VisibleText.masked("王小明 𠮷田 👍"));
		assertEquals("\uFFFD3104 x\uFFFDy\uFFFD \uFFFD", VisibleText.masked("\u202E3104 x\u0000y\u200B \uD800"));
		assertEquals("\uFFFD", VisibleText.masked("\u2800"));
		assertNull(VisibleText.masked(null));
	}

	@Test
	void aCutKeepsWholeCharactersAndFitsItsWidthInUtf16Units() {
		String wide = "\uD842\uDFB7";
		assertEquals("abc", VisibleText.cut("abc", 4));
		assertEquals("abcdef", VisibleText.cut("abcdef", 6));
		assertEquals("abc...", VisibleText.cut("abcdefg", 6));
		// 61 units would end on the first half of the 31st character: 30 are kept
		assertEquals(wide.repeat(30) + "...", VisibleText.cut(wide.repeat(40), 64));
		assertEquals(wide.repeat(32), VisibleText.cut(wide.repeat(32), 64));
		assertEquals(wide + "...", VisibleText.shown(wide.repeat(3), 3));
		assertNull(VisibleText.cut(null, 10));
	}

}
