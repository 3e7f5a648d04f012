package io.cardops.domain.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IsoDatesTests {

	@Test
	void aRealDateInTheDigitsZeroToNineIsRead() {
		assertThat(IsoDates.parse("2026-10-12")).isEqualTo(LocalDate.of(2026, 10, 12));
		assertThat(IsoDates.parse("0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+999999999-01-01", "+6000000-01-01", "10000-01-01", "2026-02-30", "2026-1-5",
			"２０２６-１０-１２", "2026-10-12 ", "20261012", "" })
	void anythingElseIsNoDate(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoDates.parse(text));
	}

}
