package io.cardops.domain.identity;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests for {@link IdNumbers}. Every resident ID vector's check character was computed
 * with the GB 11643-1999 weights, not copied from elsewhere.
 */
class IdNumbersTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			# raw,               normalized
			  11010519491231002X, 11010519491231002X
			  11010519491231002x, 11010519491231002X
			  440308199001011239, 440308199001011239
			  370283198208153017, 370283198208153017
			  510107199912317774, 510107199912317774
			  320583198808080007, 320583198808080007
			  620102201001010011, 620102201001010011
			  120101197006150052, 120101197006150052
			  530102199203030086, 530102199203030086
			  110105199612310039, 110105199612310039
			  310104199602290012, 310104199602290012
			  110101200002290042, 110101200002290042
			  110105200002290048, 110105200002290048
			  11010519000101001X, 11010519000101001X
			""")
	void residentIdWithMatchingCheckCharacterAndRealBirthDateIsAccepted(String raw, String normalized) {
		IdNumberCheck check = IdNumbers.check(IdType.RESIDENT_ID, raw);
		assertTrue(check.valid(), check::error);
		assertEquals(normalized, check.normalized());
		assertNull(check.error());
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(textBlock = """
			# raw,                 reason
			  '',                   is required
			  11010519491231002,    must be 18 characters
			  11010519491231002X1,  must be 18 characters
			  1101051949123100AX,   first 17 characters must be digits
			  '１１０１０５１９４９１２３１００２X', first 17 characters must be digits
			  11010519491231002Y,   last character must be a digit or X
			  110105194912310021,   check character wrong
			  11010519491231002x3,  must be 18 characters
			  440308199001011230,   check character wrong
			  44030819900101123X,   check character wrong
			  510107199912317775,   check character wrong
			  110105190002290025,   birth date not a real date
			  110105202302290022,   birth date not a real date
			  110105199902310029,   birth date not a real date
			  110105199913010021,   birth date not a real date
			  110105199901000029,   birth date not a real date
			  110105180001010010,   birth date before 1900
			""")
	void residentIdIsRefusedWithAReasonAClerkUnderstands(String raw, String reason) {
		IdNumberCheck check = IdNumbers.check(IdType.RESIDENT_ID, raw);
		assertFalse(check.valid());
		assertEquals(reason, check.error());
		assertNull(check.normalized());
	}

	@ParameterizedTest(name = "born {0}, judged {1}: {2}")
	@CsvSource(textBlock = """
			# birth date in the id, judged on, error (empty when valid)
			  110101200002290042,   2000-02-29,
			  110101200002290042,   2000-02-28, birth date in the future
			  110101200002290042,   2026-10-13,
			  110105202612310012,   2026-10-13, birth date in the future
			  110105202612310017,   2026-12-31,
			""")
	void aBirthDateAfterTheDateOfJudgingIsInTheFuture(String raw, LocalDate asOf, String error) {
		assertEquals(error, IdNumbers.check(IdType.RESIDENT_ID, raw, asOf).error());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "110105194912310021", "440308199001011230", "110105202302290022", "110105180001010010",
			"110105202612310012" })
	void aReasonNeverRepeatsADigitOfTheNumber(String raw) {
		String error = IdNumbers.check(IdType.RESIDENT_ID, raw, LocalDate.of(2026, 10, 13)).error();

		assertNotNull(error);
		assertTrue(List
			.of("check character wrong", "birth date not a real date", "birth date before 1900",
					"birth date in the future")
			.contains(error), error);
	}

	@ParameterizedTest(name = "Feb 29 {0}: valid {1}")
	@CsvSource(textBlock = """
			# year, leap, id with a correct check character
			  1996, true,  310104199602290012
			  2000, true,  110101200002290042
			  1900, false, 110105190002290025
			  2023, false, 110105202302290022
			""")
	void february29IsABirthDateOnlyInLeapYears(int year, boolean leap, String raw) {
		assertEquals(leap, IdNumbers.check(IdType.RESIDENT_ID, raw).valid(), () -> "year " + year);
	}

	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource(textBlock = """
			# type,     raw,                   error (empty when valid)
			  PASSPORT,   E12345678,
			  PASSPORT,   A1234,
			  PASSPORT,   ABCDEFGHIJ0123456789,
			  HMT_PERMIT, H1234567890,
			  HMT_PERMIT, M12345678,
			  TW_PERMIT,  12345678,
			  TW_PERMIT,  830000198001010018,
			  PASSPORT,   A123,                  must be 5-20 of A-Z 0-9
			  PASSPORT,   ABCDEFGHIJ0123456789K, must be 5-20 of A-Z 0-9
			  PASSPORT,   e12345678,             must be 5-20 of A-Z 0-9
			  PASSPORT,   11010519491231002x,    must be 5-20 of A-Z 0-9
			  HMT_PERMIT, H-1234567,             must be 5-20 of A-Z 0-9
			  HMT_PERMIT, H 1234567,             must be 5-20 of A-Z 0-9
			  TW_PERMIT,  '１２３４５６７８',      must be 5-20 of A-Z 0-9
			  TW_PERMIT,  '',                    is required
			""")
	void otherIdTypesAreFiveToTwentyOfUpperCaseLettersAndDigits(IdType type, String raw, String error) {
		IdNumberCheck check = IdNumbers.check(type, raw);
		assertEquals(error, check.error());
		assertEquals((error != null) ? null : raw, check.normalized());
	}

	@ParameterizedTest
	@EnumSource(IdType.class)
	void missingNumberIsRequired(IdType type) {
		assertEquals("is required", IdNumbers.check(type, null).error());
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			11010519491231002X, 002X
			E12345678,          5678
			ABCD,               ABCD
			ABC,                ABC
			""")
	void last4KeepsTheLastFourCharacters(String normalized, String last4) {
		assertEquals(last4, IdNumbers.last4(normalized));
	}

	@Test
	void checkOutcomeHoldsEitherANumberOrAnError() {
		assertThrows(IllegalArgumentException.class, () -> new IdNumberCheck(null, null));
		assertThrows(IllegalArgumentException.class, () -> new IdNumberCheck("A1234", "is required"));
	}

	@Test
	void redactMasksWhatLooksLikeAResidentIdentityNumberButItsLastFour() {
		assertEquals("**************002X", IdNumbers.redact("11010519491231002X"));
		assertEquals("unknown column ***********1345 ignored",
				IdNumbers.redact("unknown column 110105491231345 ignored"));
		assertEquals("a,**************0012,b", IdNumbers.redact("a,110102200602280012,b"));
		// Student numbers and card numbers are not identity numbers.
		assertEquals("2024E8013282832", IdNumbers.redact("2024E8013282832"));
		assertEquals("3104000000000000017", IdNumbers.redact("3104000000000000017"));
		assertNull(IdNumbers.redact(null));
	}

	@Test
	void redactMasksANumberWrittenInFullWidthOrAnotherScriptsDigits() {
		assertEquals("unknown column **************８９４８ ignored",
				IdNumbers.redact("unknown column １１０１０５２００１０８０８８９４８ ignored"));
		assertEquals("**************００２Ｘ", IdNumbers.redact("１１０１０５１９４９１２３１００２Ｘ"));
		assertEquals("a,***********1345,b", IdNumbers.redact("a,١١٠١٠٥٤٩١٢٣1345,b"));
		// a digit outside the basic plane (MATHEMATICAL BOLD DIGIT) is one character
		String bold = "\uD835\uDFCF".repeat(14) + "1234";
		assertEquals("*".repeat(14) + "1234", IdNumbers.redact(bold));
		assertEquals("１２３４", IdNumbers.redact("１２３４"));
	}

}
