package io.cardops.domain.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tests for {@link Money}.
 */
class MoneyTests {

	@ParameterizedTest(name = "{0} fen x {1} bp = {2} fen")
	@CsvSource(textBlock = """
			# fen,       bp,    expected
			  1000,        5000,  500
			  1,           5000,  1
			  -1,          5000,  -1
			  3,           5000,  2
			  -3,          5000,  -2
			  5,           1000,  1
			  -5,          1000,  -1
			  25,          1000,  3
			  -25,         1000,  -3
			  1,           4999,  0
			  -1,          4999,  0
			  1,           5001,  1
			  -1,          5001,  -1
			  15,          3333,  5
			  250,         30,    1
			  123456789,   50,    617284
			  0,           5000,  0
			  200,         0,     0
			  500,         10000, 500
			  -500,        10000, -500
			""")
	void basisPointsRoundHalfAwayFromZero(long fen, int basisPoints, long expected) {
		assertEquals(expected, Money.basisPointsHalfUp(fen, basisPoints));
	}

	@Test
	void basisPointsOfAHugeAmountStayExact() {
		// 922337203685477 fen x 10000 bp fits in a long only just; no double could hold
		// it.
		assertEquals(922_337_203_685_477L, Money.basisPointsHalfUp(922_337_203_685_477L, 10_000));
		assertEquals(461_168_601_842_739L, Money.basisPointsHalfUp(922_337_203_685_477L, 5_000));
	}

	@Test
	void basisPointsRefuseAnOverflowingProduct() {
		assertThrows(ArithmeticException.class, () -> Money.basisPointsHalfUp(Long.MAX_VALUE, 2));
	}

	@ParameterizedTest(name = "{0} fen is {1}")
	@CsvSource(textBlock = """
			-1250,                '-12.50'
			0,                    '0.00'
			5,                    '0.05'
			-5,                   '-0.05'
			10,                   '0.10'
			99,                   '0.99'
			-99,                  '-0.99'
			100,                  '1.00'
			-100,                 '-1.00'
			123400,               '1234.00'
			20001,                '200.01'
			9223372036854775807,  '92233720368547758.07'
			-9223372036854775808, '-92233720368547758.08'
			""")
	void yuanHasExactlyTwoDecimals(long fen, String expected) {
		assertEquals(expected, Money.yuan(fen));
	}

}
