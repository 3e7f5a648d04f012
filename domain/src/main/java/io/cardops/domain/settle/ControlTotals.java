package io.cardops.domain.settle;

import java.util.ArrayList;
import java.util.List;

import io.cardops.domain.money.Money;

/**
 * The control totals a settlement must meet before any file is published (domain.md,
 * "Settlement"): taps in = paid + held + dropped; Σ operator payable = Σ charged of paid
 * taps; Σ channel amounts = Σ accepted top-ups; the summary equals the partner files.
 * Each broken total is described with both of its sides.
 */
public final class ControlTotals {

	private ControlTotals() {
	}

	/**
	 * Checks a settlement and the summary about to be written against the ledger.
	 * @param settlement the settlement
	 * @param summary the summary rows about to be written
	 * @param ledger the figures from the control files and the judging
	 * @throws BrokenControlTotalException naming every total that does not hold
	 */
	public static void check(Settlement settlement, List<SummaryRow> summary, LedgerTotals ledger) {
		List<String> broken = new ArrayList<>();
		OperatorLine operators = settlement.operatorsTotal();
		long taps = operators.taps();
		long payable = operators.payableFen();
		long judged = ledger.paidTaps() + ledger.heldTaps() + ledger.droppedTaps();
		if (ledger.tapsIn() != judged) {
			broken.add("taps in " + ledger.tapsIn() + " (the tap files' control records) ≠ paid " + ledger.paidTaps()
					+ " + held " + ledger.heldTaps() + " + dropped " + ledger.droppedTaps() + " = " + judged);
		}
		if (ledger.tapsIn() != taps) {
			broken.add("taps in " + ledger.tapsIn() + " (the tap files' control records) ≠ " + taps
					+ " taps in the operator files");
		}
		if (payable != ledger.acceptedChargedFen()) {
			broken.add("Σ operator payable " + Money.yuan(payable) + " ≠ Σ charged of paid taps "
					+ Money.yuan(ledger.acceptedChargedFen()));
		}
		long recharges = 0;
		long amount = 0;
		for (ChannelLine channel : settlement.channels()) {
			recharges += channel.recharges();
			amount += channel.amountFen();
		}
		if (amount != ledger.acceptedTopUpsFen() || recharges != ledger.acceptedTopUps()) {
			broken.add("Σ channel amounts " + Money.yuan(amount) + " in " + recharges + " top-ups ≠ accepted top-ups "
					+ Money.yuan(ledger.acceptedTopUpsFen()) + " in " + ledger.acceptedTopUps());
		}
		checkSummary(settlement.summary(), summary, broken);
		if (!broken.isEmpty()) {
			throw new BrokenControlTotalException(settlement.date() + ": " + String.join("; ", broken));
		}
	}

	private static void checkSummary(List<SummaryRow> files, List<SummaryRow> summary, List<String> broken) {
		if (files.size() != summary.size()) {
			broken.add("the summary has " + summary.size() + " rows for " + files.size() + " partner files");
			return;
		}
		for (int i = 0; i < files.size(); i++) {
			SummaryRow file = files.get(i);
			SummaryRow row = summary.get(i);
			if (!file.partner().equals(row.partner()) || file.role() != row.role()
					|| file.direction() != row.direction()) {
				broken.add("summary row " + (i + 1) + " is " + row.partner() + " " + row.role() + " " + row.direction()
						+ " but the partner file is " + file.partner() + " " + file.role() + " " + file.direction());
				continue;
			}
			compare(file.partner(), "items", row.items(), file.items(), false, broken);
			compare(file.partner(), "gross", row.grossFen(), file.grossFen(), true, broken);
			compare(file.partner(), "deductions", row.deductionsFen(), file.deductionsFen(), true, broken);
			compare(file.partner(), "net", row.netFen(), file.netFen(), true, broken);
			if (row.grossFen() - row.deductionsFen() != row.netFen()) {
				broken.add("summary " + row.partner() + ": gross " + Money.yuan(row.grossFen()) + " − deductions "
						+ Money.yuan(row.deductionsFen()) + " ≠ net " + Money.yuan(row.netFen()));
			}
		}
	}

	private static void compare(String partner, String figure, long summary, long file, boolean money,
			List<String> broken) {
		if (summary != file) {
			broken.add("summary " + partner + " " + figure + " " + (money ? Money.yuan(summary) : summary)
					+ " ≠ its partner file's " + (money ? Money.yuan(file) : file));
		}
	}

	/**
	 * A control total does not hold; nothing may be published.
	 */
	public static final class BrokenControlTotalException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BrokenControlTotalException(String message) {
			super("control totals broken, nothing published: " + message);
		}

	}

}
