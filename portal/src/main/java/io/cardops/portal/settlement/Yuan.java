package io.cardops.portal.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;

import io.cardops.domain.money.Money;

/**
 * Fen shown as yuan with two decimals ({@code "58.00"}), the one form money takes in the
 * API's {@code *_yuan} fields and on the pages.
 */
final class Yuan {

	private Yuan() {
	}

	/**
	 * An amount.
	 * @param fen the amount in fen
	 * @return the yuan with two decimals
	 */
	static String of(long fen) {
		return Money.yuan(fen);
	}

	/**
	 * An amount that may be absent.
	 * @param fen the amount in fen, or null
	 * @return the yuan with two decimals, or null
	 */
	static String of(Long fen) {
		return (fen != null) ? Money.yuan(fen) : null;
	}

	/**
	 * An amount of any size (a control sum), or absent.
	 * @param fen the amount in fen, or null
	 * @return the yuan with two decimals, or null
	 */
	static String of(BigInteger fen) {
		return (fen != null) ? new BigDecimal(fen, 2).toPlainString() : null;
	}

}
