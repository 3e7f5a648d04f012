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

import io.cardops.domain.ledger.PaymentType;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.readers.ledger.RecordingSink.Row;

import static io.cardops.readers.Fixtures.utf8;
import static io.cardops.readers.ledger.LedgerFixtures.BOM;
import static io.cardops.readers.ledger.LedgerFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link LedgerFileReader#readPayments} against payment statements.
 */
class LedgerFileReaderPaymentTests {

	private static final String FILE = "payments_ALIPAY_20260901_01.csv";

	private static final LocalDate FILE_DATE = LocalDate.of(2026, 9, 1);

	private static final String HEADER = "payment_ref,type,paid_at,amount_fen,fee_fen,original_ref";

	private static final String GOOD_ROW = "P0,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,";

	@TempDir
	Path dir;

	@Test
	void wellFormedRowsReachTheSinkAsPaymentsInFileOrderWithTheirLines() throws Exception {
		Path file = write(utf8(HEADER + "\n" + "ALI:0001,PAYMENT,2026-09-01T07:45:12+08:00,5000,30,\n"
				+ "ALI:0002,PAYMENT,2026-09-01T08:00:00,2000,0,\n"
				+ "ALI:0003,REFUND,2026-09-01T02:00:00Z,5000,0,ALI:0001\n"));
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		assertThat(sink.malformed).isEmpty();
		assertThat(sink.rows).containsExactly(
				new Row<>(2,
						new Payment("ALI:0001", PaymentType.PAYMENT, Instant.parse("2026-08-31T23:45:12Z"), 5000, 30,
								null)),
				new Row<>(3,
						new Payment("ALI:0002", PaymentType.PAYMENT, Instant.parse("2026-09-01T00:00:00Z"), 2000, 0,
								null)),
				new Row<>(4, new Payment("ALI:0003", PaymentType.REFUND, Instant.parse("2026-09-01T02:00:00Z"), 5000, 0,
						"ALI:0001")));
		assertThat(totals.warnings()).isEmpty();
	}

