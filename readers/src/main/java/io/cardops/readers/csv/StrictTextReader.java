package io.cardops.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes strictly in a declared charset, drops a leading byte order mark, counts
 * physical lines and refuses absurdly long lines.
 *
 * <p>
 * The JDK's {@code InputStreamReader} can neither say on which line a bad byte was nor
 * guarantee that the characters before it were delivered; this reader decodes itself so
 * both are exact. It also keeps the positions of line breaks that the CSV parser has read
 * ahead, so that {@link #lineOf(long)} maps a record's character position to its physical
 * line (the header is line 1; blank lines count).
 *
 * <p>
 * A line ends in CRLF, LF or a lone CR (files.md, "Common rules"), as the CSV parser also
 * reads them: CR and LF each end a line, except an LF right after a CR, which completes
 * the same line end, even when the CR was the last character of one read and the LF is
 * the first of the next.
 */
public final class StrictTextReader extends Reader {

	private static final char BOM = '\uFEFF';

	private final InputStream in;

	/** How many bytes tell a workbook from text: an OLE2 file's signature. */
	private static final int WORKBOOK_START = 8;

	private final CharsetDecoder decoder;

	private final int maxLineLength;

	private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);

	private final CharBuffer chars = CharBuffer.allocate(64 * 1024);

	private long delivered;

	private boolean first = true;

	private boolean endOfInput;

	private long newlinesDelivered;

	private long lineLength;

	// Whether the last character delivered was a CR: an LF right after it ends no line.
	private boolean afterCarriageReturn;

	private boolean droppedBom;

	private boolean startLooked;

	// Positions of line breaks delivered but not yet consumed by lineOf(); bounded by the
	// parser's
	// read-ahead because lineOf() is called with increasing positions.
	private long[] pendingBreaks = new long[1024];

	private int pendingHead;

	private int pendingTail;

	private long breaksConsumed;

	/**
	 * Creates a reader.
	 * @param in the bytes
	 * @param charset the declared charset
	 * @param maxLineLength the longest physical line accepted, in characters
	 */
	public StrictTextReader(InputStream in, Charset charset, int maxLineLength) {
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.maxLineLength = maxLineLength;
		this.bytes.flip();
		this.chars.flip();
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!this.chars.hasRemaining() && !fill()) {
			return -1;
		}
		int count = Math.min(length, this.chars.remaining());
		this.chars.get(target, offset, count);
		boolean afterCr = this.afterCarriageReturn;
		for (int i = offset; i < offset + count; i++) {
			char c = target[i];
			if (c == '\r' || (c == '\n' && !afterCr)) {
				recordBreak(this.delivered + (i - offset));
				this.newlinesDelivered++;
				this.lineLength = 0;
			}
			else if (c != '\n' && ++this.lineLength > this.maxLineLength) {
				throw new MalformedTextException(this.newlinesDelivered + 1,
						"line is longer than " + this.maxLineLength + " characters");
			}
			afterCr = c == '\r';
		}
		this.afterCarriageReturn = afterCr;
		this.delivered += count;
		return count;
	}

	private boolean fill() throws IOException {
		this.chars.clear();
		try {
			while (this.chars.position() == 0) {
				if (!this.bytes.hasRemaining() && this.endOfInput) {
					CoderResult flush = this.decoder.flush(this.chars);
					checkResult(flush);
					break;
				}
				this.bytes.compact();
				int n = this.endOfInput ? -1
						: this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
				if (n < 0) {
					this.endOfInput = true;
				}
				else {
					this.bytes.position(this.bytes.position() + n);
				}
				this.bytes.flip();
				if (!this.startLooked && (this.bytes.remaining() >= WORKBOOK_START || this.endOfInput)) {
					this.startLooked = true;
					refuseAWorkbook(this.bytes);
				}
				CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
				checkResult(result);
				if (this.endOfInput && !this.bytes.hasRemaining()) {
					checkResult(this.decoder.flush(this.chars));
					break;
				}
			}
		}
		finally {
			this.chars.flip();
		}
		if (this.first && this.chars.hasRemaining() && this.chars.get(this.chars.position()) == BOM) {
			this.chars.get();
			this.droppedBom = true;
		}
		this.first = false;
		return this.chars.hasRemaining();
	}

	/**
	 * A spreadsheet saved under a .csv name (an .xlsx is a zip, an .xls an OLE2 compound
	 * file) is refused as what it is, not as bytes of the wrong charset: choosing another
	 * charset would never help, saving it as CSV does.
	 */
	private static void refuseAWorkbook(ByteBuffer start) throws MalformedTextException {
		int at = start.position();
		boolean zip = start.remaining() >= 4 && start.get(at) == 'P' && start.get(at + 1) == 'K'
				&& start.get(at + 2) == 3 && start.get(at + 3) == 4;
		boolean ole2 = start.remaining() >= 8 && (start.getLong(at) == 0xD0CF11E0A1B11AE1L);
		if (zip || ole2) {
			throw new MalformedTextException(1,
					"the file is not CSV text but a spreadsheet workbook ("
							+ (zip ? "Excel .xlsx, or a zip" : "Excel .xls")
							+ "): open it in the spreadsheet program, save it as CSV (UTF-8), and send that file");
		}
	}

	private void checkResult(CoderResult result) throws MalformedTextException {
		if (result.isError()) {
			// Count the line ends among the characters decoded before the bad byte, as
			// read() will.
			long line = this.newlinesDelivered + 1;
			boolean afterCr = this.afterCarriageReturn;
			for (int i = 0; i < this.chars.position(); i++) {
				char c = this.chars.get(i);
				if (c == '\r' || (c == '\n' && !afterCr)) {
					line++;
				}
				afterCr = c == '\r';
			}
			throw new MalformedTextException(line,
					"bytes not valid in " + this.decoder.charset().name() + " (declared charset)");
		}
	}

	private void recordBreak(long position) {
		if (this.pendingTail == this.pendingBreaks.length) {
			int live = this.pendingTail - this.pendingHead;
			long[] next = (live * 2 > this.pendingBreaks.length) ? new long[this.pendingBreaks.length * 2]
					: this.pendingBreaks;
			System.arraycopy(this.pendingBreaks, this.pendingHead, next, 0, live);
			this.pendingBreaks = next;
			this.pendingTail = live;
			this.pendingHead = 0;
		}
		this.pendingBreaks[this.pendingTail++] = position;
	}

	/**
	 * The physical line on which a character position lies. Positions must be asked in
	 * increasing order (as a parser produces records).
	 * @param characterPosition the position, counted from the first character after any
	 * BOM
	 * @return the line number, starting at 1
	 */
	public long lineOf(long characterPosition) {
		while (this.pendingHead < this.pendingTail && this.pendingBreaks[this.pendingHead] < characterPosition) {
			this.pendingHead++;
			this.breaksConsumed++;
		}
		return this.breaksConsumed + 1;
	}

	/**
	 * Whether the input began with a byte order mark, which was dropped.
	 * @return true when one was dropped
	 */
	public boolean droppedBom() {
		return this.droppedBom;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * The input is not text in the declared charset, or breaks a limit; the line says
	 * where.
	 */
	public static final class MalformedTextException extends IOException {

		private final long line;

		MalformedTextException(long line, String message) {
			super(message);
			this.line = line;
		}

		/**
		 * The physical line of the problem.
		 * @return the line number
		 */
		public long line() {
			return this.line;
		}

	}

}
