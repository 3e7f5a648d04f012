package io.cardops.domain.text;

import java.util.Locale;

/**
 * Finds the characters of a free-text value that its readers could not see, or that would
 * change how the rest of it is shown: control characters, Unicode format characters
 * (general category Cf: zero-width spaces and joiners, bidirectional overrides and
 * isolates, the byte order mark, the Arabic letter mark...), line and paragraph
 * separators, lone surrogates and the Hangul and other fillers that render as blanks. A
 * name holding one could pass for another in an eligibility list or a settlement file, so
 * such a value is refused, and the reason names the code point without echoing the text.
 */
public final class VisibleText {

	// Letters and marks that render as nothing: combining grapheme joiner, Hangul
	// fillers, Khmer inherent vowels, the blank Braille pattern, halfwidth Hangul filler.
	private static final int[] BLANK_LETTERS = { 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0 };

	private VisibleText() {
	}

	/**
	 * What is wrong with a free-text value, if anything.
	 * @param text the value (already stripped of surrounding white space)
	 * @return for example {@code contains an invisible character U+202E} or
	 * {@code contains a control character U+0009}, naming the first such character; null
	 * when every character can be seen
	 */
	public static String problem(String text) {
		for (int i = 0; i < text.length();) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7F) {
				// Printable ASCII: nearly every character of every file.
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (Character.getType(codePoint) == Character.CONTROL) {
				return "contains a control character " + codePoint(codePoint);
			}
			if (isInvisible(codePoint)) {
				return "contains an invisible character " + codePoint(codePoint);
			}
			i += Character.charCount(codePoint);
		}
		return null;
	}

	/**
	 * Whether a character other than a control character cannot be seen or changes how
	 * the text around it is shown.
	 * @param codePoint the character
	 * @return true for format characters, line and paragraph separators, lone surrogates
	 * and blank letters
	 */
	public static boolean isInvisible(int codePoint) {
		switch (Character.getType(codePoint)) {
			case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE:
				return true;
			default:
				for (int blank : BLANK_LETTERS) {
					if (codePoint == blank) {
						return true;
					}
				}
				return false;
		}
	}

	/**
	 * A text as it is kept and shown when it cannot be refused (a malformed row's cells,
	 * an audit entry): every control character and every invisible one (see
	 * {@link #isInvisible}) as U+FFFD, so that what was received stays visible and cannot
	 * change how the text around it reads.
	 * @param text the text, or null
	 * @return the text with such characters replaced, or null
	 */
	public static String masked(String text) {
		if (text == null || text.codePoints().noneMatch(VisibleText::hidden)) {
			return text;
		}
		return text.codePoints()
			.map((c) -> hidden(c) ? '\uFFFD' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	/**
	 * A value a message quotes back to whoever sent it: cut after {@code max} characters
	 * (with {@code ...}), then {@link #masked}, so that it stays one short line and
	 * cannot turn the sentence around it.
	 * @param text the value as sent
	 * @param max how many of its characters to keep
	 * @return what the message shows of it
	 */
	public static String shown(String text, int max) {
		return masked((text.length() > max) ? text.substring(0, pairSafe(text, max)) + "..." : text);
	}

	/**
	 * A text cut to fit a column or a line of {@code max} UTF-16 units ({@code ...}
	 * included when it is cut), never between the two halves of a character outside the
	 * basic plane (𠮷): half of one is no text, and a strict writer or the database
	 * refuses it. The width is counted as H2 counts a {@code VARCHAR}'s, which is never
	 * more than PostgreSQL's count of characters.
	 * @param text the text, or null
	 * @param max the most units kept, at least 4
	 * @return the text, or its start and {@code ...}
	 */
	public static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		return text.substring(0, pairSafe(text, max - 3)) + "...";
	}

	/** Where a text may end at or before {@code end} without splitting a pair. */
	private static int pairSafe(String text, int end) {
		return (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) ? end - 1 : end;
	}

	private static boolean hidden(int codePoint) {
		return Character.isISOControl(codePoint) || isInvisible(codePoint);
	}

	/**
	 * A character as Unicode names it.
	 * @param codePoint the character
	 * @return for example {@code U+202E} or {@code U+E0041}
	 */
	public static String codePoint(int codePoint) {
		String hex = Integer.toHexString(codePoint).toUpperCase(Locale.ROOT);
		return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
	}

}
