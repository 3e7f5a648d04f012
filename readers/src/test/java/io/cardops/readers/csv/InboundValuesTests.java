package io.cardops.readers.csv;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InboundValues}.
 */
class InboundValuesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			2026-09-01T07:45:12+08:00,     2026-08-31T23:45:12Z
			2026-09-01T07:45:12Z,          2026-09-01T07:45:12Z
			2026-09-01T07:45:12,           2026-08-31T23:45:12Z
			2026-09-01T07:00:00,           2026-08-31T23:00:00Z
			2026-09-01T07:45:12.250+08:00, 2026-08-31T23:45:12.250Z
			2026-09-01T07:45:12-05:00,     2026-09-01T12:45:12Z
			2026-09-01T07:45+08:00,        2026-08-31T23:45:00Z
			2026-01-01T00:00:00,           2025-12-31T16:00:00Z
			2024-02-29T12:00:00+08:00,     2024-02-29T04:00:00Z
			2026-09-01T07:45:12-00:00,     2026-09-01T07:45:12Z
			2026-09-01T07:45:12+18:00,     2026-08-31T13:45:12Z
			2026-09-01T07:45:12+05:45,     2026-09-01T02:00:12Z
			""")
	void isoInstantIsParsedWithItsOffsetOrInShanghaiTime(String text, Instant expected) {
		assertThat(InboundValues.instant(text)).isEqualTo(expected);
	}

	@Test
	void instantWithoutAnOffsetIsTheSameInstantAsWithTheShanghaiOffset() {
		assertThat(InboundValues.instant("2026-09-01T07:00:00")).isEqualTo(Instant.parse("2026-08-31T23:00:00Z"))
			.isEqualTo(InboundValues.instant("2026-09-01T07:00:00+08:00"))
			.isEqualTo(InboundValues.instant("2026-08-31T23:00:00Z"));
	}

	@ParameterizedTest(name = "''{0}''")
	@NullAndEmptySource
	@ValueSource(strings = { "yesterday", "2026-09-01", "07:45:12", "2026-13-01T08:00:00+08:00", "2026-02-30T08:00:00",
			"2026-09-01T25:00:00+08:00", "2026-09-01 07:45:12+08:00", "2026/09/01T07:45:12",
			"2026-09-01T07:45:12+08:00[Asia/Shanghai]", "1788219912", "2026-09-01T24:00:00+08:00",
			"2026-09-01T07:60:00Z", "2026-09-01T07:45:60Z", "2026-09-01T07:45:12+19:00", "2026-09-01T07:45:12+08:60",
			"2025-02-29T07:45:12+08:00", "2026-09-01T07:45:12 08:00", "２０２６-09-01T07:45:12Z",
			" 2026-09-01T07:45:12+08:00" })
	void textThatIsNotAnInstantGivesNull(String text) {
		assertThat(InboundValues.instant(text)).isNull();
	}

	@Test
	void nineteenDigitsAreACardNumber() {
		assertThat(InboundValues.isCardNo("3104000000000000017")).isTrue();
		assertThat(InboundValues.isCardNo("0000000000000000000")).isTrue();
	}

	@ParameterizedTest(name = "''{0}''")
	@NullAndEmptySource
	@ValueSource(strings = { "310400000000000001", "31040000000000000170", "31040000000000000AB",
			"3104 000000000000017", " 3104000000000000017", "-310400000000000001", "３１０４０００００００００００００００１７" })
	void anythingButNineteenAsciiDigitsIsNotACardNumber(String text) {
		assertThat(InboundValues.isCardNo(text)).isFalse();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			0,               0
			-12,             -12
			12,              12
			1250,            1250
			-0,              0
			007,             7
			10000000,        10000000
			-10000000,       -10000000
			000000000000000000000010000000, 10000000
			""")
	void integerWithinTenMillionIsAnAmountInFen(String text, long expected) {
		assertThat(InboundValues.fen(text)).isEqualTo(expected);
		assertThat(InboundValues.fenValue(text)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "10000001", "-10000001", "999999999999999", "-999999999999999", "9223372036854775808",
			"123456789012345678901234567890" })
	void integerBeyondTenMillionIsNoAmountButIsToldApart(String text) {
		assertThat(InboundValues.fen(text)).isNull();
		assertThat(InboundValues.fenValue(text)).isEqualTo(InboundValues.BEYOND_LIMIT);
	}

	@ParameterizedTest(name = "''{0}''")
	@NullAndEmptySource
	@ValueSource(strings = { "12.5", "12.00", "+12", " 12", "1,250", "abc", "-", "1e3", "１２", "99999999999999999x" })
	void textThatIsNotAnIntegerGivesNull(String text) {
		assertThat(InboundValues.fen(text)).isNull();
		assertThat(InboundValues.fenValue(text)).isEqualTo(InboundValues.NOT_AN_INTEGER);
		assertThat(InboundValues.integer(text)).isNull();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			1,                1
			-12,              -12
			999999999999999,  999999999999999
			-999999999999999, -999999999999999
			""")
	void aCounterIsAnIntegerOfAtMostFifteenDigits(String text, long expected) {
		assertThat(InboundValues.integer(text)).isEqualTo(expected);
	}

	@Test
	void aCounterOfSixteenDigitsIsNotRead() {
		assertThat(InboundValues.integer("1234567890123456")).isNull();
	}

	@ParameterizedTest(name = "''{0}''")
	@CsvSource(delimiter = '|', textBlock = """
			+50      | ; '+50' has a plus sign
			０５０    | ; '０５０' has full-width digits
			－5      | ; '－5' has full-width digits
			'50 '    | ; '50 ' has spaces
			5 0      | ; '5 0' has spaces
			50.00    | ; '50.00' has a decimal point
			-.5      | ; '-.5' has a decimal point
			'1,000'  | ; '1,000' has a thousands separator
			abc      | ''
			5-       | ''
			1.2.3    | ''
			""")
	void aCommonSlipInAnIntegerIsNamed(String text, String expected) {
		assertThat(InboundValues.fenValue(text)).isEqualTo(InboundValues.NOT_AN_INTEGER);
		assertThat(InboundValues.integerSlip(text)).isEqualTo(expected);
	}

	@Test
	void aSlipInAQuotedCellIsNamedWithoutQuotingItAgain() {
		assertThat(InboundValues.integerSlipOfQuoted("+5")).isEqualTo("; it has a plus sign");
		assertThat(InboundValues.integerSlipOfQuoted("x")).isEmpty();
		assertThat(InboundValues.integerSlip("")).isEmpty();
	}

	@Test
	void beyondTheLimitSaysWhichWayAndCutsALongCell() {
		assertThat(InboundValues.beyondLimit("charged_fen", "999999999999999"))
			.isEqualTo("charged_fen 999999999999999 is more than the 10,000,000 fen a file may carry");
		assertThat(InboundValues.beyondLimit("balance_after_fen", "-999999999999999"))
			.isEqualTo("balance_after_fen -999999999999999 is less than the -10,000,000 fen a file may carry");
		assertThat(InboundValues.beyondLimit("amount_fen", "1".repeat(40)))
			.isEqualTo("amount_fen 111111111111111111111... is more than the 10,000,000 fen a file may carry");
	}

}
