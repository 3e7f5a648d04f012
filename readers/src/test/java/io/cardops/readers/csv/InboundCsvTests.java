package io.cardops.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.cardops.readers.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link InboundCsv} and {@link InboundRow} against small fixture files.
 */
class InboundCsvTests {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] GB18030_BOM = { (byte) 0x84, (byte) 0x31, (byte) 0x95, (byte) 0x33 };

	private static final List<String> REQUIRED = List.of("student_no", "name");

	private static final List<String> KNOWN = List.of("student_no", "name", "level");

	private static final String FILE = "roster_UCAS_20260825.csv";

	@TempDir
	Path dir;

	@Test
	void headerIsLineOneAndEachRowCarriesItsPhysicalLine() throws IOException {
		Path file = write(utf8("student_no,name\nS1,王小明\nS2,李雷\nS3,韩梅梅\n"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "3|S2|李雷", "4|S3|韩梅梅");
	}

	@Test
	void crlfLineEndsGiveTheSameLines() throws IOException {
		Path file = write(utf8("student_no,name\r\nS1,王小明\r\nS2,李雷\r\nS3,韩梅梅\r\n"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "3|S2|李雷", "4|S3|韩梅梅");
	}

	@Test
	void loneCarriageReturnLineEndsGiveTheSameLines() throws IOException {
		Path file = write(utf8("student_no,name\rS1,王小明\rS2,李雷\rS3,韩梅梅\r"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "3|S2|李雷", "4|S3|韩梅梅");
	}

	@Test
	void mixedLineEndsAndBlankCarriageReturnLinesCountAsPhysicalLines() throws IOException {
		// Lines: 1 header (CR), 2 S1 (CRLF), 3 and 4 blank (CR), 5 S2 (LF), 6 blank (LF),
		// 7 S3 (no line end).
		Path file = write(utf8("student_no,name\rS1,王小明\r\n\r\rS2,李雷\n\nS3,韩梅梅"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "5|S2|李雷", "7|S3|韩梅梅");
	}

	@Test
	void quotedFieldWithAnEmbeddedCarriageReturnMovesTheNextRowDown() throws IOException {
		Path file = write(utf8("student_no,name\rS1,\"王\r小明\"\rS2,李雷\r"));

		assertThat(rows(file)).containsExactly("2|S1|王\r小明", "4|S2|李雷");
	}

	@Test
	void unterminatedQuotedFieldInACarriageReturnFileIsRejectedAtTheLineWhereItStarts() throws IOException {
		Path file = write(utf8("student_no,name\rS1,a\rS2,\"b\rS3,c\r"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
	}

	@Test
	void blankLinesCountInTheLineNumbersOfLaterRows() throws IOException {
		Path file = write(utf8("student_no,name\nS1,王小明\n\n\nS2,李雷\nS3,韩梅梅\n\nS4,张三\n"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "5|S2|李雷", "6|S3|韩梅梅", "8|S4|张三");
	}

	@Test
	void blankCrlfLinesCountInTheLineNumbersOfLaterRows() throws IOException {
		Path file = write(utf8("student_no,name\r\nS1,王小明\r\n\r\n\r\nS2,李雷\r\nS3,韩梅梅\r\n"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "5|S2|李雷", "6|S3|韩梅梅");
	}

	@Test
	void rowAfterManyBlankLinesKeepsItsPhysicalLine() throws IOException {
		Path file = write(utf8("student_no,name\nS1,王小明\n" + "\n".repeat(3000) + "S2,李雷\n"));

		assertThat(rows(file)).containsExactly("2|S1|王小明", "3003|S2|李雷");
	}

	@Test
	void whitespaceOnlyLinesAreSkippedAndCounted() throws IOException {
		Path file = write(utf8("student_no,name\n   \nS1,王小明\n\t\nS2,李雷\n"));

		assertThat(rows(file)).containsExactly("3|S1|王小明", "5|S2|李雷");
	}

	@Test
	void quotedFieldWithAnEmbeddedNewlineMovesTheNextRowDown() throws IOException {
		Path file = write(utf8("student_no,name\nS1,\"王\n小明\"\nS2,李雷\n"));

		assertThat(rows(file)).containsExactly("2|S1|王\n小明", "4|S2|李雷");
	}

	@Test
	void quotedFieldWithEmbeddedCrlfNewlinesMovesTheNextRowDown() throws IOException {
		Path file = write(utf8("student_no,name\r\nS1,\"a\r\nb\r\nc\"\r\nS2,李雷\r\n"));

		assertThat(rows(file)).containsExactly("2|S1|a\r\nb\r\nc", "5|S2|李雷");
	}

	@Test
	void rowAfterAFieldWithThousandsOfEmbeddedNewlinesKeepsItsPhysicalLine() throws IOException {
		Path file = write(utf8("student_no,name\nS1,\"" + "x\n".repeat(3000) + "\"\nS2,李雷\n"));

		List<String> rows = rows(file);

		assertThat(rows).hasSize(2);
		assertThat(rows.get(1)).isEqualTo("3003|S2|李雷");
	}

	@Test
	void lateRowsOfAFileLargerThan64KibKeepTheirExactLines() throws IOException {
		StringBuilder text = new StringBuilder("student_no,name\n");
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 5000; i++) {
			String name = (i % 7 == 0) ? "\"多行\n姓名\"" : "王小明" + i;
			text.append('S').append(i).append(',').append(name).append('\n');
		}
		byte[] bytes = utf8(text.toString());
		assertThat(bytes.length).isGreaterThan(64 * 1024);
		Path file = write(bytes);

		List<String> rows = rows(file);

		// every seventh row spans two lines, pushing the rows after it down
		long line = 2;
		for (int i = 1; i <= 5000; i++) {
			String name = (i % 7 == 0) ? "多行\n姓名" : "王小明" + i;
			expected.add(line + "|S" + i + "|" + name);
			line += (i % 7 == 0) ? 2 : 1;
		}
		assertThat(rows).hasSize(5000);
		assertThat(rows).isEqualTo(expected);
		assertThat(rows.get(4999)).isEqualTo("5715|S5000|王小明5000");
	}

	@Test
	void lateRowsOfALargeCrlfFileKeepTheirExactLines() throws IOException {
		StringBuilder text = new StringBuilder("student_no,name\r\n");
		for (int i = 1; i <= 4000; i++) {
			text.append('S').append(i).append(",名字名字名字名字名字").append("\r\n");
		}
		Path file = write(utf8(text.toString()));

		List<String> rows = rows(file);

		assertThat(rows).hasSize(4000);
		assertThat(rows.get(0)).isEqualTo("2|S1|名字名字名字名字名字");
		assertThat(rows.get(2999)).isEqualTo("3001|S3000|名字名字名字名字名字");
		assertThat(rows.get(3999)).isEqualTo("4001|S4000|名字名字名字名字名字");
	}

	@Test
	void utf8ByteOrderMarkIsAccepted() throws IOException {
		Path file = write(UTF8_BOM, utf8("student_no,name\nS1,王小明\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			assertThat(csv.hasColumn("student_no")).isTrue();
			assertThat(csv.warnings()).isEmpty();
			assertThat(lines(csv)).containsExactly("2|S1|王小明");
		}
	}

	@Test
	void gb18030FileIsDecodedWithGb18030IncludingAFourByteCharacter() throws IOException {
		Path file = write("student_no,name\r\nS1,王小明\r\nS2,𠮷田\r\n".getBytes(GB18030));

		assertThat(rows(file, GB18030)).containsExactly("2|S1|王小明", "3|S2|𠮷田");
	}

	@Test
	void gb18030ByteOrderMarkIsAccepted() throws IOException {
		Path file = write(GB18030_BOM, "student_no,name\nS2,𠮷田\n".getBytes(GB18030));

		try (InboundCsv csv = open(file, GB18030)) {
			assertThat(csv.hasColumn("student_no")).isTrue();
			assertThat(lines(csv)).containsExactly("2|S2|𠮷田");
		}
	}

	@Test
	void invalidUtf8OnLine5RejectsTheFileNamingFileAndLine() throws IOException {
		Path file = write(utf8("student_no,name\nS1,a\nS2,b\nS3,c\nS4,"), new byte[] { (byte) 0xC3, (byte) 0x28 },
				utf8("\nS5,e\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.reason()).isEqualTo("bytes not valid in UTF-8 (declared charset)");
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 5: bytes not valid in UTF-8 (declared charset)");
		assertThat(ex.locatedReason()).isEqualTo("line 5: bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void invalidUtf8InTheHeaderIsReportedOnLine1() throws IOException {
		Path file = write(utf8("student_no,na"), new byte[] { (byte) 0xFF }, utf8("me\nS1,a\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void gb18030FileReadAsUtf8IsRejectedOnTheLineOfItsFirstNonAsciiByte() throws IOException {
		Path file = write("student_no,name\nS1,Li Lei\nS2,Han\nS3,王小明\nS4,𠮷田\n".getBytes(GB18030));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 4: bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void multiByteSequenceTruncatedAtEndOfFileIsRejected() throws IOException {
		byte[] ji = utf8("𠮷");
		assertThat(ji).hasSize(4);
		Path file = write(utf8("student_no,name\nS1,a\nS2,"), new byte[] { ji[0], ji[1], ji[2] });

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void undecodableBytesFarIntoALargeFileAreRejectedWithTheirLine() throws IOException {
		StringBuilder text = new StringBuilder("student_no,name\n");
		for (int i = 1; i <= 4000; i++) {
			text.append('S').append(i).append(",王小明王小明\n");
		}
		Path file = write(utf8(text.toString()), utf8("S4001,"), new byte[] { (byte) 0xE7, (byte) 0x8E },
				utf8("\nS4002,a\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(4002);
	}

	@Test
	void headerNamesAreCaseInsensitiveTrimmedAndInAnyOrder() throws IOException {
		Path file = write(utf8("LEVEL, Name ,Student_No\nMASTER,王小明,S1\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			assertThat(csv.width()).isEqualTo(3);
			assertThat(csv.warnings()).isEmpty();
			InboundRow row = csv.iterator().next();
			assertThat(row.line()).isEqualTo(2);
			assertThat(row.get("student_no")).isEqualTo("S1");
			assertThat(row.get("name")).isEqualTo("王小明");
			assertThat(row.get("level")).isEqualTo("MASTER");
		}
	}

	@Test
	void unknownColumnIsIgnoredWithAWarningNamingFileLineAndColumn() throws IOException {
		Path file = write(utf8("student_no,Campus,name\nS1,怀柔,王小明\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			assertThat(csv.warnings()).containsExactly(FILE + ": line 1: unknown column campus ignored");
			assertThat(csv.hasColumn("campus")).isTrue();
			assertThat(lines(csv)).containsExactly("2|S1|王小明");
		}
	}

	@Test
	void unknownColumnWarningNamesTheHeaderLineAfterLeadingBlankLines() throws IOException {
		Path file = write(utf8("\n\nstudent_no,name,campus\nS1,王小明,怀柔\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			assertThat(csv.warnings()).containsExactly(FILE + ": line 3: unknown column campus ignored");
			assertThat(lines(csv)).containsExactly("4|S1|王小明");
		}
	}

	@Test
	void missingRequiredColumnRejectsTheFile() throws IOException {
		Path file = write(utf8("name,level\n王小明,MASTER\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("missing required column student_no");
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: missing required column student_no");
	}

	@Test
	void aFileWithoutItsHeaderRowIsRefusedWithoutRepeatingItsFirstRecord() throws IOException {
		Path file = write(utf8("S001,张三,E12345678\nS002,李四,E87654321\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).startsWith("no header row: the line names none of the file's columns")
			.contains("student_no")
			.doesNotContain("E12345678")
			.doesNotContain("张三");
		assertThat(ex.warnings()).isEmpty();
	}

	@Test
	void aMissingColumnCarriesTheHeadersUnknownColumns() throws IOException {
		Path file = write(utf8("student_no,nmae,level\nS1,王小明,MASTER\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.reason()).isEqualTo("missing required column name");
		assertThat(ex.warnings()).containsExactly(FILE + ": line 1: unknown column nmae ignored");
		assertThat(ex.locatedReasonAndWarnings())
			.isEqualTo("line 1: missing required column name; " + FILE + ": line 1: unknown column nmae ignored");
	}

	@Test
	void theFirstTenUnknownColumnsAreNamedTheRestCountedAndLongNamesCut() throws IOException {
		StringBuilder header = new StringBuilder("student_no,name");
		for (int i = 0; i < 13; i++) {
			header.append(",c").append(i).append("y".repeat(100));
		}
		Path file = write(utf8(header + "\nS1,王小明" + ",".repeat(13) + "\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			assertThat(csv.warnings()).hasSize(11)
				.startsWith(FILE + ": line 1: unknown column c0" + "y".repeat(62) + "... ignored")
				.endsWith(FILE + ": line 1: 3 more unknown columns ignored");
		}
	}

	@Test
	void everyMissingRequiredColumnIsNamed() throws IOException {
		Path file = write(utf8("level\nMASTER\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("missing required columns student_no, name");
	}

	@Test
	void duplicatedColumnRejectsTheFile() throws IOException {
		Path file = write(utf8("student_no,name,Student_No\nS1,王小明,S2\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.getMessage())
			.isEqualTo(FILE + ": line 1: column student_no appears twice in the header (columns 1 and 3)");
	}

	@Test
	void columnDuplicatedUnderSpacesOrAnotherCaseIsNamedWithBothPositions() throws IOException {
		Path file = write(utf8("\n student_no ,name,level,Student_No\u3000\nS1,王小明,MASTER,S2\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).isEqualTo("column student_no appears twice in the header (columns 1 and 4)");
	}

	@Test
	void aSecondByteOrderMarkRejectsTheFileForWhatItIs() throws IOException {
		Path file = write(UTF8_BOM, UTF8_BOM, utf8("student_no,name\nS1,王小明\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isZero();
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1 starts with a second byte order mark (U+FEFF)");
	}

	@Test
	void aByteOrderMarkAfterBlankLinesIsNamedOnItsLine() throws IOException {
		Path file = write(utf8("\n\r\n\uFEFFstudent_no,name\nS1,王小明\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.reason()).isEqualTo("line 3 starts with a byte order mark (U+FEFF)");
	}

	@Test
	void emptyFileIsRejected() throws IOException {
		Path file = write(new byte[0]);

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isZero();
		assertThat(ex.getMessage()).isEqualTo(FILE + ": file is empty (no header row)");
	}

	@Test
	void fileOfOnlyBlankLinesIsRejectedAsEmpty() throws IOException {
		Path file = write(UTF8_BOM, utf8("\n\r\n\n  \n\r\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isZero();
		assertThat(ex.getMessage()).isEqualTo(FILE + ": file is empty (no header row)");
	}

	@Test
	void headerOnlyFileHasNoRows() throws IOException {
		Path file = write(utf8("student_no,name\r\n\r\n"));

		assertThat(rows(file)).isEmpty();
	}

	@Test
	void lineOfExactlyMaxLineLengthIsAccepted() throws IOException {
		String name = "王".repeat(InboundCsv.MAX_LINE_LENGTH - 3);
		Path file = write(utf8("student_no,name\nS1," + name + "\nS2,李雷\n"));

		List<String> rows = rows(file);

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).isEqualTo("2|S1|" + name);
		assertThat(rows.get(1)).isEqualTo("3|S2|李雷");
	}

	@Test
	void crlfLineOfExactlyMaxLineLengthIsAccepted() throws IOException {
		String name = "王".repeat(InboundCsv.MAX_LINE_LENGTH - 3);
		Path file = write(utf8("student_no,name\r\nS1," + name + "\r\nS2,李雷\r\n"));

		List<String> rows = rows(file);

		assertThat(rows).hasSize(2);
		assertThat(rows.get(1)).isEqualTo("3|S2|李雷");
	}

	@Test
	void lineLongerThanMaxLineLengthIsRejectedWithItsLine() throws IOException {
		String name = "x".repeat(InboundCsv.MAX_LINE_LENGTH - 2);
		Path file = write(utf8("student_no,name\nS1,a\nS2," + name + "\nS3,b\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 3: line is longer than 65536 characters");
	}

	@Test
	void unterminatedQuotedFieldRejectsTheFileAtTheLineWhereItStarts() throws IOException {
		Path file = write(utf8("student_no,name\nS1,a\nS2,\"b\nS3,c\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason())
			.startsWith(
					"not valid CSV: a double quote (\") opens a quoted field on this line" + " that is never closed")
			.doesNotContain("encapsulated");
	}

	@Test
	void aStrayQuoteClosedLaterIsSaidAsWhatToLookFor() throws IOException {
		Path file = write(utf8("student_no,name\n\"S1,a\nS2,b\nS3\"x,c\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).startsWith("not valid CSV: a quoted field closes on this line and other text follows")
			.doesNotContain("encapsulated", "position");
	}

	@Test
	void aStrayQuoteClosedOnItsOwnLineNamesNoOtherLine() throws IOException {
		Path file = write(utf8("student_no,name\nS1,a\nS2,\"b\"c\nS3,c\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("not valid CSV: a quoted field closes on this line and other text follows"
				+ " it before the next comma: a stray double quote (\") on this line or one before it opened the"
				+ " field; remove it, or write a quote inside a quoted field as two (\"\")");
	}

	@Test
	void aStrayQuoteClosedManyLinesLaterNamesTheLineItsRowBeganOn() throws IOException {
		// given: a stray quote on line 3 that swallows lines 4-6, closed on line 7
		Path file = write(utf8("student_no,name\r\nS1,a\r\n\"S2,b\r\nS3,c\r\n\r\nS5,e\r\nS6\"x,f\r\nS7,g\r\n"));

		InboundFileException ex = failure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(7);
		assertThat(ex.reason()).isEqualTo("not valid CSV: a quoted field closes on this line and other text follows"
				+ " it before the next comma: the row began on line 3, and a stray double quote (\") there or after"
				+ " it opened the field; remove it, or write a quote inside a quoted field as two (\"\")");
	}

	@Test
	void cellsAreTrimmedShortRowsReadEmptyAndAbsentColumnsReadNull() throws IOException {
		Path file = write(utf8("student_no,name\n  S1 ,\t王小明  \nS2\n"));

		try (InboundCsv csv = open(file, StandardCharsets.UTF_8)) {
			List<InboundRow> rows = new ArrayList<>();
			csv.forEach(rows::add);

			assertThat(rows).hasSize(2);
			assertThat(rows.get(0).get("student_no")).isEqualTo("S1");
			assertThat(rows.get(0).get("name")).isEqualTo("王小明");
			assertThat(rows.get(0).size()).isEqualTo(2);
			assertThat(rows.get(0).get("level")).isNull();
			assertThat(rows.get(1).line()).isEqualTo(3);
			assertThat(rows.get(1).size()).isEqualTo(1);
			assertThat(rows.get(1).get("name")).isEmpty();
		}
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static InboundCsv open(Path file, Charset charset) throws IOException {
		InputStream in = Files.newInputStream(file);
		return InboundCsv.open(file, in, charset, REQUIRED, KNOWN);
	}

	private static List<String> rows(Path file) throws IOException {
		return rows(file, StandardCharsets.UTF_8);
	}

	private static List<String> rows(Path file, Charset charset) throws IOException {
		try (InboundCsv csv = open(file, charset)) {
			return lines(csv);
		}
	}

	private static List<String> lines(InboundCsv csv) {
		List<String> rows = new ArrayList<>();
		for (InboundRow row : csv) {
			rows.add(row.line() + "|" + row.get("student_no") + "|" + row.get("name"));
		}
		return rows;
	}

	private static InboundFileException failure(Path file, Charset charset) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class, () -> rows(file, charset));
		assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
		return ex;
	}

}
