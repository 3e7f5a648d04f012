package io.cardops.domain.identity;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks identity numbers by document type and normalizes them for hashing.
 *
 * <p>
 * A reason for refusing a number never repeats any part of it (its birth date, its check
 * character or the one expected): identity numbers and their parts never reach a file,
 * page or log.
 */
public final class IdNumbers {

	/**
	 * A resident identity number in a text, written in any script's decimal digits (a
	 * number typed in full-width digits, １１０１…, is still the number) and an ASCII or
	 * full-width X.
	 */
	private static final Pattern NUMBER_IN_TEXT = Pattern
		.compile("(?<!\\p{Nd})(?:\\p{Nd}{17}[\\p{Nd}Xx\uFF38\uFF58]|\\p{Nd}{15})(?!\\p{Nd})");

	private static final int RESIDENT_ID_LENGTH = 18;

	/**
	 * GB 11643-1999 weights of the first 17 digits, {@code 2^(17 - i) mod 11}.
	 */
	private static final int[] RESIDENT_ID_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	/**
	 * Check character for each weighted sum modulo 11 (ISO 7064 MOD 11-2, X standing for
	 * 10).
	 */
	private static final String RESIDENT_ID_CHECK_CHARACTERS = "10X98765432";

	private static final int EARLIEST_BIRTH_YEAR = 1900;

	private static final int OTHER_MIN_LENGTH = 5;

	private static final int OTHER_MAX_LENGTH = 20;

	private IdNumbers() {
	}

	/**
	 * Checks an identity number without a date to judge its birth date against: as
	 * {@link #check(IdType, String, LocalDate)} except that a birth date in the future is
	 * not refused. For numbers that are already known good (generated test data); a
	 * roster row is checked against its file's date.
	 * @param type the document type
	 * @param raw the number as received, already trimmed by the caller; may be
	 * {@code null}
	 * @return the normalized number, or the reason it was refused
	 */
	public static IdNumberCheck check(IdType type, String raw) {
		return check(type, raw, LocalDate.MAX);
	}

	/**
	 * Checks an identity number. A resident ID must be 17 digits and a check character
	 * (digit or X, a lower-case x is accepted and normalized to X) that matches GB 11643,
	 * with a real birth date from 1900 on and not after {@code asOf}; other types must be
	 * 5 to 20 of A-Z and 0-9.
	 * @param type the document type
	 * @param raw the number as received, already trimmed by the caller; may be
	 * {@code null}
	 * @param asOf the date the number is judged on (a roster's file date): a birth date
	 * after it is refused
	 * @return the normalized number, or the reason it was refused
	 */
	public static IdNumberCheck check(IdType type, String raw, LocalDate asOf) {
		if (raw == null || raw.isEmpty()) {
			return IdNumberCheck.refused("is required");
		}
		return (type == IdType.RESIDENT_ID) ? checkResidentId(raw, asOf) : checkOther(raw);
	}

	/**
	 * Masks what looks like a resident identity number (18 characters: 17 digits and a
	 * digit or X; or the old 15 digits; in ASCII, full-width or any script's digits) in a
	 * text that is shown back to someone: each is replaced by asterisks but for its last
	 * 4 characters, the part support staff may see. Used on text copied from an inbound
	 * file into a message or a rejects file (a student_no cell, a column name), where
	 * such a number does not belong.
	 * @param text the text, or null
	 * @return the text with each such number masked, or null
	 */
	public static String redact(String text) {
		if (text == null || text.length() < 15) {
			return text;
		}
		Matcher matcher = NUMBER_IN_TEXT.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		int from = 0;
		do {
			// Counted in code points: a digit outside the basic plane is one character.
			String number = matcher.group();
			int kept = number.offsetByCodePoints(number.length(), -4);
			masked.append(text, from, matcher.start())
				.append("*".repeat(number.codePointCount(0, kept)))
				.append(number, kept, number.length());
			from = matcher.end();
		}
		while (matcher.find());
		return masked.append(text, from, text.length()).toString();
	}

	/**
	 * Returns the last 4 characters of a normalized number, kept in clear so that support
	 * staff can tell a student's documents apart without seeing the number.
	 * @param normalized a normalized number
	 * @return its last 4 characters, or the whole number when it is shorter
	 */
	public static String last4(String normalized) {
		return (normalized.length() <= 4) ? normalized : normalized.substring(normalized.length() - 4);
	}

	private static IdNumberCheck checkResidentId(String raw, LocalDate asOf) {
		if (raw.length() != RESIDENT_ID_LENGTH) {
			return IdNumberCheck.refused("must be 18 characters");
		}
		for (int i = 0; i < RESIDENT_ID_LENGTH - 1; i++) {
			if (!isAsciiDigit(raw.charAt(i))) {
				return IdNumberCheck.refused("first 17 characters must be digits");
			}
		}
		char given = Character.toUpperCase(raw.charAt(RESIDENT_ID_LENGTH - 1));
		if (!isAsciiDigit(given) && given != 'X') {
			return IdNumberCheck.refused("last character must be a digit or X");
		}
		int birthYear = Integer.parseInt(raw.substring(6, 10));
		int birthMonth = Integer.parseInt(raw.substring(10, 12));
		int birthDay = Integer.parseInt(raw.substring(12, 14));
		// The reasons name the part that is wrong, never its digits.
		if (!isCalendarDate(birthYear, birthMonth, birthDay)) {
			return IdNumberCheck.refused("birth date not a real date");
		}
		if (birthYear < EARLIEST_BIRTH_YEAR) {
			return IdNumberCheck.refused("birth date before 1900");
		}
		if (LocalDate.of(birthYear, birthMonth, birthDay).isAfter(asOf)) {
			return IdNumberCheck.refused("birth date in the future");
		}
		if (given != residentIdCheckCharacter(raw)) {
			return IdNumberCheck.refused("check character wrong");
		}
		return IdNumberCheck.accepted(raw.substring(0, RESIDENT_ID_LENGTH - 1) + given);
	}

	/**
	 * The GB 11643-1999 (ISO 7064 MOD 11-2) check character of a resident identity
	 * number.
	 * @param digits at least the first 17 characters of the number, all ASCII digits
	 * @return the check character, {@code 0}-{@code 9} or {@code X}
	 */
	public static char residentIdCheckCharacter(String digits) {
		int sum = 0;
		for (int i = 0; i < RESIDENT_ID_WEIGHTS.length; i++) {
			sum += (digits.charAt(i) - '0') * RESIDENT_ID_WEIGHTS[i];
		}
		return RESIDENT_ID_CHECK_CHARACTERS.charAt(sum % 11);
	}

	private static boolean isCalendarDate(int year, int month, int day) {
		if (month < 1 || month > 12 || day < 1) {
			return false;
		}
		return day <= YearMonth.of(year, month).lengthOfMonth();
	}

	private static IdNumberCheck checkOther(String raw) {
		if (raw.length() < OTHER_MIN_LENGTH || raw.length() > OTHER_MAX_LENGTH) {
			return IdNumberCheck.refused("must be 5-20 of A-Z 0-9");
		}
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (!isAsciiDigit(c) && (c < 'A' || c > 'Z')) {
				return IdNumberCheck.refused("must be 5-20 of A-Z 0-9");
			}
		}
		return IdNumberCheck.accepted(raw);
	}

	private static boolean isAsciiDigit(char c) {
		// Character.isDigit would also accept full-width and other scripts' digits.
		return c >= '0' && c <= '9';
	}

}
