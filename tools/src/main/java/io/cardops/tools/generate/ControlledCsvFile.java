package io.cardops.tools.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import io.cardops.domain.digest.Sha256;

/**
 * One CSV file written in a single streaming pass (UTF-8, LF line ends, no BOM): it
 * counts its data rows, sums the control column and hashes its bytes as it goes, and on
 * closing writes {@code X.csv.ctl} ({@code records}, {@code sum_fen}, {@code sha256}) as
 * files.md asks of every partner file, last, the way a sender does.
 */
final class ControlledCsvFile implements Closeable {

	private static final int BUFFER = 1 << 16;

	private final Path file;

	private final boolean control;

	private final MessageDigest digest = Sha256.newDigest();

	private final Writer writer;

	private long records;

	private long sumFen;

	/**
	 * Creates the file and writes its header.
	 * @param file the file
	 * @param header the header row, without line end
	 * @param control whether a control file travels with it
	 * @throws IOException when the file cannot be written
	 */
	ControlledCsvFile(Path file, String header, boolean control) throws IOException {
		this.file = file;
		this.control = control;
		this.writer = new BufferedWriter(new OutputStreamWriter(
				new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER), this.digest),
				StandardCharsets.UTF_8), BUFFER);
		this.writer.write(header);
		this.writer.write('\n');
	}

	/**
	 * Writes one data row.
	 * @param row the cells, comma separated, without line end
	 * @param controlFen what the row adds to the control sum
	 * @throws IOException when the file cannot be written
	 */
	void row(CharSequence row, long controlFen) throws IOException {
		this.writer.append(row).append('\n');
		this.records++;
		this.sumFen += controlFen;
	}

	long records() {
		return this.records;
	}

	Path file() {
		return this.file;
	}

	@Override
	public void close() throws IOException {
		this.writer.close();
		if (this.control) {
			Files
				.writeString(
						this.file.resolveSibling(this.file.getFileName() + ".ctl"), "records=" + this.records
								+ "\nsum_fen=" + this.sumFen + "\nsha256=" + Sha256.hex(this.digest) + "\n",
						StandardCharsets.UTF_8);
		}
	}

}
