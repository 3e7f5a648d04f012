package io.cardops.readers.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole inbound file is unusable (undecodable bytes, a missing column, no data
 * rows...); nothing of it may be loaded.
 */
public class InboundFileException extends RuntimeException {

	private final String fileName;

	private final long line;

	private final String reason;

	private final List<String> warnings;

	/**
	 * Creates the exception.
	 * @param file the file
	 * @param line the physical line (1 = header), or 0 when the problem is not on one
	 * line
	 * @param reason what is wrong, in words the sender understands
	 */
	public InboundFileException(Path file, long line, String reason) {
		this(file, line, reason, List.of());
	}

	/**
	 * Creates the exception with what the file was warned about before it was refused.
	 * @param file the file
	 * @param line the physical line (1 = header), or 0 when the problem is not on one
	 * line
	 * @param reason what is wrong, in words the sender understands
	 * @param warnings the warnings, each naming the file and line (unknown columns
	 * ignored)
	 */
	public InboundFileException(Path file, long line, String reason, List<String> warnings) {
		super(describe(file.getFileName().toString(), line, reason));
		this.fileName = file.getFileName().toString();
		this.line = line;
		this.reason = reason;
		this.warnings = List.copyOf(warnings);
	}

	private static String describe(String fileName, long line, String reason) {
		return (line > 0) ? fileName + ": line " + line + ": " + reason : fileName + ": " + reason;
	}

	/**
	 * The file name without its folder.
	 * @return the file name
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * The physical line of the problem.
	 * @return the line, 0 when the problem concerns the whole file
	 */
	public long line() {
		return this.line;
	}

	/**
	 * The reason with its line but without the file name, for messages that name the file
	 * already.
	 * @return for example {@code line 1: missing required column id_no}
	 */
	public String locatedReason() {
		return (this.line > 0) ? "line " + this.line + ": " + this.reason : this.reason;
	}

	/**
	 * The located reason followed by the warnings, for a record of the refusal that the
	 * sender reads: a column refused as missing is often one sent under another name.
	 * @return for example
	 * {@code line 1: missing required column id_no; roster_X.csv: line
	 * 1: unknown column idno ignored}
	 */
	public String locatedReasonAndWarnings() {
		return this.warnings.isEmpty() ? locatedReason() : locatedReason() + "; " + String.join("; ", this.warnings);
	}

	/**
	 * What the file was warned about before it was refused.
	 * @return the warnings, each naming the file and line
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	/**
	 * The reason without the file name and line.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
