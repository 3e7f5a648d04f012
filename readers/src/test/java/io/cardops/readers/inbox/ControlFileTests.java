package io.cardops.readers.inbox;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

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
		assertThat(control.mismatch(totals(3, 1250, SHA))).isNull();
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
					records missing          | `sum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | must give records=, sum_fen= and sha256=; records= is missing
					sum_fen missing          | `records=3\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`     | must give records=, sum_fen= and sha256=; sum_fen= is missing
					sha256 missing           | `records=3\\nsum_fen=1250`                                                                    | must give records=, sum_fen= and sha256=; sha256= is missing
					records without =        | `records 3\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | must give records=, sum_fen= and sha256=; records= is missing
					empty control file       | ``                                                                                              | must give records=, sum_fen= and sha256=; records= and sum_fen= and sha256= are missing
					records empty            | `records=\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : records= '' is not a non-negative integer
					records not a number     | `records=three\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : records= 'three' is not a non-negative integer
					records negative         | `records=-3\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : records= '-3' is not a non-negative integer
					sum_fen with decimals    | `records=3\\nsum_fen=12.50\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : sum_fen= '12.50' is not an integer
					sum_fen with a separator | `records=3\\nsum_fen=1,250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : sum_fen= '1,250' is not an integer
					sum_fen empty            | `records=3\\nsum_fen=\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`     | : sum_fen= '' is not an integer
					sum_fen not a number     | `records=3\\nsum_fen=abc\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`  | : sum_fen= 'abc' is not an integer
					sha256 too short         | `records=3\\nsum_fen=1250\\nsha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85` | : sha256= 'e3b0c44298fc1c149afbf4c8...' is not 64 hexadecimal characters
					sha256 not hex           | `records=3\\nsum_fen=1250\\nsha256=g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` | : sha256= 'g3b0c44298fc1c149afbf4c8...' is not 64 hexadecimal characters
					sha256 not printable     | `records=3\\nsum_fen=1250\\nsha256=\u202Eabc`                                                  | : sha256= '?abc' is not 64 hexadecimal characters
					""")
	void missingOrMalformedValueRejectsTheDataFileNamingTheKey(String description, String text, String problem)
			throws IOException {
		writeControl(utf8(text.replace("\\n", "\n")));

		InboundFileException ex = readFailure();

		String reason = "control file " + CONTROL + (problem.startsWith(":") ? "" : " ") + problem;
		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.line()).isZero();
		assertThat(ex.reason()).isEqualTo(reason);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": " + reason);
	}

	@ParameterizedTest(name = "{0} given twice")
	@CsvSource({ "records,records=3", "sum_fen,sum_fen=1250", "sha256,SHA256 = " + SHA })
	void aKeyGivenTwiceRejectsTheDataFileNamingBothLines(String key, String again) throws IOException {
		writeControl(utf8("records=3\nsum_fen=1250\n\nsha256=" + SHA + "\n" + again + "\n"));

		InboundFileException ex = readFailure();

		int first = switch (key) {
			case "records" -> 1;
			case "sum_fen" -> 2;
			default -> 4;
		};
		assertThat(ex.reason())
			.isEqualTo("control file " + CONTROL + " gives " + key + "= twice (lines " + first + " and 5)");
	}

	@Test
	void recordsGivenTwiceWithTheSameValueIsStillRefused() throws IOException {
		writeControl(utf8("records=3\r\nsum_fen=1250\r\nrecords=3\r\nsha256=" + SHA + "\r\n"));

		assertThat(readFailure().reason())
			.isEqualTo("control file " + CONTROL + " gives records= twice (lines 1 and 3)");
	}

	@Test
	void linesOfAControlFileWithCarriageReturnsOnlyAreCounted() throws IOException {
		writeControl(utf8("records=3\rsum_fen=1250\rrecords=4\rsha256=" + SHA + "\r"));

		assertThat(readFailure().reason())
			.isEqualTo("control file " + CONTROL + " gives records= twice (lines 1 and 3)");
	}

	@ParameterizedTest(name = "sum_fen={0}")
	@CsvSource({ "9999999999999999999", "-5", "-9223372036854775809", "123456789012345678901234567890", "-0" })
	void aSumOfAnySizeAndSignIsAnInteger(String sum) throws IOException {
		writeControl(utf8("records=3\nsum_fen=" + sum + "\nsha256=" + SHA + "\n"));

		assertThat(ControlFile.read(dataFile())).isEqualTo(new ControlFile(3, new BigInteger(sum), SHA));
	}

	@Test
	void aControlFileLargerThanSixtyFourKibIsRefused() throws IOException {
		writeControl(utf8("records=3\nsum_fen=1250\nsha256=" + SHA + "\n# " + "x".repeat(70_000) + "\n"));

		assertThat(readFailure().reason()).isEqualTo(
				"control file " + CONTROL + " is larger than 64 KiB; it must hold records=, sum_fen= and sha256=");
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

		assertThat(control.mismatch(totals(3, 1250, SHA))).isNull();
	}

	@Test
	void differentSha256IsReportedFirst() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(totals(2, 900, OTHER_SHA)))
			.isEqualTo("content does not match its control file (sha256 differs)");
	}

	@Test
	void differentRecordCountIsReportedBeforeTheSum() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(totals(2, 900, SHA))).isEqualTo("control file says records=3, the file has 2");
	}

	@Test
	void differentSumIsReported() {
		ControlFile control = new ControlFile(3, 1250, SHA);

		assertThat(control.mismatch(totals(3, 1200, SHA)))
			.isEqualTo("control file says sum_fen=1250, the file sums to 1200");
	}

	@Test
	void aSumBeyondALongIsComparedExactly() {
		ControlFile control = new ControlFile(11000, new BigInteger("10999999999999989000"), SHA);

		assertThat(control.mismatch(new FileTotals(11000,
				new AmountSum("amount_fen", new BigInteger("10999999999999989000"), 0, List.of()), SHA)))
			.isNull();
		assertThat(control.mismatch(totals(11000, Long.MAX_VALUE, SHA)))
			.isEqualTo("control file says sum_fen=10999999999999989000, the file sums to 9223372036854775807");
	}

	@Test
	void rowsWithoutAReadableAmountAreNamedInASumMismatch() {
		ControlFile control = new ControlFile(5, 900, SHA);

		assertThat(control.mismatch(
				new FileTotals(5, new AmountSum("charged_fen", BigInteger.valueOf(400), 2, List.of(3L, 5L)), SHA)))
			.isEqualTo("control file says sum_fen=900; the file's readable charged_fen values sum to 400, and 2 rows"
					+ " have no readable charged_fen (lines 3, 5)");
		assertThat(control
			.mismatch(new FileTotals(5, new AmountSum("charged_fen", BigInteger.valueOf(400), 1, List.of(4L)), SHA)))
			.isEqualTo("control file says sum_fen=900; the file's readable charged_fen values sum to 400, and 1 row"
					+ " has no readable charged_fen (line 4)");
		assertThat(control.mismatch(
				new FileTotals(5, new AmountSum("amount_fen", BigInteger.ZERO, 7, List.of(2L, 3L, 4L, 5L, 6L)), SHA)))
			.isEqualTo("control file says sum_fen=900; the file's readable amount_fen values sum to 0, and 7 rows"
					+ " have no readable amount_fen (lines 2, 3, 4, 5, 6 and 2 more)");
	}

	private static FileTotals totals(long records, long sum, String sha256) {
		return new FileTotals(records, AmountSum.of("charged_fen", sum), sha256);
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
