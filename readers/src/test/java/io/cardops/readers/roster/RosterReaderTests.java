package io.cardops.readers.roster;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.identity.IdType;
import io.cardops.domain.roster.EnrollmentStatus;
import io.cardops.domain.roster.RosterStudent;
import io.cardops.domain.roster.StudyLevel;
import io.cardops.readers.csv.InboundFileException;

import static io.cardops.readers.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link RosterReader} against small roster files.
 */
class RosterReaderTests {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final String FILE = "roster_UCAS_20260825.csv";

	private static final LocalDate FILE_DATE = LocalDate.of(2026, 8, 25);

	private static final String HEADER = "student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation";

	// Valid GB 11643-1999 numbers: the check character is the MOD 11-2 of the first 17
	// digits.
	private static final String ID_1 = "11010519491231002X";

	private static final String ID_2 = "110102200602280012";

	private static final String ID_3 = "110102200602280020";

	private static final String ID_4 = "110108200503154561";

	private static final String ID_5 = "310104200407010025";

	@TempDir
	Path dir;

	@Test
	void scanHashesEveryByteOfTheFile() throws IOException {
		StringBuilder text = new StringBuilder("\uFEFF" + HEADER + "\r\n");
		for (int i = 0; i < 2000; i++) {
			text.append(row("S" + i, "王小明", ID_1)).append("\r\n");
		}
		// Trailing blank lines after the last record are part of the bytes too.
		byte[] bytes = utf8(text + "\r\n\r\n\n");
		assertThat(bytes.length).isGreaterThan(64 * 1024);
		Path file = write(bytes);

		RosterScan scan = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE).scan();

