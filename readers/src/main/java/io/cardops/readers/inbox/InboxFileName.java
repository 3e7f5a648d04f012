package io.cardops.readers.inbox;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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

}
