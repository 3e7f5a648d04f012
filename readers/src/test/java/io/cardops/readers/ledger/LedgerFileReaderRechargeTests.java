package io.cardops.readers.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.readers.ledger.RecordingSink.Row;

import static io.cardops.readers.Fixtures.utf8;
import static io.cardops.readers.ledger.LedgerFixtures.BOM;
import static io.cardops.readers.ledger.LedgerFixtures.cell;
import static io.cardops.readers.ledger.LedgerFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link LedgerFileReader#readRecharges} against recharge files.
 */
class LedgerFileReaderRechargeTests {

	private static final String FILE = "recharges_BMAC_APP_20260901_01.csv";

	private static final LocalDate FILE_DATE = LocalDate.of(2026, 9, 1);

	private static final String HEADER = "recharge_id,card_no,card_seq,recharged_at,amount_fen,balance_after_fen,"
			+ "payment_ref";

	private static final String CARD_1 = "3104000000000000017";

	private static final String CARD_2 = "3104000000000000025";

	private static final String GOOD_ROW = "R0," + CARD_2 + ",3,2026-09-01T09:00:00+08:00,5000,5200,PAY-2026.09:01_x";

	@TempDir
	Path dir;

	@Test
	void wellFormedRowsReachTheSinkAsRechargesInFileOrderWithTheirLines() throws Exception {
		Path file = write(utf8(HEADER + "\n" + """
				R1,3104000000000000017,4,2026-09-01T07:45:12+08:00,5000,4000,WX-0001
				R2,3104000000000000017,5,2026-09-01T12:00:00,2000,6000,
				R3,3104000000000000025,9,2026-09-01T01:00:00Z,10000,9950,"ALI:77"
				"""));
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(sink.malformed).isEmpty();
		assertThat(sink.rows).containsExactly(
				new Row<>(2,
						new Recharge("R1", CARD_1, 4, Instant.parse("2026-08-31T23:45:12Z"), 5000, 4000, "WX-0001")),
				new Row<>(3, new Recharge("R2", CARD_1, 5, Instant.parse("2026-09-01T04:00:00Z"), 2000, 6000, null)),
				new Row<>(4,
						new Recharge("R3", CARD_2, 9, Instant.parse("2026-09-01T01:00:00Z"), 10000, 9950, "ALI:77")));
		assertThat(totals.totals().records()).isEqualTo(3);
		assertThat(totals.totals().sum().readable()).hasToString("17000");
		assertThat(totals.warnings()).isEmpty();
	}

