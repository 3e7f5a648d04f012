package io.cardops.readers.inbox;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.cardops.readers.csv.InboundValues;

/**
 * Adds up a file's amount column, row by row, into an {@link AmountSum}. No number of
 * rows can overflow it: the running sum is a {@code long} (the hot path: every cell of a
 * well-formed file is within ±10,000,000 fen) that spills into a {@link BigInteger} when
 * an addition would leave its range, and a cell too long for a {@code long} is added as a
 * {@code BigInteger} at once.
 */
public final class AmountSummer {

	private static final int LONG_DIGITS = 18;

	private final String column;

	private final boolean emptyIsZero;

	private long sum;

	private BigInteger spilled = BigInteger.ZERO;

	private long unreadable;

	private final List<Long> unreadableLines = new ArrayList<>(AmountSum.LINES_KEPT);

	/**
	 * Creates a summer.
	 * @param column the amount column
	 * @param emptyIsZero whether an empty cell adds nothing (a card event's refund_fen,
	 * empty but on a RETURN) rather than being a row without a readable amount
	 */
	public AmountSummer(String column, boolean emptyIsZero) {
		this.column = column;
		this.emptyIsZero = emptyIsZero;
	}

	/**
	 * Adds a row's cell.
	 * @param cell the cell as read (trimmed)
	 * @param line the row's physical line
	 */
	public void add(String cell, long line) {
		long value = InboundValues.fenValue(cell);
		if (value == InboundValues.NOT_AN_INTEGER) {
			if (!(this.emptyIsZero && cell.isEmpty())) {
				this.unreadable++;
				if (this.unreadableLines.size() < AmountSum.LINES_KEPT) {
					this.unreadableLines.add(line);
				}
			}
		}
		else if (value != InboundValues.BEYOND_LIMIT) {
			addExact(value);
		}
		else if (cell.length() - (cell.startsWith("-") ? 1 : 0) <= LONG_DIGITS) {
			addExact(Long.parseLong(cell));
		}
		else {
			this.spilled = this.spilled.add(new BigInteger(cell));
		}
	}

	private void addExact(long value) {
		long next = this.sum + value;
		// Overflow when both operands have the sign the sum lacks (Math.addExact's test):
		// the long so far moves to the BigInteger and starts again from this value.
		if (((this.sum ^ next) & (value ^ next)) < 0) {
			this.spilled = this.spilled.add(BigInteger.valueOf(this.sum));
			this.sum = value;
		}
		else {
			this.sum = next;
		}
	}

	/**
	 * The sum so far.
	 * @return the sum, with the rows that had no readable amount
	 */
	public AmountSum result() {
		return new AmountSum(this.column, this.spilled.add(BigInteger.valueOf(this.sum)), this.unreadable,
				this.unreadableLines);
	}

}