		assertThat(scan.sha256()).isEqualTo(sha256(bytes));
		assertThat(scan.dataRows()).isEqualTo(2000);
	}

	@Test
	void scanOfASmallFileHashesItsExactBytes() throws IOException {
		byte[] bytes = utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n");
		Path file = write(bytes);

		RosterScan scan = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE).scan();

		assertThat(scan.sha256()).isEqualTo(sha256(bytes)).hasSize(64).isLowerCase();
	}

	@Test
	void scanCountsDataRowsWithoutBlankLines() throws IOException {
		Path file = write(utf8(HEADER + "\n\n" + row("S1", "王小明", ID_1) + "\r\n\r\n  \n" + row("S2", "李雷", ID_2) + "\n"
				+ row("S3", "韩梅梅", ID_3) + "\n\n"));

		RosterScan scan = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE).scan();

		assertThat(scan.dataRows()).isEqualTo(3);
		assertThat(scan.duplicateStudentNos()).isEmpty();
		assertThat(scan.warnings()).isEmpty();
	}

	@Test
	void scanReportsUnknownColumnsAsWarnings() throws IOException {
		Path file = write(utf8(HEADER + ",campus\n" + row("S1", "王小明", ID_1) + ",怀柔\n"));

		RosterScan scan = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE).scan();

		assertThat(scan.warnings()).containsExactly(FILE + ": line 1: unknown column campus ignored");
	}

	@Test
	void headerOnlyFileIsRejectedAsHavingNoDataRows() throws IOException {
		Path file = write(utf8(HEADER + "\r\n\r\n\r\n"));

		InboundFileException ex = scanFailure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isZero();
		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": no data rows (the file holds only a header)");
	}

	@Test
	void missingFileIsRejected() {
		InboundFileException ex = scanFailure(this.dir.resolve(FILE), StandardCharsets.UTF_8);

		assertThat(ex.getMessage()).isEqualTo(FILE + ": file not found");
	}

	@Test
	void missingRequiredColumnRejectsTheFileInTheScan() throws IOException {
		Path file = write(utf8("student_no,name,level,salaried,status,enrolled_on,expected_graduation\n"
				+ "S1,王小明,MASTER,N,ENROLLED,2024-09-01,2027-06-30\n"));

		InboundFileException ex = scanFailure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("missing required column id_no");
	}

	@Test
	void validRowsAreAcceptedWithTheirLinesInFileOrder() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("2024E801", "王小明", ID_1) + "\n"
				+ "2024E802,李雷,PASSPORT,E12345678,DOCTORAL,Y,SUSPENDED,2023-09-01,2028-06-30\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly(
				"2 accepted " + new RosterStudent("2024E801", "王小明", IdType.RESIDENT_ID, ID_1, StudyLevel.MASTER, false,
						EnrollmentStatus.ENROLLED, LocalDate.of(2024, 9, 1), LocalDate.of(2027, 6, 30)),
				"3 accepted " + new RosterStudent("2024E802", "李雷", IdType.PASSPORT, "E12345678", StudyLevel.DOCTORAL,
						true, EnrollmentStatus.SUSPENDED, LocalDate.of(2023, 9, 1), LocalDate.of(2028, 6, 30)));
	}

	@Test
	void duplicateStudentNoRejectsEveryCopy() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n" + row("S2", "李雷", ID_2) + "\n"
				+ row("S1", "韩梅梅", ID_3) + "\n" + row("S1", "张三", ID_4) + "\n"));
		RosterReader reader = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE);

		RosterScan scan = reader.scan();
		List<String> results = read(reader, scan);

		assertThat(scan.duplicateStudentNos()).containsExactly("S1");
		assertThat(scan.dataRows()).isEqualTo(4);
		assertThat(results).hasSize(4);
		assertThat(results.get(0)).isEqualTo("2 rejected S1 student_no duplicate student_no in file");
		assertThat(results.get(1)).startsWith("3 accepted RosterStudent[studentNo=S2,");
		assertThat(results.get(2)).isEqualTo("4 rejected S1 student_no duplicate student_no in file");
		assertThat(results.get(3)).isEqualTo("5 rejected S1 student_no duplicate student_no in file");
	}

	@Test
	void duplicateStudentNoIsFoundWhenOneCopyHasAnIdeographicSpace() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n" + row("S1\u3000", "李雷", ID_2) + "\n"));
		RosterReader reader = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE);

		RosterScan scan = reader.scan();
		List<String> results = read(reader, scan);

		assertThat(scan.duplicateStudentNos()).containsExactly("S1");
		assertThat(results).hasSize(2);
		assertThat(results.get(0)).isEqualTo("2 rejected S1 student_no duplicate student_no in file");
		assertThat(results.get(1)).startsWith("3 rejected S1");
		assertThat(results.get(1)).endsWith(" student_no duplicate student_no in file");
	}

	@Test
	void idNoReusedUnderAnotherStudentNoRejectsOnlyTheLaterRow() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n" + row("S2", "李雷", ID_2) + "\n"
				+ row("S3", "韩梅梅", ID_1) + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).hasSize(3);
		assertThat(results.get(0)).startsWith("2 accepted RosterStudent[studentNo=S1,");
		assertThat(results.get(1)).startsWith("3 accepted RosterStudent[studentNo=S2,");
		assertThat(results.get(2))
			.isEqualTo("4 rejected S3 id_no same id_no as an earlier row with another student_no");
	}

	@Test
	void idNoReusedWithALowerCaseCheckCharacterIsStillTheSameIdNo() throws Exception {
		Path file = write(
				utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n" + row("S2", "李雷", ID_1.toLowerCase()) + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).hasSize(2);
		assertThat(results.get(0)).startsWith("2 accepted RosterStudent[studentNo=S1,");
		assertThat(results.get(1))
			.isEqualTo("3 rejected S2 id_no same id_no as an earlier row with another student_no");
	}

	@Test
	void rowWithMoreCellsThanTheHeaderIsRejectedAsARow() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + ",extra\n" + row("S2", "李雷", ID_2) + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).hasSize(2);
		assertThat(results.get(0)).isEqualTo("2 rejected S1 row has 10 cells, the header has 9");
		assertThat(results.get(1)).startsWith("3 accepted RosterStudent[studentNo=S2,");
	}

	@Test
	void rowWithFewerCellsThanTheHeaderIsRejectedAsARow() throws Exception {
		Path file = write(utf8(HEADER + "\n" + "S1,王小明,," + ID_1 + ",MASTER,N,ENROLLED,2024-09-01\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected S1 row has 8 cells, the header has 9");
	}

	@Test
	void aStudentNoShapedLikeAnIdentityNumberSentTwiceRejectsBothCopiesMasked() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("202401010012345", "王小明", ID_1) + "\n"
				+ row("202401010012345", "李雷", ID_2) + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected ***********2345 student_no duplicate student_no in file",
				"3 rejected ***********2345 student_no duplicate student_no in file");
	}

	@Test
	void anIdentityNumberInFullWidthDigitsAsTheStudentNoIsMaskedToo() throws Exception {
		String fullWidth = "１１０１０２２００６０２２８００１２";
		Path file = write(utf8(HEADER + "\n" + row(fullWidth, "王小明", ID_1) + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected **************００１２ student_no must be 1-32 of A-Z a-z 0-9 -");
	}

	@Test
	void rejectedStudentNoNeverCarriesAnIdentityNumberOrOtherRowsOut() throws Exception {
		// A stray quote before line 2 makes its student_no cell run to a quote on line 4,
		// over two more students' names and identity numbers; a one-cell row holds only
		// an
		// identity number.
		Path file = write(utf8(HEADER + "\n\"" + row("S1", "王小明", ID_1) + "\n" + row("S2", "李雷", ID_2) + "\nS3\","
				+ "韩梅梅,," + ID_1 + ",MASTER,N,ENROLLED,2024-09-01,2027-07-01\n" + ID_2 + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected  student_no must be 1-32 of A-Z a-z 0-9 -",
				"5 rejected **************0012 row has 1 cells, the header has 9");
		assertThat(String.join("\n", results)).doesNotContain(ID_1, ID_2, "王小明", "李雷");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					`,王小明,,BAD,PHD,X,NOPE,2024-02-30,2020-01-01`                         | student_no          | is required
					`S 1,,,BAD,PHD,X,NOPE,2024-02-30,2020-01-01`                            | student_no          | must be 1-32 of A-Z a-z 0-9 -
					`S1,,ID_CARD,BAD,PHD,X,NOPE,2024-02-30,2020-01-01`                      | name                | is required
					`S1,王小明,ID_CARD,BAD,PHD,X,NOPE,2024-02-30,2020-01-01`                | id_type             | must be one of RESIDENT_ID, PASSPORT, HMT_PERMIT, TW_PERMIT
					`S1,王小明,,110105194912310021,PHD,X,NOPE,2024-02-30,2020-01-01`        | id_no               | check character wrong
					`S1,王小明,PASSPORT,e123456,PHD,X,NOPE,2024-02-30,2020-01-01`           | id_no               | must be 5-20 of A-Z 0-9
					`S1,王小明,,11010519491231002X,PHD,X,NOPE,2024-02-30,2020-01-01`        | level               | must be one of UNDERGRADUATE, MASTER, DOCTORAL, VOCATIONAL
					`S1,王小明,,11010519491231002X,MASTER,X,NOPE,2024-02-30,2020-01-01`     | salaried            | must be Y or N
					`S1,王小明,,11010519491231002X,MASTER,N,NOPE,2024-02-30,2020-01-01`     | status              | must be one of ENROLLED, SUSPENDED, GRADUATED, WITHDRAWN
					`S1,王小明,,11010519491231002X,MASTER,N,ENROLLED,2024-02-30,2020-01-01` | enrolled_on         | 2024-02-30 is not a valid date
					`S1,王小明,,11010519491231002X,MASTER,N,ENROLLED,2024-09-01,2024-8-31`  | expected_graduation | must be a date YYYY-MM-DD
					`S1,王小明,,11010519491231002X,MASTER,N,ENROLLED,2024-09-01,2024-08-31` | expected_graduation | is before enrolled_on
					""")
	void firstFailingFieldIsReportedInFilesMdColumnOrder(String row, String field, String reason) throws Exception {
		Path file = write(utf8(HEADER + "\n" + row + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		String studentNo = row.substring(0, row.indexOf(','));
		assertThat(results).containsExactly("2 rejected " + studentNo + " " + field + " " + reason);
	}

	@Test
	void firstFailingFieldFollowsFilesMdOrderNotTheFilesColumnOrder() throws Exception {
		Path file = write(utf8("expected_graduation,enrolled_on,status,salaried,level,id_no,id_type,name,student_no\n"
				+ "2020-01-01,2024-09-01,ENROLLED,N,MASTER," + ID_1 + ",,,S1\n"
				+ "2020-01-01,2024-09-01,ENROLLED,maybe,MASTER," + ID_2 + ",,李雷,S2\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected S1 name is required", "3 rejected S2 salaried must be Y or N");
	}

	@Test
	void absentIdTypeColumnMeansResidentIds() throws Exception {
		Path file = write(utf8("student_no,name,id_no,level,salaried,status,enrolled_on,expected_graduation\n"
				+ "S1,王小明," + ID_4 + ",UNDERGRADUATE,N,ENROLLED,2026-09-01,2030-06-30\n"));
		RosterReader reader = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE);

		RosterScan scan = reader.scan();
		List<String> results = read(reader, scan);

		assertThat(scan.warnings()).isEmpty();
		assertThat(results).containsExactly(
				"2 accepted " + new RosterStudent("S1", "王小明", IdType.RESIDENT_ID, ID_4, StudyLevel.UNDERGRADUATE,
						false, EnrollmentStatus.ENROLLED, LocalDate.of(2026, 9, 1), LocalDate.of(2030, 6, 30)));
	}

	@Test
	void lowerCaseCheckCharacterIsAcceptedAndStoredUpperCase() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", "11010519491231002x") + "\n"));
		List<RosterStudent> accepted = new ArrayList<>();
		RosterReader reader = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE);

		reader.read(reader.scan(), new RosterRowSink() {

			@Override
			public void accepted(long line, RosterStudent student) {
				accepted.add(student);
			}

			@Override
			public void rejected(long line, String studentNo, String field, String reason) {
				throw new AssertionError("rejected line " + line + ": " + field + " " + reason);
			}

		});

		assertThat(accepted).hasSize(1);
		assertThat(accepted.get(0).idNo()).isEqualTo("11010519491231002X");
		assertThat(accepted.get(0).idType()).isEqualTo(IdType.RESIDENT_ID);
	}

	@Test
	void gb18030RosterIsReadWithChineseNamesAndAFourByteCharacter() throws Exception {
		byte[] bytes = (HEADER + "\r\n" + row("S1", "王小明", ID_1) + "\r\n" + row("S2", "𠮷田由美", ID_2) + "\r\n")
			.getBytes(GB18030);
		Path file = write(bytes);
		RosterReader reader = new RosterReader(file, GB18030, FILE_DATE);

		RosterScan scan = reader.scan();
		List<String> results = read(reader, scan);

		assertThat(scan.sha256()).isEqualTo(sha256(bytes));
		assertThat(results).hasSize(2);
		assertThat(results.get(0)).startsWith("2 accepted RosterStudent[studentNo=S1, name=王小明,");
		assertThat(results.get(1)).startsWith("3 accepted RosterStudent[studentNo=S2, name=𠮷田由美,");
	}

	@Test
	void gb18030RosterDeclaredAsUtf8IsRejectedWithTheLineOfTheFirstChineseName() throws IOException {
		Path file = write(
				(HEADER + "\n" + row("S1", "Li Lei", ID_1) + "\n" + row("S2", "王小明", ID_2) + "\n").getBytes(GB18030));

		InboundFileException ex = scanFailure(file, StandardCharsets.UTF_8);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 3: bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void rowsAreJudgedOnTheirPhysicalLinesAcrossAMultiLineName() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("S1", "\"王\n小明\"", ID_1) + "\n" + row("S2", "李雷", "bad") + "\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).containsExactly("2 rejected S1 name contains a control character U+000A",
				"4 rejected S2 id_no must be 18 characters");
	}

	@Test
	void rejectedRowAfterBlankLinesReportsItsPhysicalLine() throws Exception {
		Path file = write(
				utf8(HEADER + "\r\n" + row("S1", "王小明", ID_1) + "\r\n\r\n\r\n" + row("S2", "李雷", "bad") + "\r\n"));

		List<String> results = read(file, StandardCharsets.UTF_8);

		assertThat(results).hasSize(2);
		assertThat(results.get(1)).isEqualTo("5 rejected S2 id_no must be 18 characters");
	}

	@Test
	void exceptionOfTheSinkStopsTheRead() throws IOException {
		Path file = write(utf8(HEADER + "\n" + row("S1", "王小明", ID_1) + "\n" + row("S2", "李雷", ID_2) + "\n"
				+ row("S3", "韩梅梅", ID_3) + "\n"));
		RosterReader reader = new RosterReader(file, StandardCharsets.UTF_8, FILE_DATE);
		RosterScan scan = reader.scan();
		List<Long> lines = new ArrayList<>();
		IllegalStateException full = new IllegalStateException("store is full");

		assertThatThrownBy(() -> reader.read(scan, new RosterRowSink() {

			@Override
			public void accepted(long line, RosterStudent student) {
				lines.add(line);
				if (line == 3) {
					throw full;
				}
			}

			@Override
			public void rejected(long line, String studentNo, String field, String reason) {
				lines.add(line);
			}

		})).isSameAs(full);
		assertThat(lines).containsExactly(2L, 3L);
	}

	@Test
	void columnConstantsFollowFilesMd() {
		assertThat(RosterReader.COLUMNS).containsExactly("student_no", "name", "id_type", "id_no", "level", "salaried",
				"status", "enrolled_on", "expected_graduation");
		assertThat(RosterReader.REQUIRED_COLUMNS).containsExactly("student_no", "name", "id_no", "level", "salaried",
				"status", "enrolled_on", "expected_graduation");
	}

	private static String row(String studentNo, String name, String idNo) {
		return studentNo + "," + name + ",," + idNo + ",MASTER,N,ENROLLED,2024-09-01,2027-06-30";
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> read(Path file, Charset charset) throws Exception {
		RosterReader reader = new RosterReader(file, charset, FILE_DATE);
		return read(reader, reader.scan());
	}

	private static List<String> read(RosterReader reader, RosterScan scan) throws Exception {
		List<String> results = new ArrayList<>();
		reader.read(scan, new RosterRowSink() {

			@Override
			public void accepted(long line, RosterStudent student) {
				results.add(line + " accepted " + student);
			}

			@Override
			public void rejected(long line, String studentNo, String field, String reason) {
				results.add(line + " rejected " + studentNo + " " + field + " " + reason);
			}

		});
		return results;
	}

	private static InboundFileException scanFailure(Path file, Charset charset) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class,
				() -> new RosterReader(file, charset, FILE_DATE).scan());
		assertThat(ex).as("scanning %s fails", file.getFileName()).isNotNull();
		return ex;
	}

}