	@Test
	void totalsCountDataRowsSumAmountFenAndHashTheFileBytes() throws Exception {
		byte[] bytes = utf8(HEADER + "\r\n" + row("R1", 1, "5000", "") + "\r\n" + "\r\n\r\n"
				+ row("R2", 2, "3000", "P2") + "\r\n" + "\t\r\n" + row("R3", 3, "150", "") + "\r\n\r\n");
		Path file = write(bytes);
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(3, 8150, sha256(bytes)));
		assertThat(sink.rowLines()).containsExactly(2L, 5L, 7L);
	}

	@Test
	void totalsAgreeWithTheControlFileTheSenderWrites() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + row("R1", 1, "5000", "") + "\n" + GOOD_ROW + "\n");
		Path file = write(bytes);
		Fixtures.write(this.dir.resolve(FILE + ".ctl"),
				utf8("records=2\nsum_fen=10000\nsha256=" + sha256(bytes) + "\n"));

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, new RecordingSink<>());

		assertThat(ControlFile.read(file).mismatch(totals.totals())).isNull();
	}

	@Test
	void malformedRowsCountInRecordsAndTheirParseableAmountsInTheSum() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + row("R1", 1, "5000", "") + "\n" + row("R2", 2, "-300", "") + "\n"
				+ row("R3", 0, "700", "") + "\n" + row("R4", 4, "50.00", "") + "\n" + row("R5", 5, "0", "P 5") + "\n"
				+ GOOD_ROW + "\n");
		Path file = write(bytes);
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(6, 5000 - 300 + 700 + 5000, sha256(bytes)));
		assertThat(sink.malformedLines()).containsExactly(3L, 4L, 5L, 6L);
		assertThat(sink.rowLines()).containsExactly(2L, 7L);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					`R 1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`      | recharge_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`         | recharge_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`R1,31040000000000000AB,5,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`       | card_no must be exactly 19 digits
					`R1,,5,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`                          | card_no must be exactly 19 digits
					`R1,3104000000000000017,0,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`       | card_seq must be an integer >= 1 of at most 15 digits
					`R1,3104000000000000017,x,2026-09-01T09:00:00+08:00,5000,6800,PAY-1`       | card_seq must be an integer >= 1 of at most 15 digits
					`R1,3104000000000000017,5,2026/09/01 09:00,5000,6800,PAY-1`                | recharged_at '2026/09/01 09:00' is not an ISO-8601 instant
					`R1,3104000000000000017,5,,5000,6800,PAY-1`                                | recharged_at '' is not an ISO-8601 instant
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,0,6800,PAY-1`          | amount_fen must be an integer > 0
					`R1,3104000000000000017,5,2026-09-03T09:00:00+08:00,5000,6800,PAY-1`       | recharged_at 2026-09-03T09:00:00+08:00 is after its file's clearing date 2026-09-01
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,-5000,6800,PAY-1`      | amount_fen must be an integer > 0
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,50.00,6800,PAY-1`      | amount_fen must be an integer > 0; '50.00' has a decimal point
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,,6800,PAY-1`           | amount_fen must be an integer > 0
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,+5000,6800,PAY-1`      | amount_fen must be an integer > 0; '+5000' has a plus sign
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,"6,800",PAY-1`    | balance_after_fen must be an integer; '6,800' has a thousands separator
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,,PAY-1`           | balance_after_fen must be an integer
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,68.00,PAY-1`      | balance_after_fen must be an integer; '68.00' has a decimal point
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,999999999999999,999999999999999,PAY-1` | amount_fen 999999999999999 is more than the 10,000,000 fen a file may carry
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,10000001,PAY-1`   | balance_after_fen 10000001 is more than the 10,000,000 fen a file may carry
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800,PAY 1`       | payment_ref must be empty or 1-64 of A-Z a-z 0-9 _ . : -
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800,PAY/1`       | payment_ref must be empty or 1-64 of A-Z a-z 0-9 _ . : -
					`R1,3104000000000000017,0,2026-09-01,0,x,PAY 1`                            | card_seq must be an integer >= 1 of at most 15 digits
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800`             | has 6 cells, the header has 7
					`R1,3104000000000000017,5,2026-09-01T09:00:00+08:00,5000,6800,PAY-1,`      | has 8 cells, the header has 7
					""")
	void malformedRowReachesTheSinkWithItsReasonLineAndRawCells(String row, String reason) throws Exception {
		// The malformed row is on physical line 4: header, a good row, a blank line.
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n\n" + row + "\n"));
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(sink.malformed).containsExactly(new Malformed(4, cell(row, 1), cell(row, 2), null, null, reason));
		assertThat(sink.rowLines()).containsExactly(2L);
		assertThat(totals.totals().records()).isEqualTo(2);
	}

	@Test
	void leadingBomIsAcceptedAndHashed() throws Exception {
		byte[] rest = utf8(HEADER + "\r\n" + GOOD_ROW + "\r\n");
		Path file = write(BOM, rest);
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(sink.rows).containsExactly(new Row<>(2,
				new Recharge("R0", CARD_2, 3, Instant.parse("2026-09-01T01:00:00Z"), 5000, 5200, "PAY-2026.09:01_x")));
		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(1, 5000, sha256(BOM, rest)));
	}

	@Test
	void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownColumnsAreWarnedAbout() throws Exception {
		Path file = write(utf8("Payment_Ref,operator_note,BALANCE_AFTER_FEN,amount_fen,recharged_at,card_seq,card_no,"
				+ "Recharge_ID\n" + ",柜台,900,500,2026-09-01T10:00:00+08:00,2," + CARD_1 + ",R7\n"));
		RecordingSink<Recharge> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readRecharges(file, FILE_DATE, sink);

		assertThat(sink.rows).containsExactly(
				new Row<>(2, new Recharge("R7", CARD_1, 2, Instant.parse("2026-09-01T02:00:00Z"), 500, 900, null)));
		assertThat(totals.warnings()).containsExactly(FILE + ": line 1: unknown column operator_note ignored");
	}

	@Test
	void missingRequiredColumnRejectsTheFileNamingTheColumn() throws IOException {
		Path file = write(utf8("recharge_id,card_no,card_seq,recharged_at,amount_fen,balance_after_fen\n" + "R1,"
				+ CARD_1 + ",1,2026-09-01T10:00:00+08:00,500,500\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: missing required column payment_ref");
	}

	@Test
	void columnConstantsFollowFilesMd() {
		assertThat(LedgerFileReader.RECHARGE_COLUMNS).containsExactly("recharge_id", "card_no", "card_seq",
				"recharged_at", "amount_fen", "balance_after_fen", "payment_ref");
	}

	private static String row(String rechargeId, long seq, String amount, String paymentRef) {
		return rechargeId + "," + CARD_1 + "," + seq + ",2026-09-01T09:00:00+08:00," + amount + ",9000," + paymentRef;
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static InboundFileException readFailure(Path file) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class,
				() -> LedgerFileReader.readRecharges(file, FILE_DATE, new RecordingSink<>()));
		assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
		return ex;
	}

}
