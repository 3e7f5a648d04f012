package io.cardops.domain.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.ledger.TapType;
import io.cardops.domain.money.Money;
import io.cardops.domain.reference.Discount;

/**
 * The reconciliation rules that need one transaction and its context, and their amounts
 * at stake in fen (domain.md, "How the judging runs"). A method returns the amount at
 * stake when the rule is broken, or null when it holds.
 *
 * <p>
 * The amounts come from files that bound every cell to ±10,000,000 fen, so none of this
 * arithmetic can overflow; it is exact all the same ({@link Money#add},
 * {@link Money#subtract}), so that a row that slipped past the bound fails its judging
 * with a {@link io.cardops.domain.money.AmountOverflowException} instead of a wrong
 * amount.
 */
public final class TransactionRules {

	/** A tap dated more than this many days before the clearing date is late. */
	public static final int LATE_AFTER_DAYS = 7;

	private TransactionRules() {
	}

	/**
	 * The balance before a tap: what it left plus what it charged.
	 * @param balanceAfterFen the tap's reported balance after
	 * @param chargedFen what it charged
	 * @return the balance before it
	 */
	public static long balanceBeforeTap(long balanceAfterFen, long chargedFen) {
		return Money.add(balanceAfterFen, chargedFen);
	}

	/**
	 * The balance before a top-up: what it left minus what it loaded.
	 * @param balanceAfterFen the top-up's reported balance after
	 * @param amountFen what it loaded
	 * @return the balance before it
	 */
	public static long balanceBeforeRecharge(long balanceAfterFen, long amountFen) {
		return Money.subtract(balanceAfterFen, amountFen);
	}

	/**
	 * BALANCE_BREAK: a transaction's balance before must be the reported balance after of
	 * seq − 1.
	 * @param previousBalanceAfterFen the reported balance after of seq − 1
	 * @param balanceBeforeFen this transaction's balance before
	 * @return reported − expected balance after (equal to balance before − previous
	 * balance), or null
	 */
	public static Long balanceBreak(long previousBalanceAfterFen, long balanceBeforeFen) {
		long difference = Money.subtract(balanceBeforeFen, previousBalanceAfterFen);
		return (difference != 0) ? difference : null;
	}

	/**
	 * SEQ_GAP's amount: the money that left the card in the missing transactions
	 * (negative when top-ups are missing).
	 * @param previousBalanceAfterFen the balance after the last transaction before the
	 * gap
	 * @param balanceBeforeFen the balance before the transaction that reveals the gap
	 * @return previous balance − balance before the revealing record
	 */
	public static long gapAmount(long previousBalanceAfterFen, long balanceBeforeFen) {
		return Money.subtract(previousBalanceAfterFen, balanceBeforeFen);
	}

	/**
	 * The charge a fare rule expects: full fare × rate_bp / 10000, rounded half-up.
	 * @param fullFareFen the full fare
	 * @param rateBp the rule's share of the full fare
	 * @return the expected charge
	 */
	public static long expectedCharge(long fullFareFen, int rateBp) {
		return Money.basisPointsHalfUp(fullFareFen, rateBp);
	}

	/**
	 * FARE_MISMATCH: the charge differs from the fare rule's.
	 * @param fullFareFen the full fare
	 * @param chargedFen the charge
	 * @param rateBp the rule's share for the tap's mode and discount
	 * @return charged − expected, or null
	 */
	public static Long fareMismatch(long fullFareFen, long chargedFen, int rateBp) {
		long difference = Money.subtract(chargedFen, expectedCharge(fullFareFen, rateBp));
		return (difference != 0) ? difference : null;
	}

	/**
	 * BELOW_MIN_BALANCE: an ENTRY or SINGLE tap started below the mode's minimum balance
	 * (overdraft is allowed only once a journey has started, so an EXIT never breaks it).
	 * @param tapType the tap type
	 * @param balanceBeforeFen the balance before the tap
	 * @param minBalanceFen the fare rule's minimum for the tap's mode and discount
	 * @return minimum − balance before, or null
	 */
	public static Long belowMinimumBalance(TapType tapType, long balanceBeforeFen, long minBalanceFen) {
		if (tapType == TapType.EXIT || balanceBeforeFen >= minBalanceFen) {
			return null;
		}
		return Money.subtract(minBalanceFen, balanceBeforeFen);
	}

	/**
	 * EXPIRED_DISCOUNT: a STUDENT discount on a tap that charges a fare (EXIT, SINGLE)
	 * whose Asia/Shanghai date is after the valid_until in force at the tap instant.
	 * @param tapType the tap type
	 * @param discount the tap's discount
	 * @param tappedAt the tap instant
	 * @param validUntil the card's valid_until in force at that instant
	 * @param fullFareFen the full fare
	 * @param chargedFen the charge
	 * @return full − charged (the discount not claimable), or null
	 */
	public static Long expiredDiscount(TapType tapType, Discount discount, Instant tappedAt, LocalDate validUntil,
			long fullFareFen, long chargedFen) {
		if (discount != Discount.STUDENT || tapType == TapType.ENTRY
				|| !AcademicCalendar.businessDate(tappedAt).isAfter(validUntil)) {
			return null;
		}
		return Money.subtract(fullFareFen, chargedFen);
	}

	/**
	 * LOST_CARD_TAP: a tap strictly after the card was reported lost or returned.
	 * @param tappedAt the tap instant
	 * @param blockedAt the REPORT_LOST or RETURN instant, or null when the card is not
	 * blocked
	 * @return true when the rule is broken
	 */
	public static boolean afterLossOrReturn(Instant tappedAt, Instant blockedAt) {
		return blockedAt != null && tappedAt.isAfter(blockedAt);
	}

	/**
	 * LATE_RECORD: the clearing date minus the tap's Asia/Shanghai date is more than
	 * seven days.
	 * @param tappedAt the tap instant
	 * @param clearingDate the clearing date of its file
	 * @return true when the tap is late
	 */
	public static boolean late(Instant tappedAt, LocalDate clearingDate) {
		return ChronoUnit.DAYS.between(AcademicCalendar.businessDate(tappedAt), clearingDate) > LATE_AFTER_DAYS;
	}

	/**
	 * INCOMPLETE_TRIP: an ENTRY whose successor on the card is not an EXIT of the same
	 * mode.
	 * @param entryMode the ENTRY's mode
	 * @param successorIsTap whether the successor is a tap (not a top-up)
	 * @param successorType the successor's tap type, or null for a top-up
	 * @param successorMode the successor's mode, or null for a top-up
	 * @return true when the trip is incomplete
	 */
	public static boolean incompleteTrip(io.cardops.domain.reference.TravelMode entryMode, boolean successorIsTap,
			TapType successorType, io.cardops.domain.reference.TravelMode successorMode) {
		return !successorIsTap || successorType != TapType.EXIT || successorMode != entryMode;
	}

}
