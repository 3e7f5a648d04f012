package io.cardops.readers.cards;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

import io.cardops.readers.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.cards.CardEvent;
import io.cardops.domain.cards.CardEventType;
import io.cardops.domain.cards.Device;
import io.cardops.readers.cards.CardEventFile.Located;
import io.cardops.readers.cards.CardEventFile.RowReject;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;

import static io.cardops.readers.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link CardEventReader} against small card-event files.
 */
class CardEventReaderTests {

	private static final String FILE = "cardevents_BMAC_APP_20260901_01.csv";

	private static final LocalDate FILE_DATE = LocalDate.of(2026, 9, 1);

	private static final String CHANNEL = "BMAC_APP";

	private static final String HEADER = "event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen";

	private static final String CARD_1 = "3104000000000000017";

	private static final String CARD_2 = "3104000000000000025";

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final String GOOD_ROW = "E0,ISSUE,2026-09-01T08:00:00+08:00," + CARD_2 + ",PKU,S0,SIM,";

	@TempDir
	Path dir;

	@Test
	void wellFormedRowsBecomeEventsOfTheChannelWithTheirLines() throws IOException {
		Path file = write(utf8(HEADER + "\n" + "E1,ISSUE,2026-09-01T07:45:12+08:00," + CARD_1 + ",UCAS,2024E801,IOS,\n"
				+ "E2,REPORT_LOST,2026-09-01T01:00:00Z," + CARD_1 + ",UCAS,2024E801,,\n"
				+ "E3,RETURN,2026-09-01T07:00:00," + CARD_2 + ",PKU,S-2,ANDROID,1250\n"
				+ "E4,RENEW,2026-09-01T09:30:00+08:00," + CARD_2 + ",PKU,S-2,HARMONY,\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.name()).isEqualTo(FILE);
		assertThat(read.rejects()).isEmpty();
		assertThat(read.events()).containsExactly(
				located(2,
						new CardEvent(CHANNEL, "E1", CardEventType.ISSUE, Instant.parse("2026-08-31T23:45:12Z"), CARD_1,
								"UCAS", "2024E801", Device.IOS, null)),
				located(3,
						new CardEvent(CHANNEL, "E2", CardEventType.REPORT_LOST, Instant.parse("2026-09-01T01:00:00Z"),
								CARD_1, "UCAS", "2024E801", null, null)),
				located(4,
						new CardEvent(CHANNEL, "E3", CardEventType.RETURN, Instant.parse("2026-08-31T23:00:00Z"),
								CARD_2, "PKU", "S-2", Device.ANDROID, 1250L)),
				located(5, new CardEvent(CHANNEL, "E4", CardEventType.RENEW, Instant.parse("2026-09-01T01:30:00Z"),
						CARD_2, "PKU", "S-2", Device.HARMONY, null)));
	}

	@Test
	void channelComesFromTheArgumentNotFromTheFileName() throws IOException {
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n"));

		CardEventFile read = CardEventReader.read(file, "HEBAO", FILE_DATE);

		assertThat(read.events()).singleElement().satisfies((located) -> {
			assertThat(located.event().channel()).isEqualTo("HEBAO");
			assertThat(located.sourceFile()).isEqualTo(FILE);
		});
	}

	@Test
	void instantWithoutAnOffsetIsShanghaiTime() throws IOException {
		Path file = write(utf8(HEADER + "\n" + "E1,ISSUE,2026-09-01T07:00:00," + CARD_1 + ",UCAS,S1,IOS,\n"
				+ "E2,ISSUE,2026-08-31T23:00:00Z," + CARD_1 + ",UCAS,S1,IOS,\n" + "E3,ISSUE,2026-09-01T07:00:00+08:00,"
				+ CARD_1 + ",UCAS,S1,IOS,\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.events()).extracting((located) -> located.event().occurredAt())
			.containsExactly(Instant.parse("2026-08-31T23:00:00Z"), Instant.parse("2026-08-31T23:00:00Z"),
					Instant.parse("2026-08-31T23:00:00Z"));
	}

	@Test
	void totalsCountDataRowsSumRefundsAndHashTheFileBytes() throws IOException {
		byte[] bytes = utf8(HEADER + "\r\n" + "E1,RETURN,2026-09-01T07:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,1250\r\n"
				+ "\r\n" + "E2,RETURN,2026-09-01T08:00:00+08:00," + CARD_2 + ",PKU,S2,SIM,0\r\n" + "  \r\n"
				+ "E3,ISSUE,2026-09-01T09:00:00+08:00," + CARD_2 + ",PKU,S3,SIM,\r\n"
				+ "E4,RETURN,2026-09-01T10:00:00+08:00,3104000000000000033,PKU,S4,ANDROID,99\r\n\r\n\n");
		Path file = write(bytes);

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.totals().asControl()).isEqualTo(new ControlFile(4, 1349, sha256(bytes)));
		assertThat(read.events()).extracting(Located::line).containsExactly(2L, 4L, 6L, 7L);
		assertThat(read.rejects()).isEmpty();
	}

	@Test
	void totalsAgreeWithTheControlFileTheSenderWrites() throws IOException {
		byte[] bytes = utf8(HEADER + "\n" + "E1,RETURN,2026-09-01T07:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,1250\n");
		Path file = write(bytes);
		Fixtures.write(this.dir.resolve(FILE + ".ctl"),
				utf8("records=1\nsum_fen=1250\nsha256=" + sha256(bytes) + "\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(ControlFile.read(file).mismatch(read.totals())).isNull();
	}

	@Test
	void sha256CoversEveryByteOfALargeFile() throws IOException {
		StringBuilder text = new StringBuilder(HEADER + "\r\n");
		for (int i = 0; i < 2000; i++) {
			text.append("E")
				.append(i)
				.append(",ISSUE,2026-09-01T08:00:00+08:00,")
				.append(CARD_1)
				.append(",UCAS,S")
				.append(i)
				.append(",IOS,\r\n");
		}
		byte[] bytes = utf8(text + "\r\n\r\n");
		assertThat(bytes.length).isGreaterThan(128 * 1024);
		Path file = write(bytes);

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.totals().asControl()).isEqualTo(new ControlFile(2000, 0, sha256(bytes)));
		assertThat(read.events()).hasSize(2000);
	}

	@Test
	void headerOnlyFileHasNoRecords() throws IOException {
		byte[] bytes = utf8(HEADER + "\r\n");
		Path file = write(bytes);

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.totals().asControl()).isEqualTo(new ControlFile(0, 0, sha256(bytes)));
		assertThat(read.events()).isEmpty();
		assertThat(read.rejects()).isEmpty();
	}

	@Test
	void leadingBomIsAcceptedAndHashed() throws IOException {
		byte[] rest = utf8(HEADER + "\r\n" + GOOD_ROW + "\r\n");
		Path file = write(BOM, rest);

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.events()).singleElement()
			.isEqualTo(located(2, new CardEvent(CHANNEL, "E0", CardEventType.ISSUE,
					Instant.parse("2026-09-01T00:00:00Z"), CARD_2, "PKU", "S0", Device.SIM, null)));
		assertThat(read.totals().asControl()).isEqualTo(new ControlFile(1, 0, sha256(concat(BOM, rest))));
	}

	@Test
	void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownColumnsAreIgnored() throws IOException {
		Path file = write(utf8("REFUND_FEN,Device,note,student_no,institution,card_no,occurred_at,event,Event_ID\n"
				+ "700,IOS,hello,S1,UCAS," + CARD_1 + ",2026-09-01T08:00:00+08:00,RETURN,E9\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.rejects()).isEmpty();
		assertThat(read.events()).containsExactly(located(2, new CardEvent(CHANNEL, "E9", CardEventType.RETURN,
				Instant.parse("2026-09-01T00:00:00Z"), CARD_1, "UCAS", "S1", Device.IOS, 700L)));
		assertThat(read.totals().sum().readable()).hasToString("700");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					`E 1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`         | event_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`            | event_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`E/1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`         | event_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`E 1,CANCEL,2026-13-01T08:00:00+08:00,31040000000000000,ucas,,PHONE,-5`         | event_id must be 1-64 of A-Z a-z 0-9 _ . : -
					`E1,CANCEL,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`         | event 'CANCEL' must be one of ISSUE, RENEW, REPORT_LOST, RETURN
					`E1,issue,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`          | event 'issue' must be one of ISSUE, RENEW, REPORT_LOST, RETURN
					`E1,,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`               | event '' must be one of ISSUE, RENEW, REPORT_LOST, RETURN
					`E1,ISSUE,2026-13-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`          | occurred_at '2026-13-01T08:00:00+08:00' is not an ISO-8601 instant
					`E1,ISSUE,2026-09-01,3104000000000000017,UCAS,S1,IOS,`                         | occurred_at '2026-09-01' is not an ISO-8601 instant
					`E1,ISSUE,,3104000000000000017,UCAS,S1,IOS,`                                   | occurred_at '' is not an ISO-8601 instant
					`E1,ISSUE,2026-09-01T08:00:00+08:00,310400000000000001,UCAS,S1,IOS,`           | card_no must be exactly 19 digits
					`E1,ISSUE,2026-09-01T08:00:00+08:00,31040000000000000170,UCAS,S1,IOS,`         | card_no must be exactly 19 digits
					`E1,ISSUE,2026-09-01T08:00:00+08:00,31040000000000000AB,UCAS,S1,IOS,`          | card_no must be exactly 19 digits
					`E1,ISSUE,2026-09-01T08:00:00+08:00,,UCAS,S1,IOS,`                             | card_no must be exactly 19 digits
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,ucas,S1,IOS,`          | institution must be 1-16 of A-Z 0-9 _
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,BJ-TU,S1,IOS,`         | institution must be 1-16 of A-Z 0-9 _
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,ABCDEFGHIJKLMNOPQ,S1,IOS,` | institution must be 1-16 of A-Z 0-9 _
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,,S1,IOS,`              | institution must be 1-16 of A-Z 0-9 _
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,2024 E801,IOS,`   | student_no must be 1-32 of A-Z a-z 0-9 -
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S_1,IOS,`         | student_no must be 1-32 of A-Z a-z 0-9 -
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,,IOS,`            | student_no must be 1-32 of A-Z a-z 0-9 -
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,PHONE,`        | device 'PHONE' must be one of IOS, ANDROID, HARMONY, SIM
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,ios,`          | device 'ios' must be one of IOS, ANDROID, HARMONY, SIM
					`E1,RETURN,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`         | refund_fen must be an integer >= 0 on a RETURN
					`E1,RETURN,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,-5`       | refund_fen must be an integer >= 0 on a RETURN
					`E1,RETURN,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,12.5`     | refund_fen must be an integer >= 0 on a RETURN; '12.5' has a decimal point
					`E1,ISSUE,2027-12-13T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,`          | occurred_at 2027-12-13T08:00:00+08:00 is after its file's clearing date 2026-09-01
					`E1,RETURN,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,10000001` | refund_fen 10000001 is more than the 10,000,000 fen a file may carry
					`E1,RETURN,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,-99999999999` | refund_fen must be an integer >= 0 on a RETURN
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,100`       | refund_fen is only for RETURN
					`E1,RENEW,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,,0`            | refund_fen is only for RETURN
					`E1,REPORT_LOST,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,,x`      | refund_fen is only for RETURN
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1`               | has 6 cells, the header has 8
					`E1,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000017,UCAS,S1,IOS,,extra`    | has 9 cells, the header has 8
					""")
	void malformedRowIsRejectedWithItsReasonLineAndCellsAsSent(String row, String reason) throws IOException {
		// The malformed row is on physical line 4: header, a good row, a blank line.
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n\n" + row + "\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		String[] cells = row.split(",", -1);
		assertThat(read.rejects()).containsExactly(new RowReject(FILE, 4, cells[0], cells[3], reason));
		assertThat(read.events()).extracting(Located::line).containsExactly(2L);
		assertThat(read.totals().records()).isEqualTo(2);
	}

	@Test
	void aReasonQuotesACellCutAndWithItsControlCharactersMasked() throws IOException {
		// A NUL would stop the date on PostgreSQL, which takes none in a text, and a
		// 3,000-character cell would not fit the reason's column.
		String event = "X".repeat(3000);
		Path file = write(utf8(HEADER + "\n" + "E1,ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,I\u0000OS,\n"
				+ "E2," + event + ",2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,\n"
				+ "E3,ISSUE,2026-09-01T08:00\u001b[2J," + CARD_1 + ",UCAS,S1,IOS,\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.rejects()).extracting(RowReject::reason)
			.containsExactly("device 'I\uFFFDOS' must be one of IOS, ANDROID, HARMONY, SIM",
					"event '" + "X".repeat(64) + "...' must be one of ISSUE, RENEW, REPORT_LOST, RETURN",
					"occurred_at '2026-09-01T08:00\uFFFD[2J' is not an ISO-8601 instant");
	}

	@Test
	void eventIdOfSixtyFourCharactersIsAcceptedAndOfSixtyFiveRejected() throws IOException {
		String id64 = "A".repeat(60) + "_.:-";
		String id65 = id64 + "9";
		Path file = write(utf8(HEADER + "\n" + id64 + ",ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,\n"
				+ id65 + ",ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.events()).extracting((located) -> located.event().eventId()).containsExactly(id64);
		assertThat(read.rejects())
			.containsExactly(new RowReject(FILE, 3, id65, CARD_1, "event_id must be 1-64 of A-Z a-z 0-9 _ . : -"));
	}

	@Test
	void rejectsKeepFileOrderAndPhysicalLinesAmongGoodRows() throws IOException {
		Path file = write(utf8(
				HEADER + "\r\n" + "E1,CANCEL,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,\r\n" + "\r\n\r\n"
						+ GOOD_ROW + "\r\n" + "E3,ISSUE,2026-09-01T08:00:00+08:00,3104000000000000,UCAS,S1,IOS,\r\n"));

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.rejects()).containsExactly(
				new RowReject(FILE, 2, "E1", CARD_1, "event 'CANCEL' must be one of ISSUE, RENEW, REPORT_LOST, RETURN"),
				new RowReject(FILE, 6, "E3", "3104000000000000", "card_no must be exactly 19 digits"));
		assertThat(read.events()).extracting(Located::line).containsExactly(5L);
		assertThat(read.totals().records()).isEqualTo(3);
	}

	@Test
	void malformedRowsCountInRecordsAndTheirParseableRefundsInTheSum() throws IOException {
		byte[] bytes = utf8(HEADER + "\n" + "E1,ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,100\n"
				+ "E2,RETURN,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,IOS,-5\n"
				+ "E3,RETURN,2026-09-01T08:00:00+08:00," + CARD_2 + ",PKU,S2,SIM,1250\n"
				+ "E4,RETURN,2026-09-01T08:00:00+08:00," + CARD_2 + ",PKU,S2,SIM,12.5\n"
				+ "E5,CANCEL,2026-09-01T08:00:00+08:00," + CARD_2 + ",PKU,S2,SIM,30\n" + GOOD_ROW + "\n");
		Path file = write(bytes);

		CardEventFile read = CardEventReader.read(file, CHANNEL, FILE_DATE);

		assertThat(read.totals().asControl()).isEqualTo(new ControlFile(6, 100 - 5 + 1250 + 30, sha256(bytes)));
		assertThat(read.rejects()).extracting(RowReject::line).containsExactly(2L, 3L, 5L, 6L);
		assertThat(read.events()).extracting((located) -> located.event().eventId()).containsExactly("E3", "E0");
	}

	@Test
	void missingRequiredColumnRejectsTheFileNamingTheColumn() throws IOException {
		Path file = write(utf8("event_id,event,occurred_at,card_no,institution,student_no,refund_fen\n"
				+ "E1,ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,S1,\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.fileName()).isEqualTo(FILE);
		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("missing required column device");
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 1: missing required column device");
	}

	@Test
	void everyMissingColumnIsNamed() throws IOException {
		Path file = write(utf8("event_id,event,card_no,institution,student_no,device\n"));

		InboundFileException ex = readFailure(file);

		assertThat(ex.reason()).isEqualTo("missing required columns occurred_at, refund_fen");
	}

	@Test
	void emptyFileIsRejected() throws IOException {
		Path file = write(new byte[0]);

		InboundFileException ex = readFailure(file);

		assertThat(ex.getMessage()).isEqualTo(FILE + ": file is empty (no header row)");
	}

	@Test
	void bytesThatAreNotUtf8RejectTheFileNamingTheLine() throws IOException {
		Path file = write(utf8(HEADER + "\n" + GOOD_ROW + "\n"),
				("E1,ISSUE,2026-09-01T08:00:00+08:00," + CARD_1 + ",UCAS,王小明,IOS,\n")
					.getBytes(Charset.forName("GB18030")));

		InboundFileException ex = readFailure(file);

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo(FILE + ": line 3: bytes not valid in UTF-8 (declared charset)");
	}

	@Test
	void columnConstantsFollowFilesMd() {
		assertThat(CardEventReader.COLUMNS).containsExactly("event_id", "event", "occurred_at", "card_no",
				"institution", "student_no", "device", "refund_fen");
	}

	private static Located located(long line, CardEvent event) {
		return new Located(event, FILE, line);
	}

	private Path write(byte[]... parts) throws IOException {
		return Fixtures.write(this.dir.resolve(FILE), parts);
	}

	private static InboundFileException readFailure(Path file) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class,
				() -> CardEventReader.read(file, CHANNEL, FILE_DATE));
		assertThat(ex).as("reading %s fails", file.getFileName()).isNotNull();
		return ex;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
