package io.cardops.writers.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.money.Money;

/**
 * Writes one outbound CSV file: UTF-8 with a BOM, CRLF line ends, a header row, text
 * cells guarded against spreadsheet formula injection, written under a temporary name and
 * renamed into place with its {@code .ctl} ({@code records}, {@code sha256}) so that a
 * reader never sees half a file.
 *
 * <p>
 * Cells are typed: a {@link String} is text (guarded), a {@link Number} or
 * {@link LocalDate} is written as is, and {@link #yuan(long)} turns fen into a yuan
 * amount with two decimals.
 */
public final class OutboundCsvWriter implements AutoCloseable {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

	private final Path target;

	private final Path temporary;

	private final MessageDigest sha256;

	private final CSVPrinter printer;

	private long records;

	private String finishedSha256;

	private boolean published;

	private OutboundCsvWriter(Path target, List<String> header) throws IOException {
		this.target = target;
		Files.createDirectories(target.toAbsolutePath().getParent());
		this.temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
		this.sha256 = Sha256.newDigest();
		OutputStream out = new DigestOutputStream(Files.newOutputStream(this.temporary), this.sha256);
		BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
		writer.write('\uFEFF');
		this.printer = new CSVPrinter(writer, FORMAT);
		this.printer.printRecord(header);
	}

	/**
	 * Starts a file; nothing is visible under the target name until {@link #publish()}.
	 * @param target the final path
	 * @param header the column names
	 * @return the writer
	 */
	public static OutboundCsvWriter create(Path target, List<String> header) {
		try {
			return new OutboundCsvWriter(target, header);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + target, ex);
		}
	}

	/**
	 * A money cell: fen shown as yuan with exactly two decimals.
	 * @param fen the amount in fen
	 * @return the cell
	 */
	public static Yuan yuan(long fen) {
		return new Yuan(fen);
	}

	/**
	 * Writes one data row.
	 * @param cells the cells, typed as the class comment says
	 */
	public void row(Object... cells) {
		Object[] printed = new Object[cells.length];
		for (int i = 0; i < cells.length; i++) {
			printed[i] = cell(cells[i]);
		}
		try {
			this.printer.printRecord(printed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.temporary, ex);
		}
		this.records++;
	}

	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Yuan yuan) {
			return Money.yuan(yuan.fen());
		}
		if (value instanceof Number || value instanceof LocalDate) {
			return value.toString();
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			// A spreadsheet would run it as a formula; the quote makes it plain text.
			return "'" + text;
		}
		return text;
	}

	/**
	 * The SHA-256 of the bytes written so far, without finishing the file: a job compares
	 * it with what it published before to decide whether anything changed.
	 * @return the lower-case hex SHA-256
	 */
	public String sha256() {
		try {
			this.printer.flush();
			return Sha256.hex((MessageDigest) this.sha256.clone());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.temporary, ex);
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 digests can be cloned on every supported JVM", ex);
		}
	}

	/**
	 * The final path of the file.
	 * @return the path it is published under
	 */
	public Path target() {
		return this.target;
	}

	/**
	 * Writes the rest of the file and its control file, both still under their temporary
	 * names: what can fail for want of room fails here. A job publishing several files
	 * that belong together finishes every one before it publishes any, so that a full
	 * disk leaves none of them in place.
	 */
	public void finish() {
		if (this.finishedSha256 != null) {
			return;
		}
		try {
			this.printer.close(true);
			String sha = Sha256.hex(this.sha256);
			Files.writeString(controlTemporary(), "records=" + this.records + "\nsha256=" + sha + "\n",
					StandardCharsets.UTF_8);
			this.finishedSha256 = sha;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.temporary, ex);
		}
	}

	/**
	 * Finishes the file if it is not yet, then moves it and its control file into place.
	 * @return what was published
	 */
	public Published publish() {
		finish();
		try {
			moveIntoPlace(this.temporary, this.target);
			moveIntoPlace(controlTemporary(), control());
			this.published = true;
			return new Published(this.target, this.records, this.finishedSha256);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot publish " + this.target, ex);
		}
	}

	private Path control() {
		return this.target.resolveSibling(this.target.getFileName() + ".ctl");
	}

	private Path controlTemporary() {
		return this.target.resolveSibling("." + this.target.getFileName() + ".ctl.tmp");
	}

	private static void moveIntoPlace(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Abandons the file unless it was published; its temporary files are removed.
	 */
	@Override
	public void close() {
		if (this.published) {
			return;
		}
		try {
			// Not flushed: what is abandoned need not be written, and a disk that was
			// full when it was (the failure being answered) would refuse it again.
			this.printer.close(false);
		}
		catch (IOException ex) {
			// the stream is closed all the same (or was already)
		}
		try {
			Files.deleteIfExists(this.temporary);
			Files.deleteIfExists(controlTemporary());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + this.temporary, ex);
		}
	}

	/**
	 * Removes a published file and its control file, if present (a later run decided it
	 * no longer applies).
	 * @param target the published path
	 */
	public static void withdraw(Path target) {
		try {
			Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".ctl"));
			Files.deleteIfExists(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + target, ex);
		}
	}

	/**
	 * An amount in fen to be written as yuan.
	 *
	 * @param fen the amount in fen
	 */
	public record Yuan(long fen) {
	}

	/**
	 * A published file.
	 *
	 * @param path where it is
	 * @param records its data rows
	 * @param sha256 the lower-case hex SHA-256 of its bytes
	 */
	public record Published(Path path, long records, String sha256) {
	}

}
