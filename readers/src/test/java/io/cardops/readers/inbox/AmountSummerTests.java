package io.cardops.readers.inbox;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AmountSummer}: no number of rows overflows a sum.
 */
class AmountSummerTests {

	@Test
	void amountsWithinTheLimitAddUp() {
		AmountSummer summer = new AmountSummer("charged_fen", false);
		summer.add("200", 2);
		summer.add("-50", 3);
		summer.add("10000000", 4);

		assertThat(summer.result()).isEqualTo(AmountSum.of("charged_fen", 10_000_150));
	}

	@Test
	void aRunningSumThatLeavesALongSpillsIntoAnExactOne() {
		// Eighteen digits fit a long each; ten of them do not.
		AmountSummer up = new AmountSummer("amount_fen", false);
		AmountSummer down = new AmountSummer("amount_fen", false);
		for (int i = 0; i < 10; i++) {
			up.add("999999999999999999", i + 2);
			down.add("-999999999999999999", i + 2);
		}

		assertThat(up.result().readable()).isEqualTo(new BigInteger("9999999999999999990"));
		assertThat(down.result().readable()).isEqualTo(new BigInteger("-9999999999999999990"));
	}

	@Test
	void cellsOfAnyLengthAddExactly() {
		AmountSummer summer = new AmountSummer("amount_fen", false);
		summer.add("1" + "0".repeat(40), 2);
		summer.add("-" + "0".repeat(30) + "5", 3);

		assertThat(summer.result().readable()).isEqualTo(BigInteger.TEN.pow(40).subtract(BigInteger.valueOf(5)));
	}

	@Test
	void cellsThatAreNoIntegerAreCountedWithTheFirstFiveLines() {
		AmountSummer summer = new AmountSummer("amount_fen", false);
		summer.add("100", 2);
		for (int line = 3; line <= 9; line++) {
			summer.add((line % 2 == 0) ? "" : "1.50", line);
		}

		assertThat(summer.result())
			.isEqualTo(new AmountSum("amount_fen", BigInteger.valueOf(100), 7, List.of(3L, 4L, 5L, 6L, 7L)));
	}

	@Test
	void anEmptyCellAddsNothingWhereEmptyIsAllowed() {
		AmountSummer summer = new AmountSummer("refund_fen", true);
		summer.add("", 2);
		summer.add("1250", 3);
		summer.add("x", 4);

		assertThat(summer.result()).isEqualTo(new AmountSum("refund_fen", BigInteger.valueOf(1250), 1, List.of(4L)));
	}

}
