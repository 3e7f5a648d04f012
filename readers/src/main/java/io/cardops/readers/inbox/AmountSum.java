package io.cardops.readers.inbox;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sum of a file's amount column over its data rows, as its control file's
 * {@code sum_fen} is checked against it: every integer cell counts, of any size (a cell
 * beyond the bound on amounts makes its row malformed, but the sender summed it), and the
 * rows whose cell is not an integer are counted apart, so that a mismatch can say which
 * rows it could not add.
 *
 * @param column the amount column, for example {@code charged_fen}
 * @param readable the sum of the integer cells, exact in any size
 * @param unreadable how many rows have no integer in the column
 * @param unreadableLines the physical lines of the first of them, at most
 * {@value #LINES_KEPT}
 */
public record AmountSum(String column, BigInteger readable, long unreadable, List<Long> unreadableLines) {

	/** How many lines of rows without a readable amount are kept to be named. */
	public static final int LINES_KEPT = 5;

	/**
	 * Copies the lines.
	 * @param column the amount column
	 * @param readable the sum of the integer cells
	 * @param unreadable how many rows have no integer in the column
	 * @param unreadableLines the lines of the first of them
	 */
	public AmountSum {
		unreadableLines = List.copyOf(unreadableLines);
	}

	/**
	 * A sum of integer cells only.
	 * @param column the amount column
	 * @param readable the sum
	 * @return the sum with no unreadable row
	 */
	public static AmountSum of(String column, long readable) {
		return new AmountSum(column, BigInteger.valueOf(readable), 0, List.of());
	}

	/**
	 * The lines of the rows without a readable amount, in words.
	 * @return for example {@code lines 3, 5} or {@code lines 2, 4, 6, 8, 10 and 7 more}
	 */
	String linesInWords() {
		String lines = this.unreadableLines.stream().map(String::valueOf).collect(Collectors.joining(", "));
		long more = this.unreadable - this.unreadableLines.size();
		return ((this.unreadable == 1) ? "line " : "lines ") + lines + ((more > 0) ? " and " + more + " more" : "");
	}

}
