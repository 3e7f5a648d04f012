package io.cardops.writers.csv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundFile}: names and columns as files.md, "Outbound", gives them.
 */
class OutboundFileTests {

	private static final Path OUTBOX = Path.of("data", "outbox");

	@ParameterizedTest(name = "{0} {1} {2} -> {3}/{4}")
	@CsvSource(textBlock = """
			ROSTER_REJECTS,      2026-08-25, UCAS,  20260825, roster_rejects_UCAS_20260825.csv
			CARDEVENT_REJECTS,   2026-09-01,      , 20260901, cardevent_rejects_20260901.csv
			EXPIRED_CARDS,       2026-10-01,      , 20261001, expired_cards_20261001.csv
			HOTLIST_FULL,        2026-09-01, 7,     20260901, hotlist_20260901_v7_full.csv
			HOTLIST_DELTA,       2026-09-02, 8,     20260902, hotlist_20260902_v8_delta.csv
			RENEWAL_ELIGIBILITY, 2027-07-30, PKU,   20270730, renewal_eligibility_20270730_PKU.csv
			INBOX_REJECTS,       2026-09-01,      , 20260901, inbox_rejects_20260901.csv
			""")
	void fileOfADateGoesToTheFolderOfThatDate(OutboundFile file, LocalDate date, String qualifier, String folder,
			String name) {
		assertThat(file.path(OUTBOX, date, qualifier)).isEqualTo(OUTBOX.resolve(folder).resolve(name));
	}

	@Test
	void hotlistVersionIsWrittenAsAPlainNumber() {
		assertThat(OutboundFile.HOTLIST_FULL.path(OUTBOX, LocalDate.of(2026, 9, 1), 7L))
			.isEqualTo(OUTBOX.resolve("20260901").resolve("hotlist_20260901_v7_full.csv"));
		assertThat(OutboundFile.HOTLIST_DELTA.path(OUTBOX, LocalDate.of(2026, 12, 31), 12345L))
			.isEqualTo(OUTBOX.resolve("20261231").resolve("hotlist_20261231_v12345_delta.csv"));
	}

	@Test
	void qualifierIsNotPartOfTheNameOfAFileNamedByTheDateOnly() {
		assertThat(OutboundFile.CARDEVENT_REJECTS.path(OUTBOX, LocalDate.of(2026, 9, 1), "UCAS"))
			.isEqualTo(OUTBOX.resolve("20260901").resolve("cardevent_rejects_20260901.csv"));
		assertThat(OutboundFile.EXPIRED_CARDS.path(OUTBOX, LocalDate.of(2026, 10, 1), "UCAS"))
			.isEqualTo(OUTBOX.resolve("20261001").resolve("expired_cards_20261001.csv"));
		assertThat(OutboundFile.INBOX_REJECTS.path(OUTBOX, LocalDate.of(2026, 9, 1), "UCAS"))
			.isEqualTo(OUTBOX.resolve("20260901").resolve("inbox_rejects_20260901.csv"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			ROSTER_REJECTS      | line, student_no, field, reason
			CARDEVENT_REJECTS   | source_file, line, event_id, card_no, reason
			EXPIRED_CARDS       | card_no, institution, student_no, valid_until
			HOTLIST_FULL        | version, card_no, action, reason, since
			HOTLIST_DELTA       | version, card_no, action, reason, since
			RENEWAL_ELIGIBILITY | card_no, student_no, name, valid_until, eligible, reason
			INBOX_REJECTS       | source_file, reason
			""")
	void headerHasTheFilesMdColumnsInOrder(OutboundFile file, String columns) {
		assertThat(file.header()).containsExactlyElementsOf(Arrays.asList(columns.split(", ")));
	}

}
