package io.cardops.readers.csv;

import java.nio.file.Path;

/**
 * A whole inbound file is unusable (undecodable bytes, a missing column, no data
 * rows...); nothing of it may be loaded.
 */
public class InboundFileException extends RuntimeException {

	private final String fileName;

	private final long line;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param file the file
	 * @param line the physical line (1 = header), or 0 when the problem is not on one
	 * line
	 * @param reason what is wrong, in words the sender understands
	 */
	public InboundFileException(Path file, long line, String reason) {
		super(describe(file.getFileName().toString(), line, reason));
		this.fileName = file.getFileName().toString();
		this.line = line;
		this.reason = reason;
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
	 * The reason without the file name and line.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
