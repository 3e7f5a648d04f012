package io.cardops.jobs.support;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunSummary}'s reading of a summary line.
 */
class RunSummaryTests {

	@Test
	void aValueIsReadByItsWholeKey() {
		String line = RunSummary.line("reconcile", LocalDate.of(2026, 10, 13), RunOutcome.COMPLETED,
				"taps=64 files_rejected=2 rejected=7");

		assertThat(RunSummary.value(line, "files_rejected")).hasValue("2");
		assertThat(RunSummary.value(line, "rejected")).hasValue("7");
		assertThat(RunSummary.value(line, "status")).hasValue("COMPLETED");
		assertThat(RunSummary.value(line, "held")).isEmpty();
		assertThat(RunSummary.value(null, "taps")).isEmpty();
	}

}
