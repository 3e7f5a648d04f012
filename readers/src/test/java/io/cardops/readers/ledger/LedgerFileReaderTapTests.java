package io.cardops.readers.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.AmountSum;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.readers.ledger.RecordingSink.Row;

import static io.cardops.readers.Fixtures.utf8;
import static io.cardops.readers.ledger.LedgerFixtures.BOM;
import static io.cardops.readers.ledger.LedgerFixtures.cell;
import static io.cardops.readers.ledger.LedgerFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link LedgerFileReader#readTaps} against tap files.
 */
class LedgerFileReaderTapTests {

	private static final String FILE = "taps_BJMTR_20260901_01.csv";

	private static final LocalDate FILE_DATE = LocalDate.of(2026, 9, 1);

	private static final String HEADER = "txn_id,card_no,card_seq,tapped_at,mode,line,station,device_id,tap_type,"
			+ "full_fare_fen,charged_fen,discount,balance_after_fen";

	private static final String CARD_1 = "3104000000000000017";

	private static final String CARD_2 = "3104000000000000025";

	private static final String GOOD_ROW = "T0," + CARD_2
			+ ",1,2026-09-01T08:00:00+08:00,BUS,300路,公主坟,V-300-12,SINGLE,200,100,STUDENT,900";

	@TempDir
	Path dir;

