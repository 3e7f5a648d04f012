package io.cardops.writers.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.writers.csv.OutboundCsvWriter.Published;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundCsvWriter}.
 */
class OutboundCsvWriterTests {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@TempDir
	Path dir;

	@Test
	void fileStartsWithABomAndEveryLineEndsInCrlf() throws IOException {
		Path target = this.dir.resolve("expired_cards_20261001.csv");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target,
				List.of("card_no", "institution", "student_no", "valid_until"))) {
			writer.row("3104000000000000017", "UCAS", "2024E801", LocalDate.of(2026, 9, 30));
			writer.row("3104000000000000025", "PKU", "王小明", LocalDate.of(2026, 9, 30));
			writer.publish();
		}

		byte[] bytes = Files.readAllBytes(target);

		assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(BOM);
		assertThat(bytes).isEqualTo(concat(BOM, utf8("card_no,institution,student_no,valid_until\r\n"
				+ "3104000000000000017,UCAS,2024E801,2026-09-30\r\n" + "3104000000000000025,PKU,王小明,2026-09-30\r\n")));
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text.split("\r\n", -1)).hasSize(4).endsWith("");
		assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
	}

	@Test
	void digestBeforePublishingIsTheDigestPublished() throws IOException {
		Path target = this.dir.resolve("settlement_20261012_summary.csv");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("partner", "net_yuan"))) {
			writer.row("BJSUBWAY", OutboundCsvWriter.yuan(12345));
			String early = writer.sha256();
			assertThat(Files.exists(target)).isFalse();
			Published published = writer.publish();
			assertThat(published.sha256()).isEqualTo(early);
			assertThat(sha256(Files.readAllBytes(target))).isEqualTo(early);
		}
	}

	@Test
	void moneyIsWrittenAsYuanWithTwoDecimalsAndNoGuard() throws IOException {
		assertThat(body(OutboundCsvWriter.yuan(-1250), OutboundCsvWriter.yuan(5), OutboundCsvWriter.yuan(0),
				OutboundCsvWriter.yuan(-5), OutboundCsvWriter.yuan(123456), OutboundCsvWriter.yuan(100)))
			.isEqualTo("-12.50,0.05,0.00,-0.05,1234.56,1.00\r\n");
	}

	@ParameterizedTest(name = "''{0}'' is written as {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			=SUM(A1:A9)         | '=SUM(A1:A9)
			+8613800138000      | '+8613800138000
			-12.50              | '-12.50
			@cmd                | '@cmd
			=HYPERLINK("x")     | `"'=HYPERLINK(""x"")"`
			-1,2                | `"'-1,2"`
			a=b                 | a=b
			'quoted             | 'quoted
			王小明              | 王小明
			""")
	void textStartingWithAFormulaCharacterGetsALeadingQuote(String text, String written) throws IOException {
		assertThat(body(text)).isEqualTo(written + "\r\n");
	}

	@Test
	void numbersAndDatesAreNotGuarded() throws IOException {
		assertThat(body(-5L, -7, 12L, LocalDate.of(2026, 9, 30))).isEqualTo("-5,-7,12,2026-09-30\r\n");
	}

	@Test
	void cellsAreQuotedPerRfc4180() throws IOException {
		assertThat(body("a,b", "say \"hi\"", "line1\nline2", "x\r\ny", "plain"))
			.isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"x\r\ny\",plain\r\n");
	}

	@Test
	void nullCellIsWrittenEmpty() throws IOException {
		assertThat(body("x", null, "y", null)).isEqualTo("x,,y,\r\n");
	}

	@Test
	void nothingIsVisibleAtTheTargetBeforePublish() {
		Path target = this.dir.resolve("hotlist_20261001_v7_full.csv");
		Path control = this.dir.resolve("hotlist_20261001_v7_full.csv.ctl");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("version", "card_no"))) {
			writer.row(7L, "3104000000000000017");

			assertThat(target).doesNotExist();
			assertThat(control).doesNotExist();

			writer.publish();

			assertThat(target).exists();
			assertThat(control).exists();
		}
	}

	@Test
	void closeWithoutPublishLeavesNoFileAndNoTemporaryFile() throws IOException {
		Path target = this.dir.resolve("20261001").resolve("expired_cards_20261001.csv");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("card_no"))) {
			writer.row("3104000000000000017");
		}

		assertThat(target).doesNotExist();
		assertThat(target.resolveSibling("expired_cards_20261001.csv.ctl")).doesNotExist();
		assertThat(filesIn(target.getParent())).isEmpty();
	}

	@Test
	void publishWritesTheControlFileWithRecordsAndTheSha256OfTheFileBytes() throws IOException {
		Path target = this.dir.resolve("settlement_20260901_HEBAO.csv");
		Published published;
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("channel", "amount_yuan"))) {
			writer.row("HEBAO", OutboundCsvWriter.yuan(150000));
			writer.row("HEBAO", OutboundCsvWriter.yuan(-1250));
			writer.row("HEBAO", OutboundCsvWriter.yuan(7));
			published = writer.publish();
		}

		byte[] bytes = Files.readAllBytes(target);
		String sha = sha256(bytes);

		assertThat(published).isEqualTo(new Published(target, 3, sha));
		assertThat(this.dir.resolve("settlement_20260901_HEBAO.csv.ctl"))
			.hasBinaryContent(utf8("records=3\nsha256=" + sha + "\n"));
		assertThat(filesIn(this.dir)).containsExactlyInAnyOrder("settlement_20260901_HEBAO.csv",
				"settlement_20260901_HEBAO.csv.ctl");
	}

	@Test
	void headerOnlyFileIsPublishedWithZeroRecords() throws IOException {
		Path target = this.dir.resolve("inbox_rejects_20260901.csv");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("source_file", "reason"))) {
			writer.publish();
		}

		byte[] bytes = Files.readAllBytes(target);

		assertThat(bytes).isEqualTo(concat(BOM, utf8("source_file,reason\r\n")));
		assertThat(this.dir.resolve("inbox_rejects_20260901.csv.ctl"))
			.hasContent("records=0\nsha256=" + sha256(bytes) + "\n");
	}

	@Test
	void republishingTheSameRowsGivesByteIdenticalFiles() throws IOException {
		Path target = this.dir.resolve("exceptions_20260901.csv");
		Path control = this.dir.resolve("exceptions_20260901.csv.ctl");
		publishExceptions(target);
		byte[] first = Files.readAllBytes(target);
		byte[] firstControl = Files.readAllBytes(control);

		publishExceptions(target);

		assertThat(Files.readAllBytes(target)).isEqualTo(first);
		assertThat(Files.readAllBytes(control)).isEqualTo(firstControl);
		assertThat(filesIn(this.dir)).containsExactlyInAnyOrder("exceptions_20260901.csv",
				"exceptions_20260901.csv.ctl");
	}

	@Test
	void republishingOtherRowsReplacesTheFileAndItsControlFile() throws IOException {
		Path target = this.dir.resolve("exceptions_20260901.csv");
		publishExceptions(target);
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("category"))) {
			writer.row("SEQ_GAP");
			writer.publish();
		}

		byte[] bytes = Files.readAllBytes(target);

		assertThat(bytes).isEqualTo(concat(BOM, utf8("category\r\nSEQ_GAP\r\n")));
		assertThat(this.dir.resolve("exceptions_20260901.csv.ctl"))
			.hasContent("records=1\nsha256=" + sha256(bytes) + "\n");
	}

	@Test
	void withdrawRemovesTheFileAndItsControlFile() throws IOException {
		Path target = this.dir.resolve("exceptions_20260901.csv");
		publishExceptions(target);
		Files.writeString(this.dir.resolve("other.csv"), "kept");

		OutboundCsvWriter.withdraw(target);

		assertThat(target).doesNotExist();
		assertThat(this.dir.resolve("exceptions_20260901.csv.ctl")).doesNotExist();
		assertThat(filesIn(this.dir)).containsExactly("other.csv");
	}

	@Test
	void withdrawingAFileThatWasNeverPublishedDoesNothing() throws IOException {
		OutboundCsvWriter.withdraw(this.dir.resolve("exceptions_20260901.csv"));

		assertThat(filesIn(this.dir)).isEmpty();
	}

	@Test
	void missingFoldersOfTheTargetAreCreated() throws IOException {
		Path target = this.dir.resolve("outbox").resolve("20260901").resolve("exceptions_20260901.csv");

		publishExceptions(target);

		assertThat(filesIn(target.getParent())).containsExactlyInAnyOrder("exceptions_20260901.csv",
				"exceptions_20260901.csv.ctl");
	}

	private void publishExceptions(Path target) {
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target,
				List.of("clearing_date", "category", "status", "partner", "amount_yuan", "detail"))) {
			writer.row(LocalDate.of(2026, 9, 1), "BALANCE_BREAK", "OPEN", "BJSUBWAY", OutboundCsvWriter.yuan(-150),
					"expected 1000, reported 850");
			writer.row(LocalDate.of(2026, 9, 1), "UNLOADED_PAYMENT", "OPEN", "ALIPAY", OutboundCsvWriter.yuan(5000),
					"=cmd|' /C calc'!A0");
			writer.publish();
		}
	}

	private String body(Object... cells) throws IOException {
		Path target = this.dir.resolve("body.csv");
		try (OutboundCsvWriter writer = OutboundCsvWriter.create(target, List.of("a"))) {
			writer.row(cells);
			writer.publish();
		}
		String text = new String(Files.readAllBytes(target), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFFa\r\n");
		return text.substring("\uFEFFa\r\n".length());
	}

	private static List<String> filesIn(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
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
