package io.cardops.readers.csv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parsing of the value formats files.md defines for every inbound file: instants, card
 * numbers, fen. Each parser returns null for a value that breaks its format, so the
 * caller can name the field.
 */
public final class InboundValues {

	/** Asia/Shanghai: an instant without an offset is local time there. */
	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Pattern CARD_NO = Pattern.compile("[0-9]{19}");

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,15}");

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
	 * Whether a cell is a card number: exactly 19 digits.
	 * @param text the cell
	 * @return true when it is
	 */
	public static boolean isCardNo(String text) {
		return text != null && CARD_NO.matcher(text).matches();
	}

	/**
	 * An integer amount in fen.
	 * @param text the cell
	 * @return the amount, or null when the cell is not an integer
	 */
	public static Long fen(String text) {
		if (text == null || !INTEGER.matcher(text).matches()) {
			return null;
		}
		return Long.valueOf(text);
	}

}
