package io.cardops.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.readers.csv.StrictTextReader.MalformedTextException;

import static io.cardops.readers.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link StrictTextReader}.
 */
class StrictTextReaderTests {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] GB18030_BOM = { (byte) 0x84, (byte) 0x31, (byte) 0x95, (byte) 0x33 };

	@TempDir
	Path dir;

	@Test
	void leadingUtf8BomIsDroppedAndTheRestDeliveredUnchanged() throws IOException {
		Path file = write("bom.csv", UTF8_BOM, utf8("a,b\r\n王,\uFEFF\n"));

		assertThat(readAll(file, StandardCharsets.UTF_8, 100)).isEqualTo("a,b\r\n王,\uFEFF\n");
	}

	@Test
	void gb18030TextWithItsBomAndAFourByteCharacterIsDecoded() throws IOException {
		byte[] name = "𠮷田王小明".getBytes(GB18030);
		// 𠮷 (U+20BB7) is a four-byte sequence in GB18030, each ideograph of the rest two
		// bytes.
		assertThat(name).hasSize(4 + 4 * 2);
		Path file = write("gb.csv", GB18030_BOM, name, utf8("\n"));

		assertThat(readAll(file, GB18030, 100)).isEqualTo("𠮷田王小明\n");
	}

	@Test
	void lineOfMapsCharacterPositionsToPhysicalLinesCountingBlankAndCrlfLines() throws IOException {
		// positions: "ab\n" 0-2, "cd\r\n" 3-6, "\n" 7, "ef" 8-9
		Path file = write("lines.csv", UTF8_BOM, utf8("ab\ncd\r\n\nef"));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			drain(reader);

			assertThat(reader.lineOf(0)).isEqualTo(1);
			assertThat(reader.lineOf(2)).isEqualTo(1);
			assertThat(reader.lineOf(3)).isEqualTo(2);
			assertThat(reader.lineOf(7)).isEqualTo(3);
			assertThat(reader.lineOf(8)).isEqualTo(4);
		}
	}

	@Test
	void lineOfStaysExactAfterReadingFarAheadOfManyLineBreaks() throws IOException {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 5000; i++) {
			text.append("line").append(i).append('\n');
		}
		Path file = write("many.csv", utf8(text.toString()));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			drain(reader);

			long position = 0;
			for (int i = 0; i < 5000; i++) {
				assertThat(reader.lineOf(position)).isEqualTo(i + 1);
				position += ("line" + i + "\n").length();
			}
		}
	}

	@Test
	void aLoneCarriageReturnEndsALine() throws IOException {
		// positions: "ab\r" 0-2, "cd\r" 3-5, "\r" 6, "ef" 7-8
		Path file = write("cr.csv", utf8("ab\rcd\r\ref"));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			assertThat(drain(reader)).isEqualTo("ab\rcd\r\ref");

			assertThat(reader.lineOf(0)).isEqualTo(1);
			assertThat(reader.lineOf(3)).isEqualTo(2);
			assertThat(reader.lineOf(6)).isEqualTo(3);
			assertThat(reader.lineOf(7)).isEqualTo(4);
		}
	}

	@Test
	void crLfAndCrlfMixedInOneFileEachEndOneLine() throws IOException {
		// positions: "a\r\n" 0-2, "b\n" 3-4, "c\r" 5-6, "\n" 7 (a blank line after a
		// CR), "\r\n" 8-9 (a blank CRLF line), "d" 10
		Path file = write("mixed.csv", utf8("a\r\nb\nc\r\n\r\nd"));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			drain(reader);

			assertThat(reader.lineOf(0)).isEqualTo(1);
			assertThat(reader.lineOf(3)).isEqualTo(2);
			assertThat(reader.lineOf(5)).isEqualTo(3);
			assertThat(reader.lineOf(8)).isEqualTo(4);
			assertThat(reader.lineOf(10)).isEqualTo(5);
		}
	}

	@Test
	void aCrlfSplitBetweenTwoReadsEndsOneLine() throws IOException {
		// drain() reads 7 characters at a time: the CR is the last of the first read,
		// its LF the first of the second.
		Path file = write("split.csv", utf8("abcdef\r\nxyz\r\nw"));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			drain(reader);

			assertThat(reader.lineOf(8)).isEqualTo(2);
			assertThat(reader.lineOf(13)).isEqualTo(3);
		}
	}

	@Test
	void aCrlfSplitBetweenTwoDecodedBuffersEndsOneLine() throws IOException {
		// 65,535 characters and a CR fill the 64 KiB character buffer: its LF is decoded
		// into the next one.
		String first = "x".repeat(65_535) + "\r";
		Path file = write("buffers.csv", utf8(first + "\nsecond\r\nthird"));
		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 70_000)) {
			drain(reader);

			assertThat(reader.lineOf(first.length() + 1)).isEqualTo(2);
			assertThat(reader.lineOf(first.length() + 1 + "second\r\n".length())).isEqualTo(3);
		}
	}

	@Test
	void invalidByteAfterCarriageReturnsOnlyIsReportedWithItsLine() throws IOException {
		Path file = write("bad-cr.csv", utf8("a\rb\r\n\rc,"), new byte[] { (byte) 0xFF }, utf8("\rd\r"));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 100);

		assertThat(ex.line()).isEqualTo(4);
	}

	@Test
	void lineLongerThanTheLimitAfterCarriageReturnsIsReportedWithItsLine() throws IOException {
		Path file = write("long-cr.csv", utf8("12345\r\r\n123456\r"));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 5);

		assertThat(ex.line()).isEqualTo(3);
	}

	@Test
	void aWorkbookSavedAsCsvIsRefusedAsAWorkbookWhateverTheCharset() throws IOException {
		Path xlsx = write("xlsx.csv", new byte[] { 'P', 'K', 3, 4, 20, 0, 6, 0 }, utf8("[Content_Types].xml"));
		Path xls = write("xls.csv", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
				0x1A, (byte) 0xE1, 0, 0 });

		for (Charset charset : new Charset[] { StandardCharsets.UTF_8, GB18030 }) {
			MalformedTextException zip = readExpectingFailure(xlsx, charset, 100);
			assertThat(zip.line()).isEqualTo(1);
			assertThat(zip.getMessage()).isEqualTo("the file is not CSV text but a spreadsheet workbook (Excel .xlsx,"
					+ " or a zip): open it in the spreadsheet program, save it as CSV (UTF-8), and send that file");
			assertThat(readExpectingFailure(xls, charset, 100).getMessage()).contains("(Excel .xls)");
		}
	}

	@Test
	void textThatStartsLikeAWorkbookNameIsText() throws IOException {
		Path file = write("pk.csv", utf8("PK,name\nPK1,a\n"));

		try (StrictTextReader reader = open(file, StandardCharsets.UTF_8, 100)) {
			assertThat(drain(reader)).isEqualTo("PK,name\nPK1,a\n");
		}
	}

	@Test
	void invalidUtf8ByteIsReportedWithItsLine() throws IOException {
		Path file = write("bad.csv", utf8("a\nb\r\nc\n\nd"), new byte[] { (byte) 0xFF }, utf8("e\nf\n"));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 100);

		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.getMessage()).isEqualTo("bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void invalidByteBeyondTheFirstBufferIsReportedWithItsLine() throws IOException {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 3000; i++) {
			text.append(String.format("%05d,", i)).append("一二三四五六七八九十").append('\n');
		}
		// 3000 lines of 16 characters, 37 bytes each: well past the 64 KiB buffer.
		Path file = write("late.csv", utf8(text.toString()), new byte[] { 'x', (byte) 0xC3, '(' }, utf8("\n"));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 100);

		assertThat(ex.line()).isEqualTo(3001);
	}

	@Test
	void multiByteSequenceTruncatedAtEndOfFileIsReportedOnTheLastLine() throws IOException {
		byte[] wang = utf8("王");
		Path file = write("truncated.csv", utf8("a\nb\nc,"), new byte[] { wang[0], wang[1] });

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 100);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo("bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void gb18030BytesReadAsUtf8AreReportedOnTheLineOfTheFirstNonAsciiByte() throws IOException {
		Path file = write("gb.csv", "a,b\n1,2\n\n3,王小明\n".getBytes(GB18030));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 100);

		assertThat(ex.line()).isEqualTo(4);
	}

	@Test
	void lineOfExactlyTheLimitIsAccepted() throws IOException {
		Path file = write("limit.csv", utf8("12345\n1234\n"));

		assertThat(readAll(file, StandardCharsets.UTF_8, 5)).isEqualTo("12345\n1234\n");
	}

	@Test
	void lineLongerThanTheLimitIsReportedWithItsLine() throws IOException {
		Path file = write("long.csv", utf8("12345\n\n123456\n"));

		MalformedTextException ex = readExpectingFailure(file, StandardCharsets.UTF_8, 5);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo("line is longer than 5 characters");
	}

	@Test
	void bomIsNotCountedInTheLineLength() throws IOException {
		Path file = write("bom-limit.csv", UTF8_BOM, utf8("12345\n"));

		assertThat(readAll(file, StandardCharsets.UTF_8, 5)).isEqualTo("12345\n");
	}

	private Path write(String name, byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(name), parts);
	}

	private static StrictTextReader open(Path file, Charset charset, int maxLineLength) throws IOException {
		InputStream in = Files.newInputStream(file);
		return new StrictTextReader(in, charset, maxLineLength);
	}

	private static String readAll(Path file, Charset charset, int maxLineLength) throws IOException {
		try (StrictTextReader reader = open(file, charset, maxLineLength)) {
			return drain(reader);
		}
	}

	private static MalformedTextException readExpectingFailure(Path file, Charset charset, int maxLineLength)
			throws IOException {
		try (StrictTextReader reader = open(file, charset, maxLineLength)) {
			MalformedTextException ex = catchThrowableOfType(MalformedTextException.class, () -> drain(reader));
			assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
			return ex;
		}
	}

	private static String drain(StrictTextReader reader) throws IOException {
		// A small buffer so that characters are delivered over many calls.
		StringBuilder text = new StringBuilder();
		char[] buffer = new char[7];
		int n;
		while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
			text.append(buffer, 0, n);
		}
		return text.toString();
	}

}
