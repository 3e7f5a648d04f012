package io.cardops.domain.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A date as a person or a client types it (the command line's {@code --date}, a page's or
 * the API's address or query): exactly YYYY-MM-DD in the digits 0-9, a real date. Java's
 * ISO parsing also takes a signed year of up to nine digits ({@code +999999999-01-01}),
 * which PostgreSQL cannot hold: a settlement date like that answered 500 there and 404 on
 * H2.
 */
public final class IsoDates {

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private IsoDates() {
	}

	/**
	 * Reads a date.
	 * @param text the value, not null
	 * @return the date
	 * @throws DateTimeParseException when it is not YYYY-MM-DD or not a real date
	 */
	public static LocalDate parse(String text) {
		if (!DATE.matcher(text).matches()) {
			throw new DateTimeParseException("not a date YYYY-MM-DD", text, 0);
		}
		return LocalDate.parse(text);
	}

}