	@Test
	void totalsAddTheAmountsOfPaymentsAndRefundsAlikeAndHashTheFileBytes() throws Exception {
		byte[] bytes = utf8(HEADER + "\r\n" + "\r\n" + "P1,PAYMENT,2026-09-01T08:00:00+08:00,5000,30,\r\n"
				+ "P2,PAYMENT,2026-09-01T08:05:00+08:00,2000,12,\r\n" + " \r\n"
				+ "P3,REFUND,2026-09-01T09:00:00+08:00,5000,0,P1\r\n");
		Path file = write(bytes);
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(3, 12000, sha256(bytes)));
		assertThat(sink.rowLines()).containsExactly(3L, 4L, 6L);
	}

	@Test
	void totalsAgreeWithTheControlFileTheSenderWrites() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + GOOD_ROW + "\n" + "P9,REFUND,2026-09-01T09:00:00+08:00,5000,0,P0\n");
		Path file = write(bytes);
		Fixtures.write(this.dir.resolve(FILE + ".ctl"),
				utf8("records=2\nsum_fen=10000\nsha256=" + sha256(bytes) + "\n"));

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, new RecordingSink<>());

		assertThat(ControlFile.read(file).mismatch(totals.totals())).isNull();
	}

	@Test
	void malformedRowsCountInRecordsAndTheirParseableAmountsInTheSum() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + GOOD_ROW + "\n" + "P1,REFUND,2026-09-01T09:00:00+08:00,5000,0,\n"
				+ "P2,PAYMENT,2026-09-01T09:00:00+08:00,-100,0,\n" + "P3,CHARGEBACK,2026-09-01T09:00:00+08:00,700,0,\n"
				+ "P4,PAYMENT,2026-09-01T09:00:00+08:00,1.00,0,\n");
		Path file = write(bytes);
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(5, 5000 + 5000 - 100 + 700, sha256(bytes)));
		assertThat(sink.malformedLines()).containsExactly(3L, 4L, 5L, 6L);
		assertThat(sink.rowLines()).containsExactly(2L);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					`P 1,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,`             | payment_ref must be 1-64 of A-Z a-z 0-9 _ . : -
					`,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,`                | payment_ref must be 1-64 of A-Z a-z 0-9 _ . : -
					`P1,CHARGEBACK,2026-09-01T08:59:00+08:00,5000,30,`           | type 'CHARGEBACK' must be one of PAYMENT, REFUND
					`P1,payment,2026-09-01T08:59:00+08:00,5000,30,`              | type 'payment' must be one of PAYMENT, REFUND
					`P1,,2026-09-01T08:59:00+08:00,5000,30,`                     | type '' must be one of PAYMENT, REFUND
					`P1,PAYMENT,2026-09-01 08:59:00,5000,30,`                    | paid_at '2026-09-01 08:59:00' is not an ISO-8601 instant
					`P1,PAYMENT,,5000,30,`                                       | paid_at '' is not an ISO-8601 instant
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,0,30,`                 | amount_fen must be an integer > 0
					`P1,PAYMENT,2026-09-03T00:00:00,5000,30,`                    | paid_at 2026-09-03T00:00:00 is after its file's clearing date 2026-09-01
					`P1,REFUND,2026-09-01T08:59:00+08:00,-5000,0,P0`             | amount_fen must be an integer > 0
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,,30,`                  | amount_fen must be an integer > 0
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,-30,`             | fee_fen must be an integer >= 0
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,,`                | fee_fen must be an integer >= 0
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,0.3,`             | fee_fen must be an integer >= 0; '0.3' has a decimal point
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,10000001,0,`             | amount_fen 10000001 is more than the 10,000,000 fen a file may carry
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,10000000,123456789012345678901234567890,` | fee_fen 123456789012345678901... is more than the 10,000,000 fen a file may carry
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,P0`            | original_ref is only for REFUND
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,P 0`           | original_ref is only for REFUND
					`P1,REFUND,2026-09-01T08:59:00+08:00,5000,0,`                | original_ref is required on a REFUND
					`P1,REFUND,2026-09-01T08:59:00+08:00,5000,0,P/0`             | original_ref must be 1-64 of A-Z a-z 0-9 _ . : -
					`P1,VOID,2026-09-01,0,-1,P 0`                                | type 'VOID' must be one of PAYMENT, REFUND
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,30`               | has 5 cells, the header has 6
					`P1,PAYMENT,2026-09-01T08:59:00+08:00,5000,30,,`             | has 7 cells, the header has 6
					""")
	void malformedRowReachesTheSinkWithItsReasonAndLine(String row, String reason) throws Exception {
		// The malformed row is on physical line 4: header, a good row, a blank line.
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n\n" + row + "\n"));
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		// A payment statement has no card columns.
		assertThat(sink.malformed).containsExactly(new Malformed(4, null, null, null, null, reason));
		assertThat(sink.rowLines()).containsExactly(2L);
		assertThat(totals.totals().records()).isEqualTo(2);
	}

	@Test
	void leadingBomIsAcceptedAndHashed() throws Exception {
		byte[] rest = utf8(HEADER + "\r\n" + GOOD_ROW + "\r\n");
		Path file = write(BOM, rest);
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		assertThat(sink.rows).containsExactly(new Row<>(2,
				new Payment("P0", PaymentType.PAYMENT, Instant.parse("2026-09-01T00:59:00Z"), 5000, 30, null)));
		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(1, 5000, sha256(BOM, rest)));
	}

	@Test
	void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownColumnsAreWarnedAbout() throws Exception {
		Path file = write(utf8("Original_Ref,FEE_FEN,merchant,amount_fen,Paid_At,TYPE,payment_ref\n"
				+ "P1,0,BMAC,5000,2026-09-01T09:00:00+08:00,REFUND,P2\n"));
		RecordingSink<Payment> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readPayments(file, FILE_DATE, sink);

		assertThat(sink.rows).containsExactly(new Row<>(2,
				new Payment("P2", PaymentType.REFUND, Instant.parse("2026-09-01T01:00:00Z"), 5000, 0, "P1")));
		assertThat(totals.warnings()).containsExactly(FILE + ": line 1: unknown column merchant ignored");
	}

	@Test
	void missingRequiredColumnRejectsTheFileNamingTheColumn() throws IOException {
		Path file = write(utf8("payment_ref,type,paid_at,amount_fen,original_ref\n" + GOOD_ROW + "\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: missing required column fee_fen");
	}

	@Test
	void columnConstantsFollowFilesMd() {
		assertThat(LedgerFileReader.PAYMENT_COLUMNS).containsExactly("payment_ref", "type", "paid_at", "amount_fen",
				"fee_fen", "original_ref");
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static InboundFileException readFailure(Path file) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class,
				() -> LedgerFileReader.readPayments(file, FILE_DATE, new RecordingSink<>()));
		assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
		return ex;
	}

}
