package io.cardops.jobs.reconcile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.ledger.TapType;
import io.cardops.domain.money.AmountOverflowException;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.domain.reconcile.TransactionRules;
import io.cardops.domain.reference.FareRule;

/**
 * Walks one date's rows card by card in card_seq order (domain.md, "How the judging
 * runs"): a row whose card is unknown is held; a row whose card_seq is taken is a
 * DUPLICATE (dropped) or a SEQ_CONFLICT (held); any other row is accepted and checked
 * against its predecessor (gap, balance, trip) and, for a tap, against the card and the
 * fare rules. Rows accepted earlier take part only as predecessors and successors, so a
 * transaction arriving late is judged against its neighbours.
 *
 * <p>
 * Only the rows turned away get a judgment: a row of a judged file without one is
 * ACCEPTED and PAID. Results go to {@link Results} as they are found (spools); the walk
 * keeps only the current card in memory.
 */
final class JudgingWalk {

	static final List<String> EXCEPTION_COLUMNS = List.of("clearing_date", "category", "status", "partner", "card_no",
			"card_seq", "source_file", "source_line", "amount_fen", "detail", "gap_from", "gap_to", "payment_ref");

	/** Instants in exception details are Asia/Shanghai time, as everywhere else. */
	private static final DateTimeFormatter SHANGHAI_INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
		.withZone(AcademicCalendar.ZONE);

	private final LocalDate date;

	private final Map<String, FareRule> fareRules;

	private final Map<String, List<long[]>> openGaps;

	private final Results judgments;

	private final Results exceptions;

	private final Results ledger;

	private final Twins twins;

	private String cardNo;

	private CardFacts facts;

	/**
	 * The last row walked that holds its card_seq (null: the card's issue, seq 0, balance
	 * 0).
	 */
	private LedgerRow previous;

	/** The accepted row holding the card_seq being walked. */
	private LedgerRow holder;

	private boolean acceptedFresh;

	JudgingWalk(LocalDate date, Map<String, FareRule> fareRules, Map<String, List<long[]>> openGaps, Results judgments,
			Results exceptions, Results ledger, Twins twins) {
		this.date = date;
		this.fareRules = fareRules;
		this.openGaps = openGaps;
		this.judgments = judgments;
		this.exceptions = exceptions;
		this.ledger = ledger;
		this.twins = twins;
	}

	/**
	 * Whether a row is the first of a card not walked yet (the caller then supplies the
	 * card's facts).
	 * @param row the next row
	 * @return true when the row starts a card
	 */
	boolean startsCard(LedgerRow row) {
		return !row.cardNo().equals(this.cardNo);
	}

	/**
	 * Walks the next row.
	 * @param row the row, in the stream's order
	 * @param facts the card's master facts when the row starts a card (null for a card
	 * not in the card master); ignored otherwise
	 */
	void accept(LedgerRow row, CardFacts facts) {
		if (startsCard(row)) {
			finishCard();
			this.cardNo = row.cardNo();
			this.facts = facts;
			this.previous = null;
			this.holder = null;
			this.acceptedFresh = false;
		}
		try {
			if (row.fresh()) {
				judge(row);
			}
			else {
				carriedOver(row);
			}
		}
		catch (AmountOverflowException ex) {
			// Unreachable for rows read since amounts are bounded (files.md); a row
			// loaded before could still carry one: name it rather than fail
			// anonymously.
			throw new IllegalStateException(row.sourceFile() + ": line " + row.sourceLine() + ": " + ex.getMessage(),
					ex);
		}
	}

	private void carriedOver(LedgerRow row) {
		if (this.previous != null && this.previous.fresh() && this.previous.cardSeq() == row.cardSeq() - 1) {
			// Its predecessor arrived in this run: the pair is judged now, at the later
			// record.
			consecutive(this.previous, row);
		}
		this.previous = row;
		this.holder = row;
	}

	private void judge(LedgerRow row) {
		if (this.facts == null) {
			raise(ExceptionCategory.UNKNOWN_CARD, row, row.money(), "card_no is not in the card master");
			settle(row, "UNKNOWN", "HELD");
			return;
		}
		if (this.holder != null && this.holder.cardSeq() == row.cardSeq()) {
			// Turned away either way; whether as a copy or a conflict is told by the
			// fields the walk does not read (twin(), called back by the twins).
			this.twins.add(this.holder, row);
			return;
		}
		long previousSeq = (this.previous != null) ? this.previous.cardSeq() : 0;
		long previousBalance = (this.previous != null) ? this.previous.balanceAfterFen() : 0;
		if (row.cardSeq() == previousSeq + 1) {
			consecutive(this.previous, row);
		}
		else if (!alreadyReported(previousSeq + 1, row.cardSeq() - 1)) {
			raiseGap(row, previousSeq + 1, row.cardSeq() - 1,
					TransactionRules.gapAmount(previousBalance, row.balanceBefore()));
		}
		if (row.isTap()) {
			checkTap(row);
		}
		this.previous = row;
		this.holder = row;
		this.acceptedFresh = true;
	}

	/**
	 * Turns away a row whose card_seq another row holds: a DUPLICATE (dropped) when every
	 * field of the two is identical, else a SEQ_CONFLICT (held).
	 * @param holder the row holding the card_seq
	 * @param row the row arriving after it
	 * @param identical whether every field of the two rows is identical
	 */
	void twin(LedgerRow holder, LedgerRow row, boolean identical) {
		if (identical) {
			raise(ExceptionCategory.DUPLICATE, row, row.money(),
					"copy of " + holder.sourceFile() + ":" + holder.sourceLine());
			settle(row, "DUPLICATE", "DROPPED");
		}
		else {
			raise(ExceptionCategory.SEQ_CONFLICT, row, row.money(),
					"card_seq already held by " + holder.sourceFile() + ":" + holder.sourceLine());
			settle(row, "CONFLICT", "HELD");
		}
	}

