package io.cardops.readers.inbox;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.readers.csv.InboundFileException;

import static io.cardops.readers.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ControlFile}.
 */
class ControlFileTests {

	private static final String FILE = "cardevents_BMAC_APP_20260901_01.csv";

	private static final String CONTROL = FILE + ".ctl";

	// SHA-256 of the empty input.
	private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private static final String OTHER_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static final String INCOMPLETE = "control file " + CONTROL + " must give records=, sum_fen= and sha256=";

	@TempDir
	Path dir;

	@Test
	void controlFileIsTheDataFileNameWithCtlAppendedInTheSameFolder() {
		assertThat(ControlFile.of(Path.of("data", "inbox", FILE))).isEqualTo(Path.of("data", "inbox", CONTROL));
	}

	@Test
	void recordsSumAndSha256AreRead() throws IOException {
		writeControl(utf8("records=3\nsum_fen=1250\nsha256=" + SHA + "\n"));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(3, 1250, SHA));
	}

	@Test
	void keysMayComeInAnyOrderWithCrlfAndSpacesAroundTheEqualsSign() throws IOException {
		writeControl(utf8("sha256 = " + SHA + "\r\n  sum_fen= 0 \r\n\r\nrecords =12\r\n"));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(12, 0, SHA));
	}

	@Test
	void lastLineWithoutALineEndIsRead() throws IOException {
		writeControl(utf8("records=1\nsum_fen=7\nsha256=" + SHA));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(1, 7, SHA));
	}

	@Test
	void linesWithoutAKnownKeyAreIgnored() throws IOException {
		writeControl(utf8("# written by BMAC\nversion=2\nrecords=2\nsum_fen=100\nsha256=" + SHA + "\n"));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(2, 100, SHA));
	}

	@Test
	void upperCaseHexIsReadAsLowerCaseAndMatchesTheLowerCaseDigest() throws IOException {
		writeControl(utf8("records=3\nsum_fen=1250\nsha256=" + SHA.toUpperCase() + "\n"));

		ControlFile control = ControlFile.read(dataFile());

		assertThat(control.sha256()).isEqualTo(SHA);
		assertThat(control.mismatch(new ControlFile(3, 1250, SHA))).isNull();
	}

	@Test
	void missingControlFileRejectsTheDataFileNamingTheControlFile() {
		InboundFileException ex = readFailure();

		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.line()).isZero();
		assertThat(ex.reason()).isEqualTo("no control file " + CONTROL);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": no control file " + CONTROL);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					records missing          | `sum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					sum_fen missing          | `records=3\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					sha256 missing           | `records=3\\nsum_fen=1250`
					records empty            | `records=\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					records not a number     | `records=three\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					sum_fen with decimals    | `records=3\\nsum_fen=12.50\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					sum_fen with a separator | `records=3\\nsum_fen=1,250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					records without =        | `records 3\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					sha256 too short         | `records=3\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85`
					sha256 not hex           | `records=3\\nsum_fen=1250\\nsha256=g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`
					empty control file       | ``
					""")
	void missingOrNonNumericValueRejectsTheDataFile(String description, String text) throws IOException {
		writeControl(utf8(text.replace("\\n", "\n")));

		InboundFileException ex = readFailure();

		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.line()).isZero();
		assertThat(ex.reason()).isEqualTo(INCOMPLETE);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": " + INCOMPLETE);
	}

	@Test
	void leadingBomIsAccepted() throws IOException {
		writeControl(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				utf8("records=3\r\nsum_fen=1250\r\nsha256=" + SHA + "\r\n"));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(3, 1250, SHA));
	}

	@Test
	void bytesThatAreNotUtf8RejectTheDataFile() throws IOException {
		writeControl(utf8("records=3\nsum_fen=1250\n"), "备注=无\n".getBytes(Charset.forName("GB18030")),
				utf8("sha256=" + SHA + "\n"));

		InboundFileException ex = readFailure();

		assertThat(ex.fileName()).isEqualTo(FILE);
	}

	@Test
	void equalTotalsHaveNoMismatch() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(new ControlFile(3, 1250, SHA))).isNull();
	}

	@Test
	void differentSha256IsReportedFirst() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(new ControlFile(2, 900, OTHER_SHA)))
			.isEqualTo("content does not match its control file (sha256 differs)");
	}

	@Test
	void differentRecordCountIsReportedBeforeTheSum() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(new ControlFile(2, 900, SHA)))
			.isEqualTo("control file says records=3, the file has 2");
	}

	@Test
	void differentSumIsReported() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(new ControlFile(3, 1200, SHA)))
			.isEqualTo("control file says sum_fen=1250, the file sums to 1200");
	}

	private Path dataFile() {
		return this.dir.resolve(FILE);
	}

	private void writeControl(byte[]... parts) throws IOException {
		Fixtures.write(this.dir.resolve(CONTROL), parts);
	}

	private InboundFileException readFailure() {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class, () -> ControlFile.read(dataFile()));
		assertThat(ex).as("reading the control file of %s fails", FILE).isNotNull();
		return ex;
	}

}
