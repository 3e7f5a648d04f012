package io.cardops.domain.money;

/**
 * Arithmetic and formatting for amounts held as integer fen (1 yuan = 100 fen).
 */
public final class Money {

	private static final long BASIS_POINTS_PER_UNIT = 10_000L;

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
	 * @throws ArithmeticException if {@code fen × basisPoints} does not fit in a long
	 */
	public static long basisPointsHalfUp(long fen, int basisPoints) {
		long product = Math.multiplyExact(fen, (long) basisPoints);
		// Java division truncates towards zero, so the remainder carries the sign of the
		// product and its magnitude alone decides the rounding.
		long quotient = product / BASIS_POINTS_PER_UNIT;
		long remainder = product % BASIS_POINTS_PER_UNIT;
		if (Math.abs(remainder) * 2 >= BASIS_POINTS_PER_UNIT) {
			quotient += Long.signum(product);
		}
		return quotient;
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
