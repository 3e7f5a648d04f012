package io.cardops.readers.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.cardops.readers.csv.InboundFileException;

/**
 * The control file {@code X.csv.ctl} a sender writes last: how many data rows
 * {@code X.csv} has, the sum of its money column, and the SHA-256 of its bytes (files.md,
 * "Control files").
 *
 * @param records the number of data rows
 * @param sumFen the sum of the file's amount column in fen, an integer of any size
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record ControlFile(long records, BigInteger sumFen, String sha256) {

	private static final List<String> KEYS = List.of("records", "sum_fen", "sha256");

	// records= fits a long; sum_fen= is an integer of any size (files.md).
	private static final Pattern RECORDS = Pattern.compile("[0-9]{1,18}");

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	/** A control file holds three short lines; anything much larger is not one. */
	private static final long MAX_SIZE = 64 * 1024;

	/** The longest value echoed in a message; a longer one is cut. */
	private static final int SHOWN_LENGTH = 24;

	/**
	 * Creates control values with a sum that fits in a long.
	 * @param records the number of data rows
	 * @param sumFen the sum of the file's amount column in fen
	 * @param sha256 lower-case hex SHA-256 of the file
	 */
	public ControlFile(long records, long sumFen, String sha256) {
		this(records, BigInteger.valueOf(sumFen), sha256);
	}

	/**
	 * The control file that travels with a data file.
	 * @param dataFile the data file
	 * @return the path of its control file
	 */
	public static Path of(Path dataFile) {
		return dataFile.resolveSibling(dataFile.getFileName() + ".ctl");
	}

	/**
	 * Reads a control file. Each key is given once, on a line of its own
	 * ({@code key=value}, any order, case-insensitive keys); other lines are ignored.
	 * @param dataFile the data file whose control file is read
	 * @return the control values
	 * @throws InboundFileException when the control file is unreadable, gives a key
	 * twice, lacks one or gives a malformed value (the data file is then rejected whole);
	 * the reason names the control file and the key
	 */
	public static ControlFile read(Path dataFile) {
		Path control = of(dataFile);
		String name = "control file " + control.getFileName();
		List<String> lines;
		try {
			if (Files.size(control) > MAX_SIZE) {
				throw new InboundFileException(dataFile, 0,
						name + " is larger than 64 KiB; it must hold records=, sum_fen= and sha256=");
			}
			lines = Files.readAllLines(control, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new InboundFileException(dataFile, 0, "no " + name);
		}
		catch (CharacterCodingException ex) {
			throw new InboundFileException(dataFile, 0, name + " is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + control, ex);
		}
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, Integer> lineOfKey = new LinkedHashMap<>();
		// readAllLines ends a line at CR, LF or CRLF, as files.md says lines end: the
		// index is the physical line.
		for (int i = 0; i < lines.size(); i++) {
			// A leading byte order mark is accepted on inbound text (files.md, "Common
			// rules").
			String text = ((i == 0) ? lines.get(i).replaceFirst("^\uFEFF", "") : lines.get(i)).strip();
			int equals = text.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = text.substring(0, equals).strip().toLowerCase(Locale.ROOT);
			if (!KEYS.contains(key)) {
				continue;
			}
			Integer earlier = lineOfKey.putIfAbsent(key, i + 1);
			if (earlier != null) {
				throw new InboundFileException(dataFile, 0,
						name + " gives " + key + "= twice (lines " + earlier + " and " + (i + 1) + ")");
			}
			values.put(key, text.substring(equals + 1).strip());
		}
		List<String> missing = new ArrayList<>();
		for (String key : KEYS) {
			if (!values.containsKey(key)) {
				missing.add(key + "=");
			}
		}
		if (!missing.isEmpty()) {
			throw new InboundFileException(dataFile, 0, name + " must give records=, sum_fen= and sha256=; "
					+ String.join(" and ", missing) + ((missing.size() > 1) ? " are" : " is") + " missing");
		}
		String records = values.get("records");
		if (!RECORDS.matcher(records).matches()) {
			throw new InboundFileException(dataFile, 0,
					name + ": records= " + shown(records) + " is not a non-negative integer");
		}
		String sum = values.get("sum_fen");
		if (!INTEGER.matcher(sum).matches()) {
			throw new InboundFileException(dataFile, 0, name + ": sum_fen= " + shown(sum) + " is not an integer");
		}
		String sha = values.get("sha256");
		if (!SHA256.matcher(sha).matches()) {
			throw new InboundFileException(dataFile, 0,
					name + ": sha256= " + shown(sha) + " is not 64 hexadecimal characters");
		}
		return new ControlFile(Long.parseLong(records), new BigInteger(sum), sha.toLowerCase(Locale.ROOT));
	}

	/**
	 * A value as sent, quoted, cut when long, with anything but printable ASCII shown as
	 * {@code ?}: the message goes into a published file.
	 */
	private static String shown(String value) {
		StringBuilder shown = new StringBuilder("'");
		int length = Math.min(value.length(), SHOWN_LENGTH);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			shown.append((c >= 0x20 && c < 0x7F) ? c : '?');
		}
		return shown.append((value.length() > SHOWN_LENGTH) ? "...'" : "'").toString();
	}

	/**
	 * Compares what a file holds with what its control file says.
	 * @param actual what the file holds
	 * @return null when they agree, else the first difference in words
	 */
	public String mismatch(FileTotals actual) {
		if (!this.sha256.equals(actual.sha256())) {
			return "content does not match its control file (sha256 differs)";
		}
		if (this.records != actual.records()) {
			return "control file says records=" + this.records + ", the file has " + actual.records();
		}
		AmountSum sum = actual.sum();
		if (!this.sumFen.equals(sum.readable())) {
			if (sum.unreadable() == 0) {
				return "control file says sum_fen=" + this.sumFen + ", the file sums to " + sum.readable();
			}
			return "control file says sum_fen=" + this.sumFen + "; the file's readable " + sum.column()
					+ " values sum to " + sum.readable() + ", and " + sum.unreadable()
					+ ((sum.unreadable() == 1) ? " row has" : " rows have") + " no readable " + sum.column() + " ("
					+ sum.linesInWords() + ")";
		}
		return null;
	}

}
