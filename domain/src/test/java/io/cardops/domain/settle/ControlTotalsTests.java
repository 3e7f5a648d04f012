package io.cardops.domain.settle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cardops.domain.reference.PartnerRole;
import io.cardops.domain.settle.ControlTotals.BrokenControlTotalException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ControlTotalsTests {

	private final Settlement settlement = SettlementTests.sample();

	// 9 taps in: 5 paid, 3 held, 1 dropped; Σ payable 250; 3 accepted top-ups of 202.50.
	private final LedgerTotals ledger = new LedgerTotals(9, 5, 3, 1, 250, 3, 20250);

	@Test
	void totalsThatHoldPass() {
		assertThatNoException()
			.isThrownBy(() -> ControlTotals.check(this.settlement, this.settlement.summary(), this.ledger));
	}

	@Test
	void tapsInDifferingFromPaidHeldAndDroppedFailsShowingBothSides() {
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, this.settlement.summary(),
					new LedgerTotals(10, 5, 3, 1, 250, 3, 20250)))
			.withMessageContaining("2026-10-12")
			.withMessageContaining("taps in 10 (the tap files' control records) ≠ paid 5 + held 3 + dropped 1 = 9")
			.withMessageContaining("nothing published");
	}

	@Test
	void aTapNeverJudgedFailsThoughTheOperatorFilesCountIt() {
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, this.settlement.summary(),
					new LedgerTotals(9, 4, 3, 1, 250, 3, 20250)))
			.withMessageContaining("taps in 9 (the tap files' control records) ≠ paid 4 + held 3 + dropped 1 = 8")
			.withMessageNotContaining("taps in the operator files");
	}

	@Test
	void payableDifferingFromChargedOfPaidTapsFails() {
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, this.settlement.summary(),
					new LedgerTotals(9, 5, 3, 1, 251, 3, 20250)))
			.withMessageContaining("Σ operator payable 2.50 ≠ Σ charged of paid taps 2.51");
	}

	@Test
	void channelAmountsDifferingFromAcceptedTopUpsFail() {
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, this.settlement.summary(),
					new LedgerTotals(9, 5, 3, 1, 250, 4, 30250)))
			.withMessageContaining("Σ channel amounts 202.50 in 3 top-ups ≠ accepted top-ups 302.50 in 4");
	}

	@Test
	void aSummaryRowDifferingFromItsPartnerFileFails() {
		List<SummaryRow> summary = new ArrayList<>(this.settlement.summary());
		summary.set(3, new SummaryRow("HEBAO", PartnerRole.CHANNEL, 2, 20000, 159, 19841, Direction.ISSUER_RECEIVES));
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, summary, this.ledger))
			.withMessageContaining("summary HEBAO deductions 1.59 ≠ its partner file's 1.60")
			.withMessageContaining("summary HEBAO net 198.41 ≠ its partner file's 198.40");
	}

	@Test
	void aSummaryMissingAPartnerFails() {
		List<SummaryRow> summary = new ArrayList<>(this.settlement.summary());
		summary.remove(4);
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, summary, this.ledger))
			.withMessageContaining("the summary has 4 rows for 5 partner files");
	}

	@Test
	void aSummaryRowWithTheWrongDirectionFails() {
		List<SummaryRow> summary = new ArrayList<>(this.settlement.summary());
		summary.set(0, new SummaryRow("BJBUS", PartnerRole.OPERATOR, 3, 100, 50, 50, Direction.ISSUER_RECEIVES));
		assertThatExceptionOfType(BrokenControlTotalException.class)
			.isThrownBy(() -> ControlTotals.check(this.settlement, summary, this.ledger))
			.withMessageContaining("summary row 1 is BJBUS OPERATOR ISSUER_RECEIVES");
	}

}
