package io.cardops.readers.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cardops.readers.csv.InboundFileException;

/**
 * The control file {@code X.csv.ctl} a sender writes last: how many data rows
 * {@code X.csv} has, the sum of its money column, and the SHA-256 of its bytes (files.md,
 * "Control files").
 *
 * @param records the number of data rows
 * @param sumFen the sum of the file's amount column in fen
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record ControlFile(long records, long sumFen, String sha256) {

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/**
	 * The control file that travels with a data file.
	 * @param dataFile the data file
	 * @return the path of its control file
	 */
	public static Path of(Path dataFile) {
		return dataFile.resolveSibling(dataFile.getFileName() + ".ctl");
	}

	/**
	 * Reads a control file.
	 * @param dataFile the data file whose control file is read
	 * @return the control values
	 * @throws InboundFileException when the control file is unreadable or incomplete (the
	 * data file is then rejected whole)
	 */
	public static ControlFile read(Path dataFile) {
		Path control = of(dataFile);
		List<String> lines;
		try {
			lines = Files.readAllLines(control, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new InboundFileException(dataFile, 0, "no control file " + control.getFileName());
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			throw new InboundFileException(dataFile, 0, "control file " + control.getFileName() + " is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + control, ex);
		}
		Map<String, String> values = new HashMap<>();
		for (String line : lines) {
			// A leading byte order mark is accepted on inbound text (files.md, "Common
			// rules").
			String text = line.replace("\uFEFF", "").strip();
			int equals = text.indexOf('=');
			if (equals > 0) {
				values.put(text.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT),
						text.substring(equals + 1).strip());
			}
		}
		String records = values.getOrDefault("records", "");
		String sum = values.getOrDefault("sum_fen", "");
		String sha = values.getOrDefault("sha256", "").toLowerCase(java.util.Locale.ROOT);
		if (!INTEGER.matcher(records).matches() || !INTEGER.matcher(sum).matches() || !SHA256.matcher(sha).matches()) {
			throw new InboundFileException(dataFile, 0,
					"control file " + control.getFileName() + " must give records=, sum_fen= and sha256=");
		}
		return new ControlFile(Long.parseLong(records), Long.parseLong(sum), sha);
	}

	/**
	 * Compares what a file holds with what its control file says.
	 * @param actual what the file holds
	 * @return null when they agree, else the first difference in words
	 */
	public String mismatch(ControlFile actual) {
		if (!this.sha256.equals(actual.sha256())) {
			return "content does not match its control file (sha256 differs)";
		}
		if (this.records != actual.records()) {
			return "control file says records=" + this.records + ", the file has " + actual.records();
		}
		if (this.sumFen != actual.sumFen()) {
			return "control file says sum_fen=" + this.sumFen + ", the file sums to " + actual.sumFen();
		}
		return null;
	}

}
