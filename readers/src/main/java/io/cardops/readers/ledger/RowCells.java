package io.cardops.readers.ledger;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.cardops.domain.money.Money;
import io.cardops.domain.text.VisibleText;
import io.cardops.readers.csv.FileDate;
import io.cardops.readers.csv.InboundRow;
import io.cardops.readers.csv.InboundValues;

/**
 * The cells of one data row, parsed field by field in files.md column order. The first
 * field that breaks its format is remembered and every later parse is skipped, so each
 * cell is parsed once (tap files are large) and the row reports its first failure.
 *
 * <p>
 * After a failure the parse methods return placeholders ({@code null}, 0) that callers
 * must not build a record from: check {@link #ok()} first.
 */
final class RowCells {

	private static final int MAX_ID_LENGTH = 64;

	private static final String ID_RULE = "1-64 of A-Z a-z 0-9 _ . : -";

	private final InboundRow row;

	private final FileDate fileDate;

	private String problem;

	RowCells(InboundRow row, int width, FileDate fileDate) {
		this.row = row;
		this.fileDate = fileDate;
		if (row.size() != width) {
			// Cells of a row with the wrong count sit under the wrong columns: judge
			// none.
			this.problem = "has " + row.size() + " cells, the header has " + width;
		}
	}

	boolean ok() {
		return this.problem == null;
	}

	String problem() {
		return this.problem;
	}

	String raw(String column) {
		return this.row.get(column);
	}

	String id(String column) {
		if (!ok()) {
			return null;
		}
		String text = this.row.get(column);
		if (!isId(text)) {
			fail(column + " must be " + ID_RULE);
		}
		return text;
	}

	String optionalId(String column) {
		if (!ok()) {
			return null;
		}
		String text = this.row.get(column);
		if (text.isEmpty()) {
			return null;
		}
		if (!isId(text)) {
			fail(column + " must be empty or " + ID_RULE);
		}
		return text;
	}

	String cardNo() {
		if (!ok()) {
			return null;
		}
		String text = this.row.get("card_no");
		if (!InboundValues.isCardNo(text)) {
			fail("card_no must be exactly 19 digits");
		}
		return text;
	}

	Instant instant(String column) {
		if (!ok()) {
			return null;
		}
		String text = this.row.get(column);
		Instant value = InboundValues.instant(text);
		if (value == null) {
			fail(column + " '" + InboundValues.shown(text) + "' is not an ISO-8601 instant");
		}
		else if (this.fileDate.isTooLate(value)) {
			fail(column + " " + InboundValues.shown(text) + " is after its file's clearing date "
					+ this.fileDate.date());
		}
		return value;
	}

	<E extends Enum<E>> E oneOf(String column, Class<E> type) {
		if (!ok()) {
			return null;
		}
		String text = this.row.get(column);
		E[] constants = type.getEnumConstants();
		for (E constant : constants) {
			if (constant.name().equals(text)) {
				return constant;
			}
		}
		fail(column + " '" + InboundValues.shown(text) + "' must be one of "
				+ Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", ")));
		return null;
	}

	/**
	 * A free-text name (a line, a station, a device): what settlement groups by and
	 * reports print, so it must be short and every character of it seen.
	 */
	String name(String column) {
		if (!ok()) {
			return null;
		}
		String text = this.row.get(column);
		int length = text.codePointCount(0, text.length());
		if (length < 1 || length > InboundValues.MAX_NAME_LENGTH) {
			fail(column + " must be 1-" + InboundValues.MAX_NAME_LENGTH + " characters without control characters");
			return text;
		}
		String invisible = VisibleText.problem(text);
		if (invisible != null) {
			fail(column + " " + invisible);
		}
		return text;
	}

	/**
	 * A counter such as card_seq: an integer of at most 15 digits, at least {@code min}.
	 */
	long atLeast(String column, long min) {
		if (!ok()) {
			return 0;
		}
		Long value = InboundValues.integer(this.row.get(column));
		if (value == null || value < min) {
			fail(column + " must be an integer >= " + min + " of at most 15 digits"
					+ InboundValues.integerSlip(this.row.get(column)));
			return 0;
		}
		return value;
	}

	/** An amount in fen of either sign, within ±10,000,000 (files.md). */
	long fen(String column) {
		return fenAtLeast(column, -Money.INBOUND_LIMIT_FEN);
	}

	/** An amount in fen from {@code min} (-10,000,000, 0 or 1) to 10,000,000. */
	long fenAtLeast(String column, long min) {
		if (!ok()) {
			return 0;
		}
		String text = this.row.get(column);
		long value = InboundValues.fenValue(text);
		if (value == InboundValues.BEYOND_LIMIT && !(min >= 0 && text.startsWith("-"))) {
			fail(InboundValues.beyondLimit(column, text));
			return 0;
		}
		// NOT_AN_INTEGER is below any minimum, and so is a negative cell beyond the
		// limit where only positive amounts are allowed.
		if (value < min || value == InboundValues.BEYOND_LIMIT) {
			// The rule is spelled out only for a row that breaks it (tap files are
			// large).
			String rule = (min < 0) ? "" : (min == 1) ? " > 0" : " >= " + min;
			fail(column + " must be an integer" + rule
					+ ((value == InboundValues.NOT_AN_INTEGER) ? InboundValues.integerSlip(text) : ""));
			return 0;
		}
		return value;
	}

	/**
	 * A rule across fields, checked once the last field it involves has been parsed.
	 */
	void check(boolean holds, String reason) {
		if (ok() && !holds) {
			fail(reason);
		}
	}

	private void fail(String reason) {
		this.problem = reason;
	}

	/** Whether a text is an identifier: {@value #ID_RULE}. */
	private static boolean isId(String text) {
		if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '.' || c == ':' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
