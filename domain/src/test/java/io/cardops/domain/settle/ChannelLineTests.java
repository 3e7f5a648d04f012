package io.cardops.domain.settle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelLineTests {

	@ParameterizedTest(name = "{1} fen at {2} bp: commission {3}, net {4}")
	@CsvSource({
			// recharges, amount_fen, commission_bp, commission_fen, net_fen
			"1, 250, 60, 2, 248", // 1.5 fen rounds half-up to 2
			"1, 249, 60, 1, 248", // 1.494 fen rounds down
			"2, 500, 60, 3, 497", // two top-ups of 250: 3 fen on the total, not 2 + 2
			"1, 625, 80, 5, 620", // exactly 5.0 fen
			"1, 1, 5000, 1, 0", // 0.5 fen rounds up
			"3, 30000, 0, 0, 30000", // the counter keeps no commission
			"4, 12345, 60, 74, 12271", // 74.07 fen
			"0, 0, 60, 0, 0" })
	void commissionIsRoundedHalfUpOnTheTotal(long recharges, long amount, int bp, long commission, long net) {
		ChannelLine line = new ChannelLine("BMAC_APP", recharges, amount, bp);
		assertThat(line.commissionFen()).isEqualTo(commission);
		assertThat(line.netReceivableFen()).isEqualTo(net);
	}

}
