package io.cardops.domain.money;

import java.math.BigInteger;

/**
 * Arithmetic and formatting for amounts held as integer fen (1 yuan = 100 fen).
 *
 * <p>
 * Every amount that enters from a file is within ±{@link #INBOUND_LIMIT_FEN} (files.md),
 * so a sum of a day's amounts cannot leave a {@code long} before 900 billion rows. The
 * arithmetic here is exact all the same: an overflow is never silent, it throws an
 * {@link AmountOverflowException} that says which operation left the range.
 */
public final class Money {

	/**
	 * The largest amount, either sign, that an inbound {@code *_fen} cell may carry:
	 * 10,000,000 fen (100,000 yuan), far above any fare, top-up or card balance
	 * (files.md, "Common rules"). A cell beyond it breaks its row's format.
	 */
	public static final long INBOUND_LIMIT_FEN = 10_000_000L;

	private static final long BASIS_POINTS_PER_UNIT = 10_000L;

	private static final BigInteger BASIS_POINTS_PER_UNIT_BIG = BigInteger.valueOf(BASIS_POINTS_PER_UNIT);

	private static final long FEN_PER_YUAN = 100L;

	private Money() {
	}

	/**
	 * Returns {@code fen × basisPoints / 10000} rounded half-up, that is half away from
	 * zero for negative results, so that a refund and its charge round to the same
	 * magnitude. The arithmetic is exact: no floating point is involved.
	 * @param fen the amount in fen
	 * @param basisPoints the share in basis points (10000 = 100%)
	 * @return the rounded share in fen
	 * @throws AmountOverflowException if the share itself does not fit in a long (never
	 * for a share of 0 to 10000 basis points, whose result is at most the amount)
	 */
	public static long basisPointsHalfUp(long fen, int basisPoints) {
		long product = fen * basisPoints;
		if (Math.multiplyHigh(fen, basisPoints) != (product >> 63)) {
			// The product does not fit, although the share may (a day's total at 60 bp):
			// the rare way round, exact in any size.
			return basisPointsHalfUpExact(fen, basisPoints);
		}
		// Java division truncates towards zero, so the remainder carries the sign of the
		// product and its magnitude alone decides the rounding.
		long quotient = product / BASIS_POINTS_PER_UNIT;
		long remainder = product % BASIS_POINTS_PER_UNIT;
		if (Math.abs(remainder) * 2 >= BASIS_POINTS_PER_UNIT) {
			quotient += Long.signum(product);
		}
		return quotient;
	}

	private static long basisPointsHalfUpExact(long fen, int basisPoints) {
		BigInteger product = BigInteger.valueOf(fen).multiply(BigInteger.valueOf(basisPoints));
		BigInteger[] division = product.divideAndRemainder(BASIS_POINTS_PER_UNIT_BIG);
		BigInteger quotient = division[0];
		if (division[1].abs().shiftLeft(1).compareTo(BASIS_POINTS_PER_UNIT_BIG) >= 0) {
			quotient = quotient.add(BigInteger.valueOf(product.signum()));
		}
		if (quotient.bitLength() > 63) {
			throw new AmountOverflowException(fen + " fen × " + basisPoints + " bp");
		}
		return quotient.longValue();
	}

	/**
	 * Adds two amounts exactly.
	 * @param fen an amount in fen
	 * @param otherFen another amount in fen
	 * @return the sum in fen
	 * @throws AmountOverflowException if the sum does not fit in a long
	 */
	public static long add(long fen, long otherFen) {
		long sum = fen + otherFen;
		// Overflow when both operands have the sign the sum lacks (Math.addExact's test).
		if (((fen ^ sum) & (otherFen ^ sum)) < 0) {
			throw new AmountOverflowException(fen + " fen + " + otherFen + " fen");
		}
		return sum;
	}

	/**
	 * Subtracts an amount from another exactly.
	 * @param fen an amount in fen
	 * @param otherFen the amount taken from it, in fen
	 * @return the difference in fen
	 * @throws AmountOverflowException if the difference does not fit in a long
	 */
	public static long subtract(long fen, long otherFen) {
		long difference = fen - otherFen;
		// Overflow when the operands' signs differ and the result's differs from the
		// first's (Math.subtractExact's test).
		if (((fen ^ otherFen) & (fen ^ difference)) < 0) {
			throw new AmountOverflowException(fen + " fen − " + otherFen + " fen");
		}
		return difference;
	}

	/**
	 * Whether an amount is within what an inbound file may carry.
	 * @param fen the amount in fen
	 * @return true when it is within ±{@link #INBOUND_LIMIT_FEN}
	 */
	public static boolean withinInboundLimit(long fen) {
		return fen >= -INBOUND_LIMIT_FEN && fen <= INBOUND_LIMIT_FEN;
	}

	/**
	 * Formats fen as yuan with exactly two decimals and a leading minus sign for negative
	 * amounts, for example {@code -12.50}, {@code 0.00} or {@code 0.05}.
	 * @param fen the amount in fen
	 * @return the amount in yuan, without grouping separators or currency sign
	 */
	public static String yuan(long fen) {
		// Whole yuan and fen are taken apart before taking absolute values so that
		// Long.MIN_VALUE, whose absolute value does not exist, still formats correctly.
		long wholeYuan = Math.abs(fen / FEN_PER_YUAN);
		long restFen = Math.abs(fen % FEN_PER_YUAN);
		String sign = (fen < 0) ? "-" : "";
		return sign + wholeYuan + "." + ((restFen < 10) ? "0" : "") + restFen;
	}

}
