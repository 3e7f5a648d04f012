package io.cardops.writers.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.writers.csv.OutboundCsvWriter.Published;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RosterRejectsWriter}.
 */
class RosterRejectsWriterTests {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(textBlock = """
			UCAS,  2026-08-25, 20260825/roster_rejects_UCAS_20260825.csv
			PKU,   2026-01-05, 20260105/roster_rejects_PKU_20260105.csv
			BJ_TU, 2024-02-29, 20240229/roster_rejects_BJ_TU_20240229.csv
			""")
	void targetIsTheDateFolderOfTheOutbox(String institution, LocalDate date, String expected) {
		Path outbox = Path.of("data", "outbox");

		assertThat(RosterRejectsWriter.target(outbox, institution, date)).isEqualTo(outbox.resolve(expected));
	}

	@Test
	void rejectedRowsArePublishedWithTheirLineStudentNoFieldAndReason() throws IOException {
		Path target = RosterRejectsWriter.target(this.dir, "UCAS", LocalDate.of(2026, 8, 25));
		Published published;
		try (RosterRejectsWriter writer = RosterRejectsWriter.create(target)) {
			writer.reject(3, "2024E801", "id_no", "check character is 1, expected X");
			writer.reject(7, "-S2", "student_no", "must be 1-32 of A-Z a-z 0-9 -");
			writer.reject(12, "2024E803", "row", "has 10 cells, the header has 9");
			writer.reject(15, "", "name", "must be one of A, B");
			published = writer.publish();
		}

		byte[] bytes = Files.readAllBytes(target);
		String sha = sha256(bytes);

		assertThat(target).isEqualTo(this.dir.resolve("20260825").resolve("roster_rejects_UCAS_20260825.csv"));
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFline,student_no,field,reason\r\n"
				+ "3,2024E801,id_no,\"check character is 1, expected X\"\r\n"
				+ "7,'-S2,student_no,must be 1-32 of A-Z a-z 0-9 -\r\n"
				+ "12,2024E803,row,\"has 10 cells, the header has 9\"\r\n" + "15,,name,\"must be one of A, B\"\r\n");
		assertThat(published).isEqualTo(new Published(target, 4, sha));
		assertThat(target.resolveSibling("roster_rejects_UCAS_20260825.csv.ctl"))
			.hasContent("records=4\nsha256=" + sha + "\n");
	}

	@Test
	void closingWithoutPublishingLeavesNoRejectsFile() throws IOException {
		Path target = RosterRejectsWriter.target(this.dir, "PKU", LocalDate.of(2026, 8, 25));
		try (RosterRejectsWriter writer = RosterRejectsWriter.create(target)) {
			writer.reject(2, "S1", "name", "is required");
		}

		try (Stream<Path> files = Files.list(target.getParent())) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void headerFollowsFilesMd() {
		assertThat(RosterRejectsWriter.HEADER).containsExactly("line", "student_no", "field", "reason");
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aStudentNumbersControlCharacterIsWrittenAsAReplacementCharacter() throws IOException {
		Path target = RosterRejectsWriter.target(this.dir, "UCAS", LocalDate.of(2026, 8, 25));
		try (RosterRejectsWriter rejects = RosterRejectsWriter.create(target)) {
			rejects.reject(2, "2024E801\u0000", "student_no", "must be 1-32 of A-Z a-z 0-9 -");
			rejects.publish();
		}
		assertThat(Files.readString(target)).contains("2,2024E801\uFFFD,student_no,").doesNotContain("\u0000");
	}

}
