package io.cardops.readers.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.cardops.domain.money.Money;
import io.cardops.domain.text.VisibleText;

/**
 * Parsing of the value formats files.md defines for every inbound file: instants, card
 * numbers, counters and fen. Each parser returns null (or a marker) for a value that
 * breaks its format, so the caller can name the field.
 */
public final class InboundValues {

	/** Asia/Shanghai: an instant without an offset is local time there. */
	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** At most this many digits in an integer ({@code -?[0-9]{1,15}}). */
	private static final int MAX_DIGITS = 15;

	private static final Pattern PARTNER_CODE = Pattern.compile("[A-Z0-9_]{1,16}");

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+");

	private static final Pattern GROUPED = Pattern.compile("-?[0-9]{1,3}(,[0-9]{3})+");

	/** How much of a cell a reason quotes. */
	public static final int SHOWN_CELL = 64;

	/** The longest free-text name (a line, a station, a device), in characters. */
	public static final int MAX_NAME_LENGTH = 32;

	/** What {@link #fenValue} returns for a cell that is not an integer. */
	public static final long NOT_AN_INTEGER = Long.MIN_VALUE;

	/**
	 * What {@link #fenValue} returns for an integer beyond ±10,000,000 fen (files.md):
	 * such a cell breaks its row's format.
	 */
	public static final long BEYOND_LIMIT = Long.MAX_VALUE;

	private InboundValues() {
	}

