package io.cardops.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.text.VisibleText;
import io.cardops.readers.csv.StrictTextReader.MalformedTextException;

/**
 * One inbound CSV file read as files.md's common rules say: RFC 4180, a header row with
 * case-insensitive names in any order, unknown columns ignored with a warning, blank
 * lines skipped, every row carrying its physical line number.
 *
 * <p>
 * Problems that make the whole file unusable are raised as {@link InboundFileException},
 * naming the file and line: undecodable bytes, a missing required column, a duplicated
 * column (named with both positions), a header that starts with a byte order mark after
 * the one a file may begin with, an empty file.
 */
public final class InboundCsv implements Iterable<InboundRow>, AutoCloseable {

	/** Longest physical line accepted; a longer one is garbage, not a roster row. */
	public static final int MAX_LINE_LENGTH = 64 * 1024;

	/**
	 * How many unknown columns a header's warnings name one by one; the rest are counted.
	 * The warnings are kept with the file's record and shown on its pages.
	 */
	static final int WARNED_COLUMNS = 10;

	/**
	 * How much of an unknown column's name a warning shows.
	 */
	private static final int SHOWN_NAME = 64;

	// Empty lines are not ignored by the parser: it would give the next record the
	// position of the
	// first empty line. They come back as blank records, which the iteration skips.
	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setIgnoreEmptyLines(false)
		.setIgnoreSurroundingSpaces(false)
		.get();

	private static final char BOM = '\uFEFF';

	private static final Pattern CSV_LINE = Pattern
		.compile("\\(startline ([0-9,]+)\\)|at line: ([0-9,]+)(, position: [0-9,]+)?");

	private final Path file;

	private final StrictTextReader text;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final Map<String, Integer> columns;

	private final List<String> warnings;

	private final int width;

	private InboundCsv(Path file, StrictTextReader text, CSVParser parser, Map<String, Integer> columns,
			List<String> warnings, int width) {
		this.file = file;
		this.text = text;
		this.parser = parser;
		this.records = parser.iterator();
		this.columns = columns;
		this.warnings = warnings;
		this.width = width;
	}

	/**
	 * Opens a file and checks its header.
	 * @param file the file
	 * @param in its bytes (closed with this reader)
	 * @param charset the declared charset
	 * @param required the column names that must be present (lower case)
	 * @param known every column name of the format (lower case); others are warned about
	 * @return the open reader, positioned before the first data row
	 */
	public static InboundCsv open(Path file, InputStream in, Charset charset, Collection<String> required,
			Collection<String> known) {
		StrictTextReader text = new StrictTextReader(in, charset, MAX_LINE_LENGTH);
		CSVParser parser;
		CSVRecord header;
		try {
			parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
			Iterator<CSVRecord> it = parser.iterator();
			header = nextRecord(file, text, parser, it);
			while (header != null && isBlank(header)) {
				header = nextRecord(file, text, parser, it);
			}
		}
		catch (IOException ex) {
			closeQuietly(text);
			throw failure(file, ex, 0);
		}
		catch (InboundFileException ex) {
			closeQuietly(text);
			throw ex;
		}
		if (header == null) {
			closeQuietly(text);
			throw new InboundFileException(file, 0, "file is empty (no header row)");
		}
		long headerLine = text.lineOf(header.getCharacterPosition());
		if (header.get(0).startsWith(String.valueOf(BOM))) {
			// Exported twice through a tool that adds a BOM: the first name would read as
			// a column nobody knows and the real one as missing.
			closeQuietly(text);
			throw new InboundFileException(file, 0, "line " + headerLine + " starts with a "
					+ (text.droppedBom() ? "second " : "") + "byte order mark (U+FEFF)");
		}
		Map<String, Integer> columns = new HashMap<>();
		List<String> warnings = new ArrayList<>();
		int unknown = 0;
		Set<String> knownNames = new LinkedHashSet<>(known);
		for (int i = 0; i < header.size(); i++) {
			// Stripped as cells are, the ideographic space included.
			String name = header.get(i).strip().toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			Integer first = columns.putIfAbsent(name, i);
			if (first != null) {
				closeQuietly(text);
				throw new InboundFileException(file, headerLine, "column " + shown(name)
						+ " appears twice in the header (columns " + (first + 1) + " and " + (i + 1) + ")");
			}
			if (!knownNames.contains(name)) {
				unknown++;
				if (unknown <= WARNED_COLUMNS) {
					warnings.add(file.getFileName() + ": line " + headerLine + ": unknown column " + shown(name)
							+ " ignored");
				}
			}
		}
		if (unknown > WARNED_COLUMNS) {
			warnings.add(file.getFileName() + ": line " + headerLine + ": " + (unknown - WARNED_COLUMNS)
					+ " more unknown columns ignored");
		}
		List<String> missing = required.stream().filter((name) -> !columns.containsKey(name)).toList();
		if (!missing.isEmpty() && columns.keySet().stream().noneMatch(knownNames::contains)) {
			closeQuietly(text);
			// A file without its header row: the first line is a record, whose cells
			// (a passport number, a name) are not column names to repeat anywhere.
			throw new InboundFileException(file, headerLine,
					"no header row: the line names none of the file's columns, and the required "
							+ String.join(", ", missing) + " are missing; the file must start with its header row");
		}
		if (!missing.isEmpty()) {
			closeQuietly(text);
			// The unknown columns go with the refusal: a misspelt name is usually both.
			throw new InboundFileException(file, headerLine,
					"missing required column" + ((missing.size() > 1) ? "s " : " ") + String.join(", ", missing),
					warnings);
		}
		return new InboundCsv(file, text, parser, Collections.unmodifiableMap(columns), warnings, header.size());
	}