	@Test
	void wellFormedRowsReachTheSinkAsTapsInFileOrderWithTheirLines() throws Exception {
		Path file = write(utf8(HEADER + "\n"
				+ """
						T1,3104000000000000017,1,2026-09-01T07:45:12+08:00,METRO,4号线,北京大学东门,G-0402-01,ENTRY,0,0,STUDENT,1000
						T2,3104000000000000017,2,2026-09-01T08:10:00,METRO,4号线,"Xizhimen, North",G-0413-07,EXIT,400,200,STUDENT,800
						T3,3104000000000000025,7,2026-09-01T01:00:00Z,BUS,300路,公主坟,V-300-12,SINGLE,200,100,STANDARD,-50
						T4,3104000000000000025,8,2026-09-01T09:30:00+08:00,BUS,300路,六里桥,V-300-12,SINGLE,200,200,NONE,-250
						"""));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.malformed).isEmpty();
		assertThat(sink.rows).containsExactly(
				new Row<>(2,
						new Tap("T1", CARD_1, 1, Instant.parse("2026-08-31T23:45:12Z"), TravelMode.METRO, "4号线",
								"北京大学东门", "G-0402-01", TapType.ENTRY, 0, 0, Discount.STUDENT, 1000)),
				new Row<>(3,
						new Tap("T2", CARD_1, 2, Instant.parse("2026-09-01T00:10:00Z"), TravelMode.METRO, "4号线",
								"Xizhimen, North", "G-0413-07", TapType.EXIT, 400, 200, Discount.STUDENT, 800)),
				new Row<>(4,
						new Tap("T3", CARD_2, 7, Instant.parse("2026-09-01T01:00:00Z"), TravelMode.BUS, "300路", "公主坟",
								"V-300-12", TapType.SINGLE, 200, 100, Discount.STANDARD, -50)),
				new Row<>(5, new Tap("T4", CARD_2, 8, Instant.parse("2026-09-01T01:30:00Z"), TravelMode.BUS, "300路",
						"六里桥", "V-300-12", TapType.SINGLE, 200, 200, Discount.NONE, -250)));
		assertThat(totals.totals().records()).isEqualTo(4);
		assertThat(totals.totals().sum().readable()).hasToString("500");
		assertThat(totals.warnings()).isEmpty();
	}

	@Test
	void totalsCountDataRowsSumChargedFenAndHashTheFileBytes() throws Exception {
		byte[] bytes = utf8(HEADER + "\r\n" + "\r\n" + row("T1", 1, "EXIT", 400, 200) + "\r\n" + "  \r\n"
				+ row("T2", 2, "SINGLE", 300, 150) + "\r\n" + row("T3", 3, "ENTRY", 0, 0) + "\r\n\r\n"
				+ row("T4", 4, "EXIT", 500, 500) + "\r\n\r\n\n");
		Path file = write(bytes);
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(4, 850, sha256(bytes)));
		assertThat(sink.rowLines()).containsExactly(3L, 5L, 6L, 8L);
	}

	@Test
	void totalsAgreeWithTheControlFileTheSenderWrites() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + row("T1", 1, "EXIT", 400, 200) + "\n" + GOOD_ROW + "\n");
		Path file = write(bytes);
		Fixtures.write(this.dir.resolve(FILE + ".ctl"), utf8("records=2\nsum_fen=300\nsha256=" + sha256(bytes) + "\n"));

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, new RecordingSink<>());

		assertThat(ControlFile.read(file).mismatch(totals.totals())).isNull();
	}

	@Test
	void malformedRowsCountInRecordsAndTheirParseableChargesInTheSum() throws Exception {
		byte[] bytes = utf8(HEADER + "\n" + row("T1", 1, "EXIT", 400, 200) + "\n" + row("T2", 2, "ENTRY", 400, 400)
				+ "\n" + row("T3", 3, "EXIT", 100, -30) + "\n" + row("T4", 0, "EXIT", 500, 70) + "\n" + """
						T5,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G1,EXIT,400,12.5,STUDENT,0
						T6,3104000000000000017,6
						""" + GOOD_ROW + "\n");
		Path file = write(bytes);
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(7, 200 + 400 - 30 + 70 + 100, sha256(bytes)));
		assertThat(sink.malformedLines()).containsExactly(3L, 4L, 5L, 6L, 7L);
		assertThat(sink.rowLines()).containsExactly(2L, 8L);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					`T 1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`   | txn_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`      | txn_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`T/1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`   | txn_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`T1,310400000000000001,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`     | card_no must be exactly 19 digits
					`T1,31040000000000000170,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`   | card_no must be exactly 19 digits
					`T1,,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`                       | card_no must be exactly 19 digits
					`T1,3104000000000000017,0,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | card_seq must be an integer >= 1 of at most 15 digits
					`T1,3104000000000000017,-3,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`   | card_seq must be an integer >= 1 of at most 15 digits
					`T1,3104000000000000017,5.0,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`  | card_seq must be an integer >= 1 of at most 15 digits; '5.0' has a decimal point
					`T1,3104000000000000017,,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`     | card_seq must be an integer >= 1 of at most 15 digits
					`T1,3104000000000000017,５,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | card_seq must be an integer >= 1 of at most 15 digits; '５' has full-width digits
					`T1,3104000000000000017,5,2026-09-01,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`                   | tapped_at '2026-09-01' is not an ISO-8601 instant
					`T1,3104000000000000017,5,2026-09-31T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | tapped_at '2026-09-31T08:00:00+08:00' is not an ISO-8601 instant
					`T1,3104000000000000017,5,,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`                             | tapped_at '' is not an ISO-8601 instant
					`T1,3104000000000000017,5,2027-12-13T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | tapped_at 2027-12-13T08:00:00+08:00 is after its file's clearing date 2026-09-01
					`T1,3104000000000000017,5,2026-09-03T00:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | tapped_at 2026-09-03T00:00:00+08:00 is after its file's clearing date 2026-09-01
					`T1,3104000000000000017,5,2026-09-02T16:00:00Z,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`         | tapped_at 2026-09-02T16:00:00Z is after its file's clearing date 2026-09-01
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,TRAM,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`     | mode 'TRAM' must be one of METRO, BUS
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,metro,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`    | mode 'metro' must be one of METRO, BUS
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800`         | mode '' must be one of METRO, BUS
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,,Xidan,G-01,EXIT,400,200,STUDENT,1800`      | line must be 1-32 characters without control characters
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,,G-01,EXIT,400,200,STUDENT,1800`         | station must be 1-32 characters without control characters
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,,EXIT,400,200,STUDENT,1800`        | device_id must be 1-32 characters without control characters
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,TRANSFER,400,200,STUDENT,1800` | tap_type 'TRANSFER' must be one of ENTRY, EXIT, SINGLE
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,,400,200,STUDENT,1800`        | tap_type '' must be one of ENTRY, EXIT, SINGLE
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,-400,200,STUDENT,1800`   | full_fare_fen must be an integer >= 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,4.00,200,STUDENT,1800`   | full_fare_fen must be an integer >= 0; '4.00' has a decimal point
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,,200,STUDENT,1800`       | full_fare_fen must be an integer >= 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,-1,STUDENT,1800`     | charged_fen must be an integer >= 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,SINGLE,999999999999999,999999999999999,NONE,-999999999999999` | full_fare_fen 999999999999999 is more than the 10,000,000 fen a file may carry
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,10000001,STUDENT,1800`  | charged_fen 10000001 is more than the 10,000,000 fen a file may carry
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,10000000,10000000,NONE,-10000001` | balance_after_fen -10000001 is less than the -10,000,000 fen a file may carry
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,-99999999999999999999,0,NONE,0` | full_fare_fen must be an integer >= 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,,STUDENT,1800`       | charged_fen must be an integer >= 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,ENTRY,400,0,STUDENT,1800`     | an ENTRY must have full_fare_fen and charged_fen 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,ENTRY,400,200,STUDENT,1800`   | an ENTRY must have full_fare_fen and charged_fen 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,ENTRY,0,50,STUDENT,1800`      | an ENTRY must have full_fare_fen and charged_fen 0
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,200,300,STUDENT,1800`    | charged_fen must not exceed full_fare_fen
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,BUS,L1,Xidan,G-01,SINGLE,0,1,NONE,1800`           | charged_fen must not exceed full_fare_fen
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,CHILD,1800`      | discount 'CHILD' must be one of STUDENT, STANDARD, NONE
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,,1800`           | discount '' must be one of STUDENT, STANDARD, NONE
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,`        | balance_after_fen must be an integer
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,18.00`   | balance_after_fen must be an integer; '18.00' has a decimal point
					`T 1,31040000000000000,0,2026-09-31,TRAM,,,,TRANSFER,-1,-2,CHILD,x`                                   | txn_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`T1,3104000000000000017,0,2026-09-31,TRAM,,,,TRANSFER,-1,-2,CHILD,x`                                  | card_seq must be an integer >= 1 of at most 15 digits
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT`         | has 12 cells, the header has 13
					`T1,3104000000000000017,5,2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G-01,EXIT,400,200,STUDENT,1800,x`  | has 14 cells, the header has 13
					`T1,3104000000000000017,5`                                                                            | has 3 cells, the header has 13
					""")
	void malformedRowReachesTheSinkWithItsReasonLineAndRawCells(String row, String reason) throws Exception {
		// The malformed row is on physical line 4: header, a good row, a blank line.
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n\n" + row + "\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.malformed)
			.containsExactly(new Malformed(4, cell(row, 1), cell(row, 2), cell(row, 4), cell(row, 5), reason));
		assertThat(sink.rowLines()).containsExactly(2L);
		assertThat(totals.totals().records()).isEqualTo(2);
	}

	@Test
	void aTapDatedUpToADayAfterItsFilesDateIsRead() throws Exception {
		Path file = write(
				utf8(HEADER + "\n" + GOOD_ROW.replace("2026-09-01T08:00:00+08:00", "2026-09-02T23:59:59+08:00") + "\n"
						+ GOOD_ROW.replace("2026-09-01T08:00:00+08:00", "2026-08-01T08:00:00+08:00") + "\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.malformed).isEmpty();
		assertThat(sink.rowLines()).containsExactly(2L, 3L);
	}

	@Test
	void lineStationAndDeviceAreOneToThirtyTwoCharactersWithoutControlCharacters() throws Exception {
		String line32 = "地铁八通线".repeat(6) + "东延";
		String station33 = "天".repeat(33);
		// Characters, not UTF-16 units: each of these takes two.
		String device32 = "𠀋".repeat(32);
		Path file = write(utf8(HEADER + "\n" + tapAt("T1", line32, "Xidan", "G1") + "\n"
				+ tapAt("T2", "L1", station33, "G1") + "\n" + tapAt("T3", "L1", "Xi\tdan", "G1") + "\n"
				+ tapAt("T4", "L1", "Xidan", "\"G\u00071\"") + "\n" + tapAt("T5", "L1", "\"Xi\ndan\"", "G1") + "\n"
				+ tapAt("T6", "\"Line 1\"", "\"  Xidan \u3000\"", device32) + "\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(line32).hasSize(32);
		assertThat(sink.rows).extracting((row) -> row.row().txnId()).containsExactly("T1", "T6");
		assertThat(sink.rows).extracting((row) -> row.row().line()).containsExactly(line32, "Line 1");
		assertThat(sink.rows).extracting((row) -> row.row().station()).containsExactly("Xidan", "Xidan");
		assertThat(sink.rows).extracting((row) -> row.row().deviceId()).containsExactly("G1", device32);
		assertThat(sink.malformed).extracting(Malformed::line, Malformed::reason)
			.containsExactly(tuple(3L, "station must be 1-32 characters without control characters"),
					tuple(4L, "station contains a control character U+0009"),
					tuple(5L, "device_id contains a control character U+0007"),
					tuple(6L, "station contains a control character U+000A"));
	}

	@Test
	void lineStationAndDeviceWithAnInvisibleCharacterAreMalformedNamingItsCodePoint() throws Exception {
		Path file = write(utf8(HEADER + "\n" + tapAt("T1", "L\u202E1", "Xidan", "G1") + "\n"
				+ tapAt("T2", "L1", "Xi\u200Bdan", "G1") + "\n" + tapAt("T3", "L1", "Xidan", "G1\u2066") + "\n"
				+ tapAt("T4", "L1", "Xidan\uFEFF", "G1") + "\n" + tapAt("T5", "4号线", "北京大学东门", "G1") + "\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.rowLines()).containsExactly(6L);
		assertThat(sink.malformed).extracting(Malformed::line, Malformed::reason)
			.containsExactly(tuple(2L, "line contains an invisible character U+202E"),
					tuple(3L, "station contains an invisible character U+200B"),
					tuple(4L, "device_id contains an invisible character U+2066"),
					tuple(5L, "station contains an invisible character U+FEFF"));
	}

	@Test
	void idsOfSixtyFourCharactersAreAcceptedAndOfSixtyFiveRejected() throws Exception {
		String id64 = "A".repeat(60) + "_.:-";
		String id65 = id64 + "9";
		Path file = write(
				utf8(HEADER + "\n" + row(id64, 1, "EXIT", 400, 200) + "\n" + row(id65, 2, "EXIT", 400, 200) + "\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.rows).extracting((row) -> row.row().txnId()).containsExactly(id64);
		assertThat(sink.malformed).containsExactly(
				new Malformed(3, CARD_1, "2", "METRO", "L1", "txn_id must be 1-64 of A-Z a-z 0-9 _ . : -"));
	}

	@Test
	void leadingBomIsAcceptedAndHashed() throws Exception {
		byte[] rest = utf8(HEADER + "\r\n" + GOOD_ROW + "\r\n");
		Path file = write(BOM, rest);
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.rows).singleElement()
			.isEqualTo(new Row<>(2, new Tap("T0", CARD_2, 1, Instant.parse("2026-09-01T00:00:00Z"), TravelMode.BUS,
					"300路", "公主坟", "V-300-12", TapType.SINGLE, 200, 100, Discount.STUDENT, 900)));
		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(1, 100, sha256(BOM, rest)));
	}

	@Test
	void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownColumnsAreWarnedAbout() throws Exception {
		Path file = write(utf8("Balance_After_Fen,DISCOUNT,gate_model,charged_fen,full_fare_fen,tap_type,device_id,"
				+ "station,line,mode,tapped_at,card_seq,card_no,TXN_ID\n"
				+ "800,STUDENT,ZK-9,200,400,EXIT,G1,Xidan,L1,METRO,2026-09-01T08:00:00+08:00,2," + CARD_1 + ",T9\n"));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(sink.rows)
			.containsExactly(new Row<>(2, new Tap("T9", CARD_1, 2, Instant.parse("2026-09-01T00:00:00Z"),
					TravelMode.METRO, "L1", "Xidan", "G1", TapType.EXIT, 400, 200, Discount.STUDENT, 800)));
		assertThat(totals.warnings()).containsExactly(FILE + ": line 1: unknown column gate_model ignored");
	}

	@Test
	void headerOnlyFileHasNoRecords() throws Exception {
		byte[] bytes = utf8(HEADER + "\r\n");
		Path file = write(bytes);
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(totals.totals().asControl()).isEqualTo(new ControlFile(0, 0, sha256(bytes)));
		assertThat(sink.rows).isEmpty();
		assertThat(sink.malformed).isEmpty();
	}

	@Test
	void missingRequiredColumnRejectsTheFileNamingTheColumn() throws IOException {
		Path file = write(utf8(HEADER.replace(",station", "") + "\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: missing required column station");
	}

	@Test
	void everyColumnOfTheFormatIsRequired() throws IOException {
		Path file = write(utf8("txn_id,card_no,card_seq\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.reason()).isEqualTo("missing required columns tapped_at, mode, line, station, device_id, "
				+ "tap_type, full_fare_fen, charged_fen, discount, balance_after_fen");
	}

	@Test
	void emptyFileIsRejected() throws IOException {
		Path file = write(new byte[0]);

		InboundFileException ex = readFailure(file);

		assertThat(ex.getMessage()).isEqualTo(FILE + ": file is empty (no header row)");
	}

	@Test
	void missingFileIsRejected() {
		InboundFileException ex = readFailure(this.dir.resolve(FILE));

		assertThat(ex.getMessage()).isEqualTo(FILE + ": file not found");
	}

	@Test
	void aSumBeyondSixtyFourBitsIsExactAndItsRowsAreMalformed() throws Exception {
		long fare = 999_999_999_999_999L;
		long rows = Long.MAX_VALUE / fare + 1;
		StringBuilder text = new StringBuilder(HEADER + "\n");
		for (int i = 1; i <= rows; i++) {
			text.append(row("T" + i, i, "EXIT", fare, fare)).append('\n');
		}
		Path file = write(utf8(text.toString()));
		RecordingSink<Tap> sink = new RecordingSink<>();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		assertThat(totals.totals().sum().readable())
			.isEqualTo(BigInteger.valueOf(fare).multiply(BigInteger.valueOf(rows)))
			.isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
		assertThat(sink.rows).isEmpty();
		assertThat(sink.malformed).hasSize((int) rows)
			.extracting(Malformed::reason)
			.containsOnly("full_fare_fen 999999999999999 is more than the 10,000,000 fen a file may carry");
	}

	@Test
	void cellsTooLongForALongAddToTheSumExactly() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("T1", 1, "EXIT", 400, 200) + "\n"
				+ row("T2", 2, "EXIT", 400, "123456789012345678901234567890") + "\n"
				+ row("T3", 3, "EXIT", 400, "-123456789012345678901234567000") + "\n"
				+ row("T4", 4, "EXIT", 400, "9223372036854775807") + "\n"
				+ row("T5", 5, "EXIT", 400, "9223372036854775807") + "\n"));

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, new RecordingSink<>());

		assertThat(totals.totals().sum())
			.isEqualTo(new AmountSum("charged_fen", new BigInteger("18446744073709552704"), 0, List.of()));
	}

	@Test
	void rowsWithoutAReadableChargeAreCountedApartWithTheirLines() throws Exception {
		Path file = write(utf8(HEADER + "\n" + row("T1", 1, "EXIT", 400, 200) + "\n" + row("T2", 2, "EXIT", 400, "abc")
				+ "\n" + row("T3", 3, "EXIT", 400, 200) + "\n\n" + row("T4", 4, "EXIT", 400, "") + "\n"));
		Fixtures.write(this.dir.resolve(FILE + ".ctl"),
				utf8("records=4\nsum_fen=900\nsha256=" + sha256(Files.readAllBytes(file)) + "\n"));

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, new RecordingSink<>());

		assertThat(totals.totals().sum())
			.isEqualTo(new AmountSum("charged_fen", BigInteger.valueOf(400), 2, List.of(3L, 6L)));
		assertThat(ControlFile.read(file).mismatch(totals.totals()))
			.isEqualTo("control file says sum_fen=900; the file's readable charged_fen values sum to 400, and 2 rows"
					+ " have no readable charged_fen (lines 3, 6)");
	}

	@Test
	void largeFileIsStreamedRowByRowToTheSink() throws Exception {
		int rows = 50_000;
		Path file = this.dir.resolve(FILE);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER + "\r\n");
			for (int i = 1; i <= rows; i++) {
				// Every 1000th row is malformed (seq 0); it still counts and sums.
				out.write(row("T" + i, (i % 1000 == 0) ? 0 : i, "EXIT", 400, i % 300) + "\r\n");
			}
		}
		CountingSink sink = new CountingSink();

		LedgerFileTotals totals = LedgerFileReader.readTaps(file, FILE_DATE, sink);

		long expectedSum = 0;
		for (int i = 1; i <= rows; i++) {
			expectedSum += i % 300;
		}
		assertThat(sink.rows).isEqualTo(rows - 50);
		assertThat(sink.malformed).isEqualTo(50);
		assertThat(sink.lastLine).isEqualTo(rows + 1);
		assertThat(sink.inOrder).isTrue();
		assertThat(totals.totals().asControl())
			.isEqualTo(new ControlFile(rows, expectedSum, sha256(Files.readAllBytes(file))));
	}

	@Test
	void sinkFailureStopsTheReadAndPropagates() throws IOException {
		StringBuilder text = new StringBuilder(HEADER + "\n");
		for (int i = 1; i <= 1000; i++) {
			text.append(row("T" + i, i, "EXIT", 400, 200)).append('\n');
		}
		Path file = write(utf8(text.toString()));
		Exception full = new Exception("staging table full");
		List<Long> delivered = new ArrayList<>();
		RowSink<Tap> sink = new RowSink<>() {

			@Override
			public void row(long line, Tap row) throws Exception {
				delivered.add(line);
				if (delivered.size() == 3) {
					throw full;
				}
			}

			@Override
			public void malformed(Malformed malformed) {
				throw new AssertionError(malformed);
			}

		};

		Throwable thrown = catchThrowable(() -> LedgerFileReader.readTaps(file, FILE_DATE, sink));

		// The rows reach the sink as they are read, not after the whole file.
		assertThat(thrown).isSameAs(full);
		assertThat(delivered).containsExactly(2L, 3L, 4L);
	}

	@Test
	void columnConstantsFollowFilesMd() {
		assertThat(LedgerFileReader.TAP_COLUMNS).containsExactly("txn_id", "card_no", "card_seq", "tapped_at", "mode",
				"line", "station", "device_id", "tap_type", "full_fare_fen", "charged_fen", "discount",
				"balance_after_fen");
	}

	private static String row(String txnId, long seq, String tapType, long fullFare, long charged) {
		return row(txnId, seq, tapType, fullFare, String.valueOf(charged));
	}

	private static String row(String txnId, long seq, String tapType, long fullFare, String charged) {
		return txnId + "," + CARD_1 + "," + seq + ",2026-09-01T08:00:00+08:00,METRO,L1,Xidan,G1," + tapType + ","
				+ fullFare + "," + charged + ",STUDENT,1000";
	}

	private static String tapAt(String txnId, String line, String station, String deviceId) {
		return txnId + "," + CARD_1 + ",1,2026-09-01T08:00:00+08:00,METRO," + line + "," + station + "," + deviceId
				+ ",EXIT,400,200,STUDENT,1000";
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static InboundFileException readFailure(Path file) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class,
				() -> LedgerFileReader.readTaps(file, FILE_DATE, new RecordingSink<>()));
		assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
		return ex;
	}

	/**
	 * Counts what it is given and keeps nothing, as a loader of a large file would.
	 */
	private static final class CountingSink implements RowSink<Tap> {

		long rows;

		long malformed;

		long lastLine;

		boolean inOrder = true;

		@Override
		public void row(long line, Tap row) {
			this.rows++;
			see(line);
		}

		@Override
		public void malformed(Malformed malformed) {
			this.malformed++;
			see(malformed.line());
		}

		private void see(long line) {
			this.inOrder &= line > this.lastLine;
			this.lastLine = line;
		}

	}

}
