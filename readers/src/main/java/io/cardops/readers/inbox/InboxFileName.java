package io.cardops.readers.inbox;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a partner file name, {@code <kind>_<PARTNER>_<YYYYMMDD>_<NN>.csv}; the
 * date is the file's clearing date.
 *
 * @param kind the file kind, for example {@code cardevents}
 * @param partner the sending partner's code
 * @param date the clearing date
 * @param sequence the {@code NN} part
 */
public record InboxFileName(String kind, String partner, LocalDate date, String sequence) {

	private static final Pattern NAME = Pattern.compile("([a-z]+)_([A-Z0-9_]{1,16})_([0-9]{8})_([0-9]{2,4})\\.csv");

	/** The kinds of partner file the jobs read from the inbox (files.md, "Inbound"). */
	public static final List<String> KINDS = List.of("taps", "recharges", "payments", "cardevents");

	/** Any 8 digits between underscores, or before the extension: a date, if real. */
	private static final Pattern DATE_PART = Pattern.compile("(?<=_)([0-9]{8})(?=[_.]|$)");

	/** The rest of a name after its kind: partner, date and sequence. */
	private static final Pattern REST = Pattern.compile("(.+)_([^_]*)_([^_]*)");

	private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	/**
	 * Parses a file name.
	 * @param file the file
	 * @return the parts, empty when the name does not follow the pattern
	 */
	public static Optional<InboxFileName> parse(Path file) {
		Matcher matcher = NAME.matcher(file.getFileName().toString());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new InboxFileName(matcher.group(1), matcher.group(2),
					LocalDate.parse(matcher.group(3), BASIC), matcher.group(4)));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether a name that is not a partner file name was meant as one: it starts with a
	 * kind the jobs read ({@code taps_}, in any case, or its singular) but breaks the
	 * pattern. Control files and names of no kind are not ours and give nothing.
	 * @param file the inbox entry
	 * @return the kind meant, the date the name carries (when one can be read) and which
	 * part is wrong; empty for a good name or one that is plainly not a partner file
	 */
	public static Optional<NearMiss> nearMiss(Path file) {
		String name = file.getFileName().toString();
		if (name.toLowerCase(Locale.ROOT).endsWith(".ctl")) {
			return Optional.empty();
		}
		int underscore = name.indexOf('_');
		if (underscore <= 0) {
			return Optional.empty();
		}
		String prefix = name.substring(0, underscore);
		String kind = kindMeant(prefix);
		if (kind == null) {
			return Optional.empty();
		}
		Optional<InboxFileName> parsed = parse(file);
		if (parsed.isPresent() && parsed.get().kind().equals(kind)) {
			return Optional.empty();
		}
		return Optional.of(new NearMiss(kind, readableDate(name), "the name does not follow " + kind
				+ "_<PARTNER>_<YYYYMMDD>_<NN>.csv: " + wrongPart(name, prefix, kind, underscore)));
	}

	private static String kindMeant(String prefix) {
		String lower = prefix.toLowerCase(Locale.ROOT);
		for (String kind : KINDS) {
			if (lower.equals(kind) || lower.equals(kind.substring(0, kind.length() - 1))) {
				return kind;
			}
		}
		return null;
	}

	private static LocalDate readableDate(String name) {
		Matcher digits = DATE_PART.matcher(name);
		while (digits.find()) {
			try {
				return LocalDate.parse(digits.group(1), BASIC);
			}
			catch (DateTimeParseException ex) {
				// Eight digits that are no date (20261332): no date can be read from
				// them.
			}
		}
		return null;
	}

	private static String wrongPart(String name, String prefix, String kind, int underscore) {
		if (!prefix.equals(kind)) {
			return prefix.equalsIgnoreCase(kind) ? "the kind " + prefix + " must be in lower case, " + kind
					: "the kind must be " + kind + ", not " + prefix;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (!name.endsWith(".csv")) {
			return lower.endsWith(".csv") ? "the extension must be .csv in lower case" : "the name must end in .csv";
		}
		Matcher rest = REST.matcher(name.substring(underscore + 1, name.length() - ".csv".length()));
		if (!rest.matches()) {
			return "a partner code, a date and a sequence number must follow the kind";
		}
		if (rest.group(3).matches("[0-9]{8}")) {
			return "the sequence number (_<NN> after the date) is missing";
		}
		if (!rest.group(1).matches("[A-Z0-9_]{1,16}")) {
			return "the partner code " + rest.group(1) + " must be 1 to 16 of A-Z, 0-9 and _ (upper case)";
		}
		if (!rest.group(2).matches("[0-9]{8}")) {
			return "the date " + rest.group(2) + " must be YYYYMMDD";
		}
		try {
			LocalDate.parse(rest.group(2), BASIC);
		}
		catch (DateTimeParseException ex) {
			return "the date " + rest.group(2) + " is not a real date";
		}
		return "the sequence number " + rest.group(3) + " must be 2 to 4 digits";
	}

	/**
	 * A name meant as a partner file's that breaks the pattern.
	 *
	 * @param kind the kind meant, for example {@code taps}
	 * @param date the clearing date the name carries, or null when none can be read
	 * @param reason which part of the name is wrong
	 */
	public record NearMiss(String kind, LocalDate date, String reason) {
	}

}
