package io.cardops.writers.bulk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the binary values of {@link PostgresCopyLoader}; the loads themselves run
 * against PostgreSQL in the integration tests.
 */
class PostgresCopyLoaderTests {

	@Test
	void datesCountDaysFromTheYear2000() {
		assertThat(PostgresCopyLoader.days(LocalDate.of(2000, 1, 1))).isZero();
		assertThat(PostgresCopyLoader.days(LocalDate.of(1999, 12, 31))).isEqualTo(-1);
		// 2026-10-12 is day 9,781 of the PostgreSQL epoch (26 years, 7 of them leap).
		assertThat(PostgresCopyLoader.days(LocalDate.of(2026, 10, 12))).isEqualTo(9781);
		assertThat(PostgresCopyLoader.days("2026-10-12")).isEqualTo(9781);
	}

	@Test
	void timestampsCountMicrosecondsFromTheYear2000InUtc() {
		assertThat(PostgresCopyLoader.micros(Instant.parse("2000-01-01T00:00:01Z"))).isEqualTo(1_000_000);
		OffsetDateTime beijingMidnight = OffsetDateTime.parse("2000-01-01T08:00:00+08:00");
		assertThat(PostgresCopyLoader.micros(beijingMidnight)).isZero();
		assertThat(PostgresCopyLoader.micros(beijingMidnight.atZoneSameInstant(ZoneId.of("Asia/Shanghai")))).isZero();
		assertThat(PostgresCopyLoader.micros("2000-01-01T08:00:00.000001+08:00")).isEqualTo(1);
		assertThat(PostgresCopyLoader.micros(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo(-1_000_000);
		assertThat(PostgresCopyLoader.micros(Instant.parse("1999-12-31T23:59:59.5Z"))).isEqualTo(-500_000);
	}

	@Test
	void aColumnTypeWithoutBinaryEncodingIsRefusedByName() {
		assertThat(PostgresCopyLoader.Encoding.of("bpchar", "card", "card_no"))
			.isEqualTo(PostgresCopyLoader.Encoding.TEXT);
		assertThatIllegalStateException().isThrownBy(() -> PostgresCopyLoader.Encoding.of("numeric", "fee", "rate"))
			.withMessage("cannot bulk-load fee.rate: no binary encoding for type numeric");
	}

}
