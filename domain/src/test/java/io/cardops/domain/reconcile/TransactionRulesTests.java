package io.cardops.domain.reconcile;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionRulesTests {

	@ParameterizedTest(name = "full {0} at {1} bp expects {2}")
	@CsvSource(textBlock = """
			400,  5000, 200
			300,  5000, 150
			301,  5000, 151
			201,  2500, 50
			202,  2500, 51
			200,  2500, 50
			1000, 10000, 1000
			0,    5000, 0
			""")
	void expectedChargeIsTheRulesShareRoundedHalfUp(long full, int rateBp, long expected) {
		assertThat(TransactionRules.expectedCharge(full, rateBp)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "full {0} charged {1} at {2} bp")
	@CsvSource(textBlock = """
			400, 200, 5000,
			400, 250, 5000, 50
			400, 150, 5000, -50
			202, 51,  2500,
			202, 50,  2500, -1
			""")
	void fareMismatchIsChargedMinusExpected(long full, long charged, int rateBp, Long atStake) {
		assertThat(TransactionRules.fareMismatch(full, charged, rateBp)).isEqualTo(atStake);
	}

	@ParameterizedTest(name = "{0} with balance before {1}, minimum {2}")
	@CsvSource(textBlock = """
			ENTRY,  199, 200, 1
			ENTRY,  200, 200,
			SINGLE, -50, 100, 150
			SINGLE, 100, 100,
			EXIT,   -80, 200,
			""")
	void belowMinimumBalanceOnlyStartsOfJourneys(TapType type, long before, long minimum, Long atStake) {
		assertThat(TransactionRules.belowMinimumBalance(type, before, minimum)).isEqualTo(atStake);
	}

	@Test
	void balanceBeforeATransactionFollowsFromItsBalanceAfter() {
		assertThat(TransactionRules.balanceBeforeTap(800, 200)).isEqualTo(1000);
		assertThat(TransactionRules.balanceBeforeTap(-150, 300)).isEqualTo(150);
		assertThat(TransactionRules.balanceBeforeRecharge(5800, 5000)).isEqualTo(800);
	}

	@ParameterizedTest(name = "previous {0}, before {1}")
	@CsvSource(textBlock = """
			1000, 1000,
			1000, 1200, 200
			1000, 900,  -100
			""")
	void balanceBreakIsReportedMinusExpected(long previous, long before, Long atStake) {
		assertThat(TransactionRules.balanceBreak(previous, before)).isEqualTo(atStake);
	}

	@Test
	void gapAmountIsTheMoneyThatLeftTheCardNegativeWhenTopUpsAreMissing() {
		assertThat(TransactionRules.gapAmount(1000, 600)).isEqualTo(400);
		assertThat(TransactionRules.gapAmount(1000, 6000)).isEqualTo(-5000);
	}

	@ParameterizedTest(name = "{0} {1} at {2}, valid until {3}")
	@CsvSource(textBlock = """
			EXIT,   STUDENT,  2027-09-30T23:59:59+08:00, 2027-09-30, 400, 200,
			EXIT,   STUDENT,  2027-10-01T00:00:00+08:00, 2027-09-30, 400, 200, 200
			EXIT,   STUDENT,  2027-09-30T16:00:00Z,      2027-09-30, 400, 200, 200
			SINGLE, STUDENT,  2027-10-02T08:00:00+08:00, 2027-09-30, 200, 50,  150
			ENTRY,  STUDENT,  2027-10-02T08:00:00+08:00, 2027-09-30, 0,   0,
			EXIT,   STANDARD, 2027-10-02T08:00:00+08:00, 2027-09-30, 400, 400,
			""")
	void expiredDiscountOnFareChargingStudentTapsAfterValidity(TapType type, Discount discount, Instant at,
			LocalDate validUntil, long full, long charged, Long atStake) {
		assertThat(TransactionRules.expiredDiscount(type, discount, at, validUntil, full, charged)).isEqualTo(atStake);
	}

	@Test
	void theIssuesFifteenDigitFareIsJudgedExactly() {
		// The row of issue 20, finding 2, were it ever judged: the arithmetic holds.
		assertThat(TransactionRules.fareMismatch(999_999_999_999_999L, 999_999_999_999_999L, 5000))
			.isEqualTo(499_999_999_999_999L);
		assertThat(TransactionRules.balanceBeforeTap(-999_999_999_999_999L, 999_999_999_999_999L)).isZero();
	}

	@Test
	void anAmountOutOfRangeFailsNamingTheOperationInsteadOfWrappingRound() {
		assertThatThrownBy(() -> TransactionRules.balanceBeforeTap(Long.MAX_VALUE, 50))
			.isInstanceOf(io.cardops.domain.money.AmountOverflowException.class)
			.hasMessage("amount out of range: 9223372036854775807 fen + 50 fen does not fit in 64 bits");
		assertThatThrownBy(() -> TransactionRules.gapAmount(Long.MIN_VALUE, 1))
			.isInstanceOf(io.cardops.domain.money.AmountOverflowException.class);
		assertThatThrownBy(() -> TransactionRules.belowMinimumBalance(TapType.SINGLE, Long.MIN_VALUE, 100))
			.isInstanceOf(io.cardops.domain.money.AmountOverflowException.class);
	}

	@Test
	void lostCardTapIsStrictlyAfterTheLoss() {
		Instant lost = Instant.parse("2026-09-03T00:30:00Z");
		assertThat(TransactionRules.afterLossOrReturn(lost.plusSeconds(1), lost)).isTrue();
		assertThat(TransactionRules.afterLossOrReturn(lost, lost)).isFalse();
		assertThat(TransactionRules.afterLossOrReturn(lost.plusSeconds(1), null)).isFalse();
	}

	@ParameterizedTest(name = "tapped {0}, cleared {1}")
	@CsvSource(textBlock = """
			2026-09-01T08:00:00+08:00, 2026-09-08, false
			2026-09-01T08:00:00+08:00, 2026-09-09, true
			2026-08-31T23:30:00Z,      2026-09-08, false
			2026-09-01T00:30:00+08:00, 2026-09-09, true
			""")
	void lateRecordIsMoreThanSevenShanghaiDaysBeforeClearing(Instant at, LocalDate clearing, boolean late) {
		assertThat(TransactionRules.late(at, clearing)).isEqualTo(late);
	}

	@Test
	void incompleteTripUnlessTheSuccessorIsAnExitOfTheSameMode() {
		assertThat(TransactionRules.incompleteTrip(TravelMode.METRO, true, TapType.EXIT, TravelMode.METRO)).isFalse();
		assertThat(TransactionRules.incompleteTrip(TravelMode.METRO, true, TapType.EXIT, TravelMode.BUS)).isTrue();
		assertThat(TransactionRules.incompleteTrip(TravelMode.METRO, true, TapType.ENTRY, TravelMode.METRO)).isTrue();
		assertThat(TransactionRules.incompleteTrip(TravelMode.METRO, false, null, null)).isTrue();
	}

	@Test
	void categoriesCarryTheirSettlementEffect() {
		assertThat(ExceptionCategory.DUPLICATE.effect()).isEqualTo(SettlementEffect.DROPPED);
		assertThat(ExceptionCategory.SEQ_CONFLICT.effect()).isEqualTo(SettlementEffect.HELD);
		assertThat(ExceptionCategory.UNKNOWN_CARD.effect()).isEqualTo(SettlementEffect.HELD);
		assertThat(ExceptionCategory.MALFORMED_RECORD.effect()).isEqualTo(SettlementEffect.HELD);
		assertThat(ExceptionCategory.UNPAID_RECHARGE.effect()).isEqualTo(SettlementEffect.CHANNEL_LIABLE);
		assertThat(ExceptionCategory.REFUNDED_BUT_LOADED.effect()).isEqualTo(SettlementEffect.CHANNEL_LIABLE);
		assertThat(ExceptionCategory.UNLOADED_PAYMENT.effect()).isEqualTo(SettlementEffect.REFUND_DUE);
		assertThat(ExceptionCategory.values()).hasSize(16);
	}

}