	/**
	 * Judges a transaction against its predecessor (null: the card's issue, seq 0,
	 * balance 0).
	 */
	private void consecutive(LedgerRow previous, LedgerRow row) {
		long previousBalance = (previous != null) ? previous.balanceAfterFen() : 0;
		Long broken = TransactionRules.balanceBreak(previousBalance, row.balanceBefore());
		if (broken != null) {
			raise(ExceptionCategory.BALANCE_BREAK, row, broken, "balance before is " + Money.yuan(row.balanceBefore())
					+ " yuan, card_seq " + (row.cardSeq() - 1) + " left " + Money.yuan(previousBalance) + " yuan");
		}
		if (previous != null && previous.isTap() && previous.tapType() == TapType.ENTRY
				&& TransactionRules.incompleteTrip(previous.mode(), row.isTap(), row.tapType(), row.mode())) {
			raise(ExceptionCategory.INCOMPLETE_TRIP, previous, 0,
					"card_seq " + row.cardSeq() + " is not an EXIT of the " + previous.mode());
		}
	}

	private void checkTap(LedgerRow tap) {
		FareRule rule = this.fareRules.get(tap.mode() + "/" + tap.discount());
		if (tap.tapType() != TapType.ENTRY) {
			Long mismatch = TransactionRules.fareMismatch(tap.fullFareFen(), tap.chargedFen(), rule.rateBp());
			if (mismatch != null) {
				raise(ExceptionCategory.FARE_MISMATCH, tap, mismatch,
						"expected " + Money.yuan(tap.chargedFen() - mismatch) + " yuan for " + tap.mode() + " "
								+ tap.discount() + " at " + rule.rateBp() + " bp");
			}
		}
		Long below = TransactionRules.belowMinimumBalance(tap.tapType(), tap.balanceBefore(), rule.minBalanceFen());
		if (below != null) {
			raise(ExceptionCategory.BELOW_MIN_BALANCE, tap, below, "balance before " + Money.yuan(tap.balanceBefore())
					+ " yuan, minimum " + Money.yuan(rule.minBalanceFen()) + " yuan");
		}
		Long expired = TransactionRules.expiredDiscount(tap.tapType(), tap.discount(), tap.at(),
				this.facts.validUntilAt(tap.at()), tap.fullFareFen(), tap.chargedFen());
		if (expired != null) {
			raise(ExceptionCategory.EXPIRED_DISCOUNT, tap, expired,
					"card valid until " + this.facts.validUntilAt(tap.at()));
		}
		if (TransactionRules.afterLossOrReturn(tap.at(), this.facts.blockedAt())) {
			raise(ExceptionCategory.LOST_CARD_TAP, tap, tap.chargedFen(),
					"card blocked since " + SHANGHAI_INSTANT.format(this.facts.blockedAt()));
		}
		if (TransactionRules.late(tap.at(), tap.clearingDate())) {
			raise(ExceptionCategory.LATE_RECORD, tap, tap.chargedFen(),
					"tapped more than " + TransactionRules.LATE_AFTER_DAYS + " days before " + tap.clearingDate());
		}
	}

	private boolean alreadyReported(long from, long to) {
		for (long[] gap : this.openGaps.getOrDefault(this.cardNo, List.of())) {
			if (gap[0] <= from && to <= gap[1]) {
				return true;
			}
		}
		return false;
	}

	private void raiseGap(LedgerRow row, long from, long to, long amount) {
		String missing = (from == to) ? "card_seq " + from + " missing" : "card_seq " + from + "-" + to + " missing";
		this.exceptions.add(this.date, ExceptionCategory.SEQ_GAP.name(), "OPEN", row.partner(), row.cardNo(),
				row.cardSeq(), row.sourceFile(), row.sourceLine(), amount, missing, from, to, null);
	}

	private void raise(ExceptionCategory category, LedgerRow row, long amount, String detail) {
		this.exceptions.add(this.date, category.name(), "OPEN", row.partner(), row.cardNo(), row.cardSeq(),
				row.sourceFile(), row.sourceLine(), amount, detail, null, null, null);
	}

	/**
	 * Records the judgment of a row turned away (an accepted row has none). It names the
	 * row's card and card_seq, by which the judgments are found.
	 */
	private void settle(LedgerRow row, String disposition, String settlement) {
		this.judgments.add(row.sourceFile(), row.sourceLine(), row.clearingDate(), disposition, settlement,
				row.cardNo(), row.cardSeq());
	}

	private void finishCard() {
		if (this.cardNo != null && this.acceptedFresh) {
			// The walk saw every accepted transaction from the floor up, so the last
			// holder is the highest.
			LedgerRow last = this.holder;
			this.ledger.add(this.cardNo, last.cardSeq(), last.balanceAfterFen(), this.date);
		}
	}

	/**
	 * Ends the walk (the last card's ledger position is written).
	 */
	void finish() {
		finishCard();
		this.cardNo = null;
	}

	/**
	 * Where the rows sharing a card_seq go to be compared field by field; each pair comes
	 * back through {@link #twin}.
	 */
	@FunctionalInterface
	interface Twins {

		/**
		 * Takes a row that arrived with a card_seq already held.
		 * @param holder the row holding it
		 * @param row the row turned away
		 */
		void add(LedgerRow holder, LedgerRow row);

	}

	/**
	 * Where one kind of result goes, a row at a time.
	 */
	@FunctionalInterface
	interface Results {

		/**
		 * Takes one result row.
		 * @param values its values, in the order of its table's columns
		 */
		void add(Object... values);

	}

}
