package io.cardops.domain.settle;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cardops.domain.reference.PartnerRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettlementTests {

	static final LocalDate DATE = LocalDate.of(2026, 10, 12);

	static Settlement sample() {
		return Settlement.of(DATE, List.of(
				// operator, mode, line, taps, trips, full, charged, held, payable, paid,
				// held, dropped
				new OperatorLine("BJSUBWAY", "METRO", "L2", 4, 2, 800, 200, 0, 200, 4, 0, 0),
				new OperatorLine("BJBUS", "BUS", "601", 3, 1, 400, 100, 50, 50, 1, 1, 1),
				new OperatorLine("BJSUBWAY", "METRO", "L10", 2, 1, 600, 600, 600, 0, 0, 2, 0)),
				List.of(new ChannelLine("HEBAO", 2, 20000, 80), new ChannelLine("BMAC_APP", 1, 250, 60)), "BJ_SUBSIDY",
				List.of(new SubsidyLine("BJSUBWAY", "METRO", 2, 600, 150), new SubsidyLine("BJBUS", "BUS", 1, 150, 0)));
	}

	@Test
	void operatorLinesAreSortedByModeThenLineAsStrings() {
		assertThat(sample().lines("BJSUBWAY")).extracting(OperatorLine::line).containsExactly("L10", "L2");
	}

	@Test
	void operatorTotalAddsUpItsLines() {
		OperatorLine total = sample().total("BJSUBWAY");
		assertThat(total.mode()).isEqualTo("TOTAL");
		assertThat(total.line()).isEmpty();
		assertThat(total.taps()).isEqualTo(6);
		assertThat(total.trips()).isEqualTo(3);
		assertThat(total.fullFareFen()).isEqualTo(1400);
		assertThat(total.chargedFen()).isEqualTo(800);
		assertThat(total.discountFen()).isEqualTo(600);
		assertThat(total.heldFen()).isEqualTo(600);
		assertThat(total.payableFen()).isEqualTo(200);
	}

	@Test
	void summaryListsOperatorsThenChannelsThenTheFund() {
		assertThat(sample().summary()).containsExactly(
				new SummaryRow("BJBUS", PartnerRole.OPERATOR, 3, 100, 50, 50, Direction.ISSUER_PAYS),
				new SummaryRow("BJSUBWAY", PartnerRole.OPERATOR, 6, 800, 600, 200, Direction.ISSUER_PAYS),
				new SummaryRow("BMAC_APP", PartnerRole.CHANNEL, 1, 250, 2, 248, Direction.ISSUER_RECEIVES),
				new SummaryRow("HEBAO", PartnerRole.CHANNEL, 2, 20000, 160, 19840, Direction.ISSUER_RECEIVES),
				new SummaryRow("BJ_SUBSIDY", PartnerRole.SUBSIDY, 3, 750, 150, 600, Direction.FUND_PAYS_OPERATORS));
	}

	@Test
	void subsidyTotalAddsUpItsLines() {
		SubsidyLine total = sample().subsidyTotal();
		assertThat(total).isEqualTo(new SubsidyLine("", "TOTAL", 3, 750, 150));
		assertThat(total.claimableFen()).isEqualTo(600);
	}

	@Test
	void aDateWithoutStudentDiscountHasNoFundRow() {
		Settlement settlement = Settlement.of(DATE, List.of(), List.of(new ChannelLine("COUNTER", 1, 5000, 0)), null,
				List.of());
		assertThat(settlement.summary()).extracting(SummaryRow::partner).containsExactly("COUNTER");
	}

	@Test
	void aDiscountToClaimNeedsASubsidyFund() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Settlement.of(DATE, List.of(), List.of(), null,
					List.of(new SubsidyLine("BJBUS", "BUS", 1, 150, 0))))
			.withMessageContaining("no SUBSIDY partner");
	}

}