	/**
	 * An ISO-8601 instant with an offset ({@code 2026-09-01T07:45:12+08:00}, or
	 * {@code Z}), or without one (Asia/Shanghai time).
	 * @param text the cell
	 * @return the instant, or null when it is not one
	 */
	public static Instant instant(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		Instant usual = usualInstant(text);
		if (usual != null) {
			return usual;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException withoutOffset) {
			try {
				return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
	}

	/**
	 * A cell as a reason quotes it: cut after {@value #SHOWN_CELL} characters, and its
	 * control and invisible characters as U+FFFD, so that the reason stays one line of a
	 * published file that fits its column, cannot change a terminal, and PostgreSQL
	 * (which takes no NUL in a text) stores it as H2 does.
	 * @param cell the cell as sent
	 * @return what the reason shows of it
	 */
	public static String shown(String cell) {
		return VisibleText.shown(cell, SHOWN_CELL);
	}

	/**
	 * Whether a cell is a free-text name as the readers take one (a line, a station, a
	 * device): 1 to {@value #MAX_NAME_LENGTH} characters, every one of them seen.
	 * @param text the cell
	 * @return true when it is
	 */
	public static boolean isName(String text) {
		if (text == null) {
			return false;
		}
		int length = text.codePointCount(0, text.length());
		return length >= 1 && length <= MAX_NAME_LENGTH && VisibleText.problem(text) == null;
	}

	/**
	 * Whether a cell is a card number: exactly 19 digits.
	 * @param text the cell
	 * @return true when it is
	 */
	public static boolean isCardNo(String text) {
		return text != null && text.length() == 19 && digits(text, 0, 19);
	}

	/**
	 * Whether a text is a partner code (files.md, "Reference data"): 1 to 16 of
	 * {@code A-Z 0-9 _}.
	 * @param text the text
	 * @return true when it is
	 */
	public static boolean isPartnerCode(String text) {
		return text != null && PARTNER_CODE.matcher(text).matches();
	}

	/**
	 * An integer of at most 15 digits, such as a counter.
	 * @param text the cell
	 * @return the integer, or null when the cell is not one
	 */
	public static Long integer(String text) {
		if (text == null) {
			return null;
		}
		int start = (!text.isEmpty() && text.charAt(0) == '-') ? 1 : 0;
		int length = text.length() - start;
		if (length < 1 || length > MAX_DIGITS || !digits(text, start, text.length())) {
			return null;
		}
		return Long.valueOf(text);
	}

	/**
	 * An amount in fen: an integer within ±10,000,000 (files.md, "Common rules").
	 * @param text the cell
	 * @return the amount, or null when the cell is not an integer or is beyond the limit
	 */
	public static Long fen(String text) {
		long value = fenValue(text);
		return (value == NOT_AN_INTEGER || value == BEYOND_LIMIT) ? null : value;
	}

	/**
	 * An amount in fen without boxing, for the millions of cells of a tap file.
	 * @param text the cell
	 * @return the amount; {@link #NOT_AN_INTEGER} when the cell is not an integer
	 * ({@code -?[0-9]+}); {@link #BEYOND_LIMIT} when it is one beyond ±10,000,000 fen, of
	 * whatever size
	 */
	public static long fenValue(String text) {
		if (text == null) {
			return NOT_AN_INTEGER;
		}
		int length = text.length();
		int start = (length > 0 && text.charAt(0) == '-') ? 1 : 0;
		if (length == start) {
			return NOT_AN_INTEGER;
		}
		long value = 0;
		boolean beyond = false;
		for (int i = start; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return NOT_AN_INTEGER;
			}
			// Once beyond the limit, the rest is only checked to be digits: the value of
			// a long cell would overflow.
			if (!beyond) {
				value = value * 10 + (c - '0');
				beyond = value > Money.INBOUND_LIMIT_FEN;
			}
		}
		if (beyond) {
			return BEYOND_LIMIT;
		}
		return (start == 1) ? -value : value;
	}

	/**
	 * The common slip that makes a cell not an integer, for the reason a refused row
	 * gives: a plus sign, full-width digits, spaces, a decimal point or a thousands
	 * separator. Files carry whole fen as ASCII digits with an optional leading minus.
	 * @param text the cell, one that is not an integer
	 * @return for example {@code ; '+50' has a plus sign}, or "" when it is none of these
	 */
	public static String integerSlip(String text) {
		String slip = slip(text);
		return (slip == null) ? "" : "; '" + shown(text) + "' has " + slip;
	}

	/**
	 * {@link #integerSlip(String)} for a reason that quotes the cell already.
	 * @param text the cell, one that is not an integer
	 * @return for example {@code ; it has a plus sign}, or ""
	 */
	public static String integerSlipOfQuoted(String text) {
		String slip = slip(text);
		return (slip == null) ? "" : "; it has " + slip;
	}

	private static String slip(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		String slip;
		if (text.charAt(0) == '+') {
			slip = "a plus sign";
		}
		else if (text.chars().anyMatch((c) -> (c >= '\uFF10' && c <= '\uFF19') || c == '\uFF0B' || c == '\uFF0D')) {
			slip = "full-width digits";
		}
		else if (text.chars().anyMatch(Character::isWhitespace)) {
			slip = "spaces";
		}
		else if (DECIMAL.matcher(text).matches()) {
			slip = "a decimal point";
		}
		else if (GROUPED.matcher(text).matches()) {
			slip = "a thousands separator";
		}
		else {
			return null;
		}
		return slip;
	}

	/**
	 * Why an integer cell breaks the limit on amounts.
	 * @param column the column
	 * @param text the cell, an integer beyond ±10,000,000
	 * @return for example {@code charged_fen 999999999999999 is more than the 10,000,000
	 * fen a file may carry}
	 */
	public static String beyondLimit(String column, String text) {
		String shown = VisibleText.cut(text, 24);
		return column + " " + shown + (text.startsWith("-") ? " is less than the -10,000,000 fen a file may carry"
				: " is more than the 10,000,000 fen a file may carry");
	}

	/**
	 * The shape nearly every file uses, {@code 2026-09-01T07:45:12+08:00} (or with
	 * {@code Z}), read without a formatter: tap files hold millions of them. Anything
	 * else, and any value out of range, is left to the ISO parser (null here).
	 */
	private static Instant usualInstant(String text) {
		int length = text.length();
		if ((length != 20 && length != 25) || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || !digits(text, 0, 4) || !digits(text, 5, 7)
				|| !digits(text, 8, 10) || !digits(text, 11, 13) || !digits(text, 14, 16) || !digits(text, 17, 19)) {
			return null;
		}
		int offsetSeconds;
		if (length == 20) {
			if (text.charAt(19) != 'Z') {
				return null;
			}
			offsetSeconds = 0;
		}
		else {
			char sign = text.charAt(19);
			if ((sign != '+' && sign != '-') || text.charAt(22) != ':' || !digits(text, 20, 22)
					|| !digits(text, 23, 25)) {
				return null;
			}
			int hours = number(text, 20, 22);
			int minutes = number(text, 23, 25);
			if (hours > 18 || minutes > 59) {
				return null;
			}
			offsetSeconds = ((sign == '-') ? -1 : 1) * (hours * 3600 + minutes * 60);
		}
		try {
			return LocalDateTime
				.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
						number(text, 14, 16), number(text, 17, 19))
				.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static boolean digits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int number(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + (text.charAt(i) - '0');
		}
		return value;
	}

}
