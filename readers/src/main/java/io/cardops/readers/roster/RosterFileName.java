package io.cardops.readers.roster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a roster file name, {@code roster_<INSTITUTION>_<YYYYMMDD>.csv}.
 *
 * @param institution the institution code
 * @param date the file's date (its clearing date)
 */
public record RosterFileName(String institution, LocalDate date) {

	private static final Pattern NAME = Pattern.compile("roster_([A-Z0-9_]{1,16})_([0-9]{8})\\.csv");

	private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	/**
	 * Parses a file name.
	 * @param file the file
	 * @return the parts, empty when the name does not follow the pattern
	 */
	public static Optional<RosterFileName> parse(Path file) {
		return parse(file.getFileName().toString());
	}

	/**
	 * Parses a file name as a client sent it, before anything is stored: a name with a
	 * folder, a parent reference or any character outside the pattern does not match.
	 * @param name the name
	 * @return the parts, empty when the name does not follow the pattern
	 */
	public static Optional<RosterFileName> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new RosterFileName(matcher.group(1), LocalDate.parse(matcher.group(2), BASIC)));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The date part of a name that has a roster name's shape but whose date is not one of
	 * the calendar ({@code roster_UCAS_20260230.csv}), for a refusal to name it.
	 * @param name the name as sent
	 * @return its eight digits, empty when the name is not of that shape or its date is
	 * real
	 */
	public static Optional<String> impossibleDate(String name) {
		Matcher matcher = (name != null) ? NAME.matcher(name) : null;
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		try {
			LocalDate.parse(matcher.group(2), BASIC);
			return Optional.empty();
		}
		catch (DateTimeParseException ex) {
			return Optional.of(matcher.group(2));
		}
	}

	/**
	 * The canonical file name of these parts, as the server stores an upload.
	 * @return {@code roster_<INSTITUTION>_<YYYYMMDD>.csv}
	 */
	public String fileName() {
		return "roster_" + this.institution + "_" + BASIC.format(this.date) + ".csv";
	}

}
