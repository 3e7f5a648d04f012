package io.cardops.jobs.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reconcile.TransactionRules;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;

/**
 * One tap or top-up as the judging walk sees it: the fields it checks, where it came
 * from, and whether it is new in this run or a transaction accepted earlier. The fields
 * that only tell a copy from a conflict (txn_id or recharge_id, line, station, device,
 * payment_ref) are left in the ledger and read by {@link TwinRows} for the few rows that
 * need them.
 *
 * @param fresh true when the row arrived in this run and is not judged yet
 * @param sourceFile its file
 * @param sourceLine its physical line
 * @param clearingDate its file's clearing date
 * @param partner the partner in its file name
 * @param kind {@code T} for a tap, {@code R} for a top-up
 * @param cardNo the card
 * @param cardSeq the card's transaction counter
 * @param at tapped_at or recharged_at
 * @param mode the tap's mode, null for a top-up
 * @param tapType the tap's type, null for a top-up
 * @param fullFareFen the tap's full fare
 * @param chargedFen the tap's charge
 * @param discount the tap's discount
 * @param amountFen the top-up's amount, null for a tap
 * @param balanceAfterFen the balance after it
 */
record LedgerRow(boolean fresh, String sourceFile, int sourceLine, LocalDate clearingDate, String partner, String kind,
		String cardNo, long cardSeq, Instant at, TravelMode mode, TapType tapType, Long fullFareFen, Long chargedFen,
		Discount discount, Long amountFen, long balanceAfterFen) {

	private static Long nullableLong(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * Reads ledger rows from a result set with the ledger_row columns, looking the
	 * columns up by name on the first row only, not for every one of millions.
	 */
	static final class Reader {

		private static final String[] NAMES = { "fresh", "source_file", "source_line", "clearing_date", "partner",
				"kind", "card_no", "card_seq", "happened_at", "mode", "tap_type", "full_fare_fen", "charged_fen",
				"discount", "amount_fen", "balance_after_fen" };

		private int[] at;

		/**
		 * Reads the current row.
		 * @param rs the result set
		 * @return the row
		 * @throws SQLException when a column cannot be read
		 */
		LedgerRow read(ResultSet rs) throws SQLException {
			if (this.at == null) {
				int[] positions = new int[NAMES.length];
				for (int i = 0; i < NAMES.length; i++) {
					positions[i] = rs.findColumn(NAMES[i]);
				}
				this.at = positions;
			}
			int[] at = this.at;
			String mode = rs.getString(at[9]);
			String tapType = rs.getString(at[10]);
			String discount = rs.getString(at[13]);
			return new LedgerRow(rs.getInt(at[0]) == 1, rs.getString(at[1]), rs.getInt(at[2]),
					rs.getObject(at[3], LocalDate.class), rs.getString(at[4]), rs.getString(at[5]).trim(),
					rs.getString(at[6]).trim(), rs.getLong(at[7]),
					rs.getObject(at[8], OffsetDateTime.class).toInstant(),
					(mode != null) ? TravelMode.valueOf(mode) : null,
					(tapType != null) ? TapType.valueOf(tapType) : null, nullableLong(rs, at[11]),
					nullableLong(rs, at[12]), (discount != null) ? Discount.valueOf(discount) : null,
					nullableLong(rs, at[14]), rs.getLong(at[15]));
		}

	}

	boolean isTap() {
		return "T".equals(this.kind);
	}

	/**
	 * The balance before this transaction, from its own figures.
	 * @return the balance before
	 */
	long balanceBefore() {
		return isTap() ? TransactionRules.balanceBeforeTap(this.balanceAfterFen, this.chargedFen)
				: TransactionRules.balanceBeforeRecharge(this.balanceAfterFen, this.amountFen);
	}

	/**
	 * The money the row moves: a tap's charge or a top-up's amount.
	 * @return the amount in fen
	 */
	long money() {
		return isTap() ? this.chargedFen : this.amountFen;
	}

}
