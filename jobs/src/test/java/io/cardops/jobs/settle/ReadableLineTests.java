package io.cardops.jobs.settle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line a malformed tap is settled under: its own when it can be read, else none.
 */
class ReadableLineTests {

	@Test
	void aLineTheReaderWouldTakeIsKept() {
		assertThat(SettlementService.readableLine("L1")).isEqualTo("L1");
		assertThat(SettlementService.readableLine("地铁10号线")).isEqualTo("地铁10号线");
		assertThat(SettlementService.readableLine("线".repeat(32))).isEqualTo("线".repeat(32));
	}

	@Test
	void aLineThatBrokeItsFormatIsNoLine() {
		// cut when stored (64 characters and "..."), too long, masked or missing
		assertThat(SettlementService.readableLine("线".repeat(64) + "...")).isEmpty();
		assertThat(SettlementService.readableLine("线".repeat(33))).isEmpty();
		assertThat(SettlementService.readableLine("L\uFFFD1")).isEmpty();
		assertThat(SettlementService.readableLine("")).isEmpty();
		assertThat(SettlementService.readableLine(null)).isEmpty();
	}

}
