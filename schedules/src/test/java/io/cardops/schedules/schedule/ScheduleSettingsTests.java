package io.cardops.schedules.schedule;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The schedules' settings are checked whole before a node stores any of them.
 */
class ScheduleSettingsTests {

	private static final ScheduleSettings.Schedule NIGHTLY = schedule("0 0 3 * * ?");

	@Test
	void theDefaultsAreTaken() {
		ScheduleSettings settings = new ScheduleSettings(crons(NIGHTLY),
				new ScheduleSettings.Chain(null, List.of(ChainStep.values())));

		assertThat(settings.chain().steps()).containsExactly(ChainStep.values());
	}

	@Test
	void aCronThatNeverFiresAgainIsRefusedNamingItsSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleSettings(Map.of("nightly-chain", NIGHTLY, "open-renewal",
					schedule("0 0 0 1 1 ? 2020"), "expire-cards", NIGHTLY), null))
			.withMessage("cardops.schedules.open-renewal.cron (CARDOPS_SCHEDULES_OPEN_RENEWAL_CRON): '0 0 0 1 1 ? 2020'"
					+ " never fires after now (read in Asia/Shanghai)");
	}

	@Test
	void aCronThatIsNoneSaysWhatOneIs() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleSettings(
					Map.of("nightly-chain", schedule("bad"), "open-renewal", NIGHTLY, "expire-cards", NIGHTLY), null))
			.withMessageStartingWith(
					"cardops.schedules.nightly-chain.cron (CARDOPS_SCHEDULES_NIGHTLY_CHAIN_CRON): 'bad'"
							+ " is not a Quartz cron expression")
			.withMessageContaining("for example 0 0 3 * * ?");
	}

	@Test
	void aChainWithAnEmptyItemOrOutOfOrderIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleSettings(crons(NIGHTLY),
					new ScheduleSettings.Chain(null, Arrays.asList(ChainStep.REFERENCE, null, ChainStep.SETTLE))))
			.withMessage("cardops.chain.steps (CARDOPS_CHAIN_STEPS) has an empty item (item 2): list steps separated"
					+ " by commas, from reference, rosters, card-events, reconcile, settle");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleSettings(crons(NIGHTLY),
					new ScheduleSettings.Chain(null, List.of(ChainStep.SETTLE, ChainStep.RECONCILE))))
			.withMessage("cardops.chain.steps (CARDOPS_CHAIN_STEPS) lists reconcile after settle: each step once, in"
					+ " the order reference, rosters, card-events, reconcile, settle");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleSettings(crons(NIGHTLY),
					new ScheduleSettings.Chain(null, List.of(ChainStep.RECONCILE, ChainStep.RECONCILE))))
			.withMessageContaining("lists reconcile after reconcile");
		// a part of the chain, in order, is a chain
		assertThat(new ScheduleSettings(crons(NIGHTLY),
				new ScheduleSettings.Chain(null, List.of(ChainStep.RECONCILE, ChainStep.SETTLE)))
			.chain()
			.steps()).containsExactly(ChainStep.RECONCILE, ChainStep.SETTLE);
	}

	private static Map<String, ScheduleSettings.Schedule> crons(ScheduleSettings.Schedule schedule) {
		return Map.of("nightly-chain", schedule, "open-renewal", schedule, "expire-cards", schedule);
	}

	private static ScheduleSettings.Schedule schedule(String cron) {
		return new ScheduleSettings.Schedule(cron, ZoneId.of("Asia/Shanghai"), Misfire.FIRE_ONCE_NOW);
	}

}
