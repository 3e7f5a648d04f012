package io.cardops.jobs.settle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cardops.jobs.settle.SettlementDiff.Change;
import io.cardops.jobs.settle.SettlementDiff.MoneyChange;
import io.cardops.jobs.settle.SettlementDiff.Published;
import io.cardops.jobs.settle.SettlementDiff.RowChange;
import io.cardops.jobs.settle.SettlementDiff.ValueChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SettlementDiff}: rows known by their identity columns, money to the
 * fen.
 */
class SettlementDiffTests {

	private static final String CHANNEL = "\uFEFFclearing_date,channel,recharges,amount_yuan,commission_bp,"
			+ "commission_yuan,net_receivable_yuan\r\n";

	@Test
	void aChangedRowGivesEveryMoneyColumnBeforeAfterAndTheDifferenceInFen() {
		SettlementDiff diff = SettlementDiff.between(1, 2,
				List.of(file("settlement_20260905_BMAC_APP.csv",
						CHANNEL + "2026-09-05,BMAC_APP,3,7.50,60,0.05,7.45\r\n")),
				List.of(file("settlement_20260905_BMAC_APP.csv",
						CHANNEL + "2026-09-05,BMAC_APP,4,-12.50,60,-0.08,-12.42\r\n")));

		assertThat(diff.files()).hasSize(1);
		RowChange row = diff.files().get(0).rows().get(0);
		assertThat(row.key()).isEqualTo(Map.of("channel", "BMAC_APP"));
		assertThat(row.change()).isEqualTo(Change.CHANGED);
		assertThat(row.money()).containsExactly(new MoneyChange("amount_yuan", 750L, -1250L, -2000),
				new MoneyChange("commission_yuan", 5L, -8L, -13),
				new MoneyChange("net_receivable_yuan", 745L, -1242L, -1987));
		assertThat(row.values()).containsExactly(new ValueChange("recharges", "3", "4"));
	}

	@Test
	void identicalFilesAreLeftOutAndAFileOnlyOneVersionHasIsAddedOrRemoved() {
		Published same = file("settlement_20260905_summary.csv", "\uFEFFclearing_date,partner,role,net_yuan\r\n");
		Published gone = file("settlement_20260905_HEBAO.csv", CHANNEL + "2026-09-05,HEBAO,1,20.00,80,0.16,19.84\r\n");

		SettlementDiff diff = SettlementDiff.between(1, 2, List.of(same, gone), List.of(same));

		assertThat(diff.files()).hasSize(1);
		assertThat(diff.files().get(0).change()).isEqualTo(Change.REMOVED);
		RowChange row = diff.files().get(0).rows().get(0);
		assertThat(row.change()).isEqualTo(Change.REMOVED);
		assertThat(row.money()).contains(new MoneyChange("net_receivable_yuan", 1984L, null, -1984));
		assertThat(row.values()).contains(new ValueChange("recharges", "1", null));
	}

	@Test
	void aRepeatedIdentityIsTakenInOrder() {
		String header = "\uFEFFclearing_date,operator,mode,student_taps,claimable_yuan\r\n";
		SettlementDiff diff = SettlementDiff.between(1, 2,
				List.of(file("s.csv", header + "2026-09-05,,TOTAL,1,1.00\r\n2026-09-05,,TOTAL,2,2.00\r\n")),
				List.of(file("s.csv", header + "2026-09-05,,TOTAL,1,1.00\r\n2026-09-05,,TOTAL,3,3.00\r\n")));

		List<RowChange> rows = diff.files().get(0).rows();
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).money()).containsExactly(new MoneyChange("claimable_yuan", 200L, 300L, 100));
	}

	private static Published file(String name, String text) {
		return new Published(name, text.getBytes(StandardCharsets.UTF_8));
	}

}
