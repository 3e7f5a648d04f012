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
	void aShareOfAnAmountWhoseProductOverflowsIsStillExact() {
		// Long.MAX_VALUE x 6000 does not fit in a long; its 60% share does.
		assertEquals(5_534_023_222_112_865_484L, Money.basisPointsHalfUp(Long.MAX_VALUE, 6000));
		assertEquals(-5_534_023_222_112_865_485L, Money.basisPointsHalfUp(Long.MIN_VALUE, 6000));
		assertEquals(Long.MAX_VALUE, Money.basisPointsHalfUp(Long.MAX_VALUE, 10_000));
		// 922337203685478 x 10000 is just past a long: the exact way gives the same.
		assertEquals(922_337_203_685_478L, Money.basisPointsHalfUp(922_337_203_685_478L, 10_000));
		assertEquals(461_168_601_842_739L, Money.basisPointsHalfUp(922_337_203_685_478L, 5_000));
	}

	@Test
	void aShareBeyondALongIsRefusedNamingTheOperation() {
		AmountOverflowException ex = assertThrows(AmountOverflowException.class,
				() -> Money.basisPointsHalfUp(Long.MAX_VALUE, 20_000));

		assertEquals("amount out of range: 9223372036854775807 fen × 20000 bp does not fit in 64 bits",
				ex.getMessage());
	}

	@Test
	void sumsAndDifferencesAreExact() {
		assertEquals(Long.MAX_VALUE, Money.add(Long.MAX_VALUE - 5, 5));
		assertEquals(Long.MIN_VALUE, Money.subtract(Long.MIN_VALUE + 5, 5));
		assertEquals(-20_000_000L, Money.subtract(-10_000_000L, 10_000_000L));

		assertEquals("amount out of range: 9223372036854775807 fen + 1 fen does not fit in 64 bits",
				assertThrows(AmountOverflowException.class, () -> Money.add(Long.MAX_VALUE, 1)).getMessage());
		assertEquals("amount out of range: -9223372036854775808 fen − 1 fen does not fit in 64 bits",
				assertThrows(AmountOverflowException.class, () -> Money.subtract(Long.MIN_VALUE, 1)).getMessage());
		assertThrows(AmountOverflowException.class, () -> Money.subtract(0, Long.MIN_VALUE));
	}

	@ParameterizedTest(name = "{0} fen within the inbound limit: {1}")
	@CsvSource(textBlock = """
			0,         true
			10000000,  true
			-10000000, true
			10000001,  false
			-10000001, false
			""")
	void inboundAmountsAreBoundedToTenMillionFenEitherSign(long fen, boolean within) {
		assertEquals(within, Money.withinInboundLimit(fen));
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
