package io.cardops.jobs.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.TravelMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judging walk on its own, without a database: rows of one card in card_seq order,
 * each case's exceptions, judgments and ledger position worked out by hand from domain.md
 * ("How the judging runs"). A card starts at its issue with seq 0 and balance 0.
 */
class JudgingWalkTests {

	private static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	private static final String CARD = "3104000000000000001";

	/** Metro, student: half fare, no minimum balance. */
	private static final Map<String, FareRule> FARES = Map.of("METRO/STUDENT",
			new FareRule(TravelMode.METRO, Discount.STUDENT, 5000, 0));

	private final List<List<Object>> exceptions = new ArrayList<>();

	private final List<List<Object>> judgments = new ArrayList<>();

	private final List<List<Object>> ledger = new ArrayList<>();

	private final List<String> twins = new ArrayList<>();

	private final JudgingWalk walk = new JudgingWalk(DATE, FARES, Map.of(), (values) -> add(this.judgments, values),
			(values) -> add(this.exceptions, values), (values) -> add(this.ledger, values),
			(holder, row) -> this.twins.add(holder.sourceLine() + "<-" + row.sourceLine()));

	private final CardFacts valid = new CardFacts(LocalDate.of(2027, 9, 30), null);

	@Test
	void aTopUpAndTwoHalfFaresThatAddUpRaiseNothingAndMoveTheLedger() {
		walk(topUp(2, 1, 1000, 1000), exit(3, 2, 400, 200, 800), exit(4, 3, 600, 300, 500));

		assertThat(this.exceptions).isEmpty();
		assertThat(this.judgments).as("an accepted row has no judgment").isEmpty();
		assertThat(this.ledger).containsExactly(List.of(CARD, 3L, 500L, DATE));
	}

	@Test
	void aCardNotInTheCardMasterIsHeldAtItsCharge() {
		this.walk.accept(exit(2, 1, 400, 200, 800), null);
		this.walk.finish();

		assertThat(categories()).containsExactly("UNKNOWN_CARD 200");
		assertThat(this.judgments)
			.containsExactly(List.of("taps_BJSUBWAY_20260903_01.csv", 2, DATE, "UNKNOWN", "HELD", CARD, 1L));
		assertThat(this.ledger).as("nothing accepted").isEmpty();
	}

	@Test
	void aJumpOfTheCounterIsOneGapAtTheRecordThatRevealsItWithTheMoneyThatLeftTheCard() {
		// seq 1 leaves 1000; seq 4 charges 200 and leaves 300, so 500 were on the card
		// before it: the missing seqs 2-3 took 1000 - 500 = 500.
		walk(topUp(2, 1, 1000, 1000), exit(3, 4, 400, 200, 300));

		assertThat(this.exceptions).hasSize(1);
		assertThat(this.exceptions.get(0)).containsExactly(DATE, "SEQ_GAP", "OPEN", "BJSUBWAY", CARD, 4L,
				"taps_BJSUBWAY_20260903_01.csv", 3, 500L, "card_seq 2-3 missing", 2L, 3L, null);
		assertThat(this.ledger).containsExactly(List.of(CARD, 4L, 300L, DATE));
	}

	@Test
	void aBalanceThatDoesNotFollowIsABreakOfReportedMinusExpected() {
		// seq 2 should leave 1000 - 200 = 800; it reports 700: a break of -100.
		walk(topUp(2, 1, 1000, 1000), exit(3, 2, 400, 200, 700));

		assertThat(categories()).containsExactly("BALANCE_BREAK -100");
	}

	@Test
	void aSecondRowWithATakenSeqGoesToTheTwinsAndMovesNothing() {
		walk(topUp(2, 1, 1000, 1000), exit(3, 2, 400, 200, 800), exit(5, 2, 400, 200, 800));

		assertThat(this.twins).containsExactly("3<-5");
		assertThat(this.exceptions).isEmpty();
		assertThat(this.ledger).containsExactly(List.of(CARD, 2L, 800L, DATE));
		// told a copy, the walk drops it; told a conflict, it holds it
		LedgerRow holder = exit(3, 2, 400, 200, 800);
		this.walk.twin(holder, exit(5, 2, 400, 200, 800), true);
		this.walk.twin(holder, exit(6, 2, 400, 250, 750), false);
		assertThat(categories()).containsExactly("DUPLICATE 200", "SEQ_CONFLICT 250");
		assertThat(this.judgments).extracting((judgment) -> judgment.get(3) + "/" + judgment.get(4))
			.containsExactly("DUPLICATE/DROPPED", "CONFLICT/HELD");
	}

	@Test
	void aChargeThatIsNotTheRulesShareIsAFareMismatchOfChargedMinusExpected() {
		// a student's half of 4.00 is 2.00; 2.50 was charged.
		walk(topUp(2, 1, 1000, 1000), exit(3, 2, 400, 250, 750));

		assertThat(categories()).containsExactly("FARE_MISMATCH 50");
	}

	private void walk(LedgerRow... rows) {
		for (LedgerRow row : rows) {
			this.walk.accept(row, this.walk.startsCard(row) ? this.valid : null);
		}
		this.walk.finish();
	}

	private List<String> categories() {
		return this.exceptions.stream().map((exception) -> exception.get(1) + " " + exception.get(8)).toList();
	}

	private static void add(List<List<Object>> into, Object... values) {
		into.add(Arrays.asList(values));
	}

	private static LedgerRow topUp(int line, long seq, long amount, long balanceAfter) {
		return new LedgerRow(true, "recharges_COUNTER_20260903_01.csv", line, DATE, "COUNTER", "R", CARD, seq,
				Instant.parse("2026-09-03T00:00:00Z").plusSeconds(seq * 60), null, null, null, null, null, amount,
				balanceAfter);
	}

	private static LedgerRow exit(int line, long seq, long fullFare, long charged, long balanceAfter) {
		return new LedgerRow(true, "taps_BJSUBWAY_20260903_01.csv", line, DATE, "BJSUBWAY", "T", CARD, seq,
				Instant.parse("2026-09-03T00:00:00Z").plusSeconds(seq * 60), TravelMode.METRO, TapType.EXIT, fullFare,
				charged, Discount.STUDENT, null, balanceAfter);
	}

}