	/**
	 * An unknown column's name as a warning shows it: identity numbers redacted, control
	 * and invisible characters masked (a NUL cannot be stored in PostgreSQL's text), a
	 * long name cut.
	 */
	private static String shown(String name) {
		String redacted = VisibleText.masked(IdNumbers.redact(name));
		return (redacted.length() <= SHOWN_NAME) ? redacted : redacted.substring(0, SHOWN_NAME) + "...";
	}

	private static CSVRecord nextRecord(Path file, StrictTextReader text, CSVParser parser, Iterator<CSVRecord> it) {
		// The parser has read up to the end of the record before; a record that breaks
		// its quoting started on the line after it (the iterator reads no further ahead).
		long recordStart = parser.getCurrentLineNumber() + 1;
		try {
			return it.hasNext() ? it.next() : null;
		}
		catch (UncheckedIOException ex) {
			throw failure(file, ex.getCause(), recordStart);
		}
		catch (IllegalStateException ex) {
			// Commons CSV reports an unterminated quoted field this way.
			throw new InboundFileException(file, text.lineOf(Long.MAX_VALUE), "cannot be parsed as CSV: "
					+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()));
		}
	}

	private static InboundFileException failure(Path file, IOException ex, long recordStart) {
		if (ex instanceof MalformedTextException malformed) {
			return new InboundFileException(file, malformed.line(), malformed.getMessage());
		}
		if (ex.getCause() instanceof MalformedTextException malformed) {
			return new InboundFileException(file, malformed.line(), malformed.getMessage());
		}
		if (ex instanceof CSVException) {
			// Commons CSV counts physical lines of the decoded text, as we do:
			// "(startline 2) EOF reached..."
			// or "Invalid character ... at line: 5, position: 10".
			Matcher located = CSV_LINE.matcher(ex.getMessage());
			long line = 0;
			if (located.find()) {
				String number = (located.group(1) != null) ? located.group(1) : located.group(2);
				line = Long.parseLong(number.replace(",", ""));
			}
			String reason = CSV_LINE.matcher(ex.getMessage()).replaceAll("").strip();
			return new InboundFileException(file, line, "not valid CSV: " + plainWords(reason, recordStart, line));
		}
		return new InboundFileException(file, 0, "cannot be read: " + ex.getMessage());
	}

	/**
	 * The parser's words for a broken quote, said as what to look for in the file.
	 * @param reason the parser's words
	 * @param recordStart the line the broken record started on, 0 when not known
	 * @param line the line the parser stopped on
	 */
	static String plainWords(String reason, long recordStart, long line) {
		if (reason.startsWith("EOF reached before encapsulated token finished")) {
			return "a double quote (\") opens a quoted field on this line that is never closed: the rest of the"
					+ " file was read as one field; remove the stray quote or close the field";
		}
		if (reason.startsWith("Invalid character between encapsulated token and delimiter")) {
			if (recordStart > 0 && recordStart < line) {
				// The row began many lines before where the parser stopped: the stray
				// quote is usually on its first line.
				return "a quoted field closes on this line and other text follows it before the next comma: the row"
						+ " began on line " + recordStart + ", and a stray double quote (\") there or after it opened"
						+ " the field; remove it, or write a quote inside a quoted field as two (\"\")";
			}
			return "a quoted field closes on this line and other text follows it before the next comma: a stray"
					+ " double quote (\") on this line or one before it opened the field; remove it, or write a quote"
					+ " inside a quoted field as two (\"\")";
		}
		return reason;
	}

	private static boolean isBlank(CSVRecord record) {
		return record.size() == 1 && record.get(0).isBlank();
	}

	private static void closeQuietly(StrictTextReader text) {
		try {
			text.close();
		}
		catch (IOException ex) {
			// Closing after a failure; the failure is what the caller reports.
		}
	}

	/**
	 * Whether the header has a column.
	 * @param name the lower-case name
	 * @return true when present
	 */
	public boolean hasColumn(String name) {
		return this.columns.containsKey(name);
	}

	/**
	 * The number of cells in the header row.
	 * @return the width of a well-formed row
	 */
	public int width() {
		return this.width;
	}

	/**
	 * Warnings about the header (unknown columns).
	 * @return the warnings, each naming the file and line
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	@Override
	public Iterator<InboundRow> iterator() {
		return new Iterator<>() {

			private InboundRow next = advance();

			@Override
			public boolean hasNext() {
				return this.next != null;
			}

			@Override
			public InboundRow next() {
				if (this.next == null) {
					throw new NoSuchElementException();
				}
				InboundRow row = this.next;
				this.next = advance();
				return row;
			}

		};
	}

	private InboundRow advance() {
		CSVRecord record = nextRecord(this.file, this.text, this.parser, this.records);
		while (record != null && isBlank(record)) {
			record = nextRecord(this.file, this.text, this.parser, this.records);
		}
		if (record == null) {
			return null;
		}
		return new InboundRow(this.text.lineOf(record.getCharacterPosition()), record, this.columns);
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

}
