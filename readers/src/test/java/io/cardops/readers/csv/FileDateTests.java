package io.cardops.readers.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FileDate}: a row may be dated up to one day after its file's date,
 * Asia/Shanghai time.
 */
class FileDateTests {

	@ParameterizedTest(name = "{0}: too late {1}")
	@CsvSource(textBlock = """
			2026-09-01T00:00:00+08:00, false
			2026-10-13T08:00:00+08:00, false
			2026-10-14T23:59:59+08:00, false
			2026-10-14T15:59:59Z,      false
			2026-10-15T00:00:00+08:00, true
			2026-10-14T16:00:00Z,      true
			2026-10-14T23:00:00-08:00, true
			2027-12-13T08:00:00+08:00, true
			""")
	void aRowMayBeDatedUpToOneDayAfterItsFilesDate(OffsetDateTime at, boolean tooLate) {
		FileDate date = new FileDate(LocalDate.of(2026, 10, 13));

		assertThat(date.isTooLate(at.toInstant())).isEqualTo(tooLate);
		assertThat(date.isTooLate(Instant.MAX)).isTrue();
		assertThat(date.date()).isEqualTo(LocalDate.of(2026, 10, 13));
	}

}
