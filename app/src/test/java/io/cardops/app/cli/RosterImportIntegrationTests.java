package io.cardops.app.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.jobs.support.IdentityHasher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roster import job end to end through the command line, on the build's database.
 */
class RosterImportIntegrationTests extends CliTestSupport {

	@Test
	void importsSampleRosterAppliesAcceptedRowsAndWritesRejects() throws Exception {
		loadReference();

		CliResult result = cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());

		Path rejects = outbox().resolve("20260825/roster_rejects_UCAS_20260825.csv");
		assertThat(result.code()).isZero();
		assertThat(result.summary()).isEqualTo(
				"job=roster-import date=2026-08-25 status=COMPLETED institution=UCAS rows=400 accepted=394 rejected=6"
						+ " eligible_before=0 dropped=0 rejects_file=" + rejects + " file=roster_UCAS_20260825.csv");
		assertThat(currentRosterSize("UCAS")).isEqualTo(394);
		byte[] bytes = Files.readAllBytes(rejects);
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("\uFEFFline,student_no,field,reason\r\n" + "38,2025E8015361115,id_no,check character wrong\r\n"
					+ "89,2025E8000719750,id_no,birth date not a real date\r\n"
					+ "151,2025E8017703207,student_no,duplicate student_no in file\r\n"
					+ "265,2025E8017703207,student_no,duplicate student_no in file\r\n"
					+ "314,2024E8015361801,id_no,same id_no as an earlier row with another student_no\r\n"
					+ "379,2024E8015361309,expected_graduation,is before enrolled_on\r\n");
		assertThat(Files.readString(rejects.resolveSibling(rejects.getFileName() + ".ctl")))
			.isEqualTo("records=6\nsha256="
					+ HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\n");
	}

	@Test
	void identityNumbersAreStoredOnlyAsKeyedHashAndLastFourCharacters() throws Exception {
		loadReference();
		Path file = sample("roster_UCAS_20260825.csv");

		assertThat(cardops("run", "roster-import", "--file", file.toString()).code()).isZero();

		List<CSVRecord> rows = readCsv(file, StandardCharsets.UTF_8);
		CSVRecord first = rows.get(0);
		String idNo = first.get("id_no").toUpperCase();
		Map<String, Object> stored = this.database.sql()
			.sql("SELECT id_hash, id_last4 FROM roster_entry WHERE student_no = ?")
			.params(first.get("student_no"))
			.query()
			.singleRow();
		assertThat(stored).containsEntry("id_hash", new IdentityHasher(ID_KEY).hash("RESIDENT_ID", idNo))
			.containsEntry("id_last4", idNo.substring(14));
		String everything = String.join("\n",
				this.database.sql()
					.sql("SELECT student_no || ',' || name || ',' || id_hash || ',' || id_last4 FROM roster_entry")
					.query(String.class)
					.list())
				+ this.database.sql().sql("SELECT COALESCE(reason, '') FROM roster_import").query(String.class).list();
		for (CSVRecord row : rows) {
			if (row.get("id_no").length() >= 8) {
				assertThat(everything).doesNotContain(row.get("id_no").toUpperCase());
			}
		}
	}

	@Test
	void gb18030RosterImportsWhenTheUploadDeclaresIt() {
		loadReference();

		CliResult declared = cardops("run", "roster-import", "--file", sample("roster_PKU_20260825.csv").toString(),
				"--charset", "GB18030");

		assertThat(declared.code()).isZero();
		assertThat(declared.summary()).startsWith(
				"job=roster-import date=2026-08-25 status=COMPLETED institution=PKU rows=300 accepted=297 rejected=3 ");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_entry WHERE name LIKE ?")
			.params("%\uD842\uDFB7%")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void gb18030RosterReadAsUtf8IsRejectedNamingTheLine() {
		loadReference();

		CliResult result = cardops("run", "roster-import", "--file", sample("roster_PKU_20260825.csv").toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err()).contains("roster_PKU_20260825.csv: line 2: bytes not valid in UTF-8");
		assertThat(result.summary()).startsWith("job=roster-import date=2026-08-25 status=REJECTED institution=PKU");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single()).isZero();
	}

	@Test
	void aRosterDatedFarAheadIsRejectedBeforeARowIsRead() throws IOException {
		loadReference();
		Path farAhead = this.work.resolve("roster_UCAS_20991231.csv");
		Files.copy(sample("roster_UCAS_20260825.csv"), farAhead);

		CliResult result = cardops("run", "roster-import", "--file", farAhead.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.summary()).startsWith("job=roster-import date=2099-12-31 status=REJECTED institution=UCAS");
		assertThat(result.err())
			.contains("roster_UCAS_20991231.csv: the date in the file name, 2099-12-31, is more than"
					+ " 31 days after today");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_current").query(Long.class).single()).isZero();
	}

	@Test
	void aRosterOlderThanTheOneInForceIsRejectedAndChangesNothing() {
		loadReference();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString()).code())
			.isZero();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260905.csv").toString()).code())
			.isZero();
		List<String> inForce = currentStudents();

		// when the first snapshot is sent again after the later one (a second demo, an
		// old export sent by mistake)
		CliResult result = cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());

		// then it is refused before a row is read, and the later snapshot stays in force
		assertThat(result.code()).isEqualTo(3);
		assertThat(result.summary()).startsWith("job=roster-import date=2026-08-25 status=REJECTED institution=UCAS");
		assertThat(result.err()).contains("roster_UCAS_20260825.csv: the date in the file name, 2026-08-25, is before"
				+ " that of the roster in force (2026-09-05): a roster is a full snapshot");
		assertThat(currentStudents()).isEqualTo(inForce);
		// and a snapshot of the same date as the one in force is read as usual
		CliResult same = cardops("run", "roster-import", "--file", sample("roster_UCAS_20260905.csv").toString());
		assertThat(same.summary()).contains("status=NOOP");
	}

	private List<String> currentStudents() {
		return this.database.sql()
			.sql("SELECT e.student_no FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"
					+ " WHERE c.institution = 'UCAS' ORDER BY e.student_no")
			.query(String.class)
			.list();
	}

	@Test
	void tooManyRejectedRowsRejectTheWholeFileAndTheCorrectedUploadApplies() throws IOException {
		loadReference();

		CliResult rejected = cardops("run", "roster-import", "--file", sample("roster_BJTU_20260825.csv").toString());

		assertThat(rejected.code()).isEqualTo(3);
		assertThat(rejected.summary()).startsWith(
				"job=roster-import date=2026-08-25 status=REJECTED institution=BJTU rows=200 accepted=188 rejected=12 ");
		assertThat(rejected.err()).contains("roster_BJTU_20260825.csv: 12 of 200 rows rejected, more than 2%");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_current").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single()).isZero();
		assertThat(Files.readAllLines(outbox().resolve("20260825/roster_rejects_BJTU_20260825.csv"))).hasSize(13);

		CliResult corrected = cardops("run", "roster-import", "--file", sample("roster_BJTU_20260826.csv").toString());

		assertThat(corrected.code()).isZero();
		assertThat(corrected.summary()).startsWith(
				"job=roster-import date=2026-08-26 status=COMPLETED institution=BJTU rows=200 accepted=200 rejected=0 ");
		assertThat(currentRosterSize("BJTU")).isEqualTo(200);

		// and: a later file with the same bad rows, rejected while a roster is in force,
		// counts the students eligible before it as an applied one would (it said 0)
		Path later = this.work.resolve("roster_BJTU_20260827.csv");
		Files.copy(sample("roster_BJTU_20260825.csv"), later);
		CliResult rejectedAgain = cardops("run", "roster-import", "--file", later.toString());
		assertThat(rejectedAgain.code()).isEqualTo(3);
		assertThat(rejectedAgain.summary()).contains(
				"status=REJECTED institution=BJTU rows=200 accepted=188 rejected=12 eligible_before=183 dropped=11 ");
		assertThat(currentRosterSize("BJTU")).isEqualTo(200);
	}

	@Test
	void sameContentAgainIsANoopAndChangesNothing() {
		loadReference();
		String file = sample("roster_UCAS_20260825.csv").toString();
		cardops("run", "roster-import", "--file", file);
		long importsBefore = this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single();

		CliResult again = cardops("run", "roster-import", "--file", file);

		assertThat(again.code()).isZero();
		assertThat(again.summary()).startsWith("job=roster-import date=2026-08-25 status=NOOP institution=UCAS");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single())
			.isEqualTo(importsBefore);
	}

	@Test
	void truncatedUploadIsHeldUntilForcedAndThenTheSameContentIsANoop() throws IOException {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		long before = currentImport("UCAS");
		String truncated = sample("roster_UCAS_20260901.csv").toString();

		CliResult held = cardops("run", "roster-import", "--file", truncated);
		CliResult heldAgain = cardops("run", "roster-import", "--file", truncated);

		assertThat(held.code()).isEqualTo(3);
		assertThat(held.summary()).isEqualTo("job=roster-import date=2026-09-01 status=HELD institution=UCAS rows=330"
				+ " accepted=330 rejected=0 eligible_before=355 dropped=60 file=roster_UCAS_20260901.csv");
		assertThat(held.err()).contains("drops 60 of 355 currently eligible students, more than 10%");
		assertThat(heldAgain.summary()).contains("status=HELD");
		assertThat(currentImport("UCAS")).isEqualTo(before);
		assertThat(currentRosterSize("UCAS")).isEqualTo(394);

		CliResult forced = cardops("run", "roster-import", "--file", truncated, "--force");
		CliResult forcedAgain = cardops("run", "roster-import", "--file", truncated, "--force");
		CliResult plainAgain = cardops("run", "roster-import", "--file", truncated);

		assertThat(forced.code()).isZero();
		assertThat(forced.summary()).contains("status=COMPLETED").contains("dropped=60");
		assertThat(currentRosterSize("UCAS")).isEqualTo(330);
		assertThat(forcedAgain.summary()).contains("status=NOOP");
		assertThat(plainAgain.summary()).contains("status=NOOP");

		// and: the full roster sent again under its old date, after the truncated one
		// replaced it, is refused (older than the roster in force); under a current date
		// it is applied again (a roster is a full snapshot: only the snapshot in force is
		// the same content), and restores the students the truncated one dropped
		CliResult old = cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		assertThat(old.summary()).contains("status=REJECTED");
		Path current = this.work.resolve("roster_UCAS_20260902.csv");
		Files.copy(sample("roster_UCAS_20260825.csv"), current);
		CliResult restored = cardops("run", "roster-import", "--file", current.toString());
		assertThat(restored.code()).as(restored.err()).isZero();
		assertThat(restored.summary()).contains("status=COMPLETED").contains("eligible_before=");
		assertThat(currentRosterSize("UCAS")).isEqualTo(394);
	}

	@Test
	void newSnapshotReplacesTheRosterAndKeepsHistory() {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		long first = currentImport("UCAS");

		CliResult next = cardops("run", "roster-import", "--file", sample("roster_UCAS_20260905.csv").toString());

		assertThat(next.code()).isZero();
		assertThat(next.summary()).isEqualTo("job=roster-import date=2026-09-05 status=COMPLETED institution=UCAS"
				+ " rows=397 accepted=397 rejected=0 eligible_before=355 dropped=0 file=roster_UCAS_20260905.csv");
		assertThat(currentRosterSize("UCAS")).isEqualTo(397);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_entry WHERE import_id = ?")
			.params(first)
			.query(Long.class)
			.single()).isEqualTo(394);
		assertThat(this.database.sql()
			.sql("""
					SELECT COUNT(*) FROM roster_entry o
					WHERE o.import_id = ? AND NOT EXISTS (
					    SELECT 1 FROM roster_entry n WHERE n.import_id = ? AND n.student_no = o.student_no)""")
			.params(first, currentImport("UCAS"))
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					missing column | roster_UCAS_20260825.csv | student_no,name,level,salaried,status,enrolled_on,expected_graduation\\n1,A,MASTER,N,ENROLLED,2025-09-01,2028-06-30\\n | roster_UCAS_20260825.csv: line 1: missing required column id_no
					empty file     | roster_UCAS_20260825.csv | | roster_UCAS_20260825.csv: file is empty (no header row)
					header only    | roster_UCAS_20260825.csv | student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation\\n | roster_UCAS_20260825.csv: no data rows (the file holds only a header)
					unknown school | roster_NOSUCH_20260825.csv | student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation\\n1,A,,11010519491231002X,MASTER,N,ENROLLED,2025-09-01,2028-06-30\\n | roster_NOSUCH_20260825.csv: unknown institution NOSUCH
					bad quoting    | roster_UCAS_20260825.csv | student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation\\n1,"A,,11010519491231002X,MASTER,N,ENROLLED,2025-09-01,2028-06-30\\n | roster_UCAS_20260825.csv: line
					""")
	void unusableFileIsRejectedWithOneLineNamingItAndChangesNothing(String title, String name, String content,
			String error) throws IOException {
		loadReference();
		Path file = write(name, (content == null) ? "" : content.replace("\\n", "\n"));

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err().lines().filter((line) -> !line.startsWith("warning"))).singleElement()
			.satisfies((line) -> assertThat(line).startsWith(error));
		assertThat(result.summary()).contains("status=REJECTED");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_current").query(Long.class).single()).isZero();
	}

	@Test
	void unknownColumnIsIgnoredWithAWarningNamingFileLineAndColumn() throws IOException {
		loadReference();
		Path file = write("roster_UCAS_20260825.csv",
				"Student_No,NAME,nickname,id_no,level,salaried,status,enrolled_on,expected_graduation\n"
						+ "2025E001,\"Müller, Anna\",Ann,11010519491231002x,MASTER,N,ENROLLED,2025-09-01,2027-06-30\n");

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("roster_UCAS_20260825.csv: line 1: unknown column nickname ignored");
		assertThat(result.summary()).contains("status=COMPLETED", "accepted=1", "rejected=0");
		assertThat(this.database.sql().sql("SELECT name FROM roster_entry").query(String.class).single())
			.isEqualTo("Müller, Anna");
	}

	@Test
	void aHeaderOfManyLongUnknownColumnsIsImportedWithTheFirstTenNamed() throws IOException {
		loadReference();
		StringBuilder extra = new StringBuilder();
		for (int i = 0; i < 120; i++) {
			extra.append(",export_column_").append(i).append('_').append("x".repeat(200));
		}
		Path file = write("roster_UCAS_20260825.csv",
				"student_no,name,id_no,level,salaried,status,enrolled_on,expected_graduation" + extra + "\n"
						+ "2025E001,Anna,11010519491231002x,MASTER,N,ENROLLED,2025-09-01,2027-06-30" + ",".repeat(120)
						+ "\n");

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.summary()).contains("status=COMPLETED", "accepted=1");
		assertThat(result.out()).contains("line 1: unknown column export_column_0_xxx")
			.contains("roster_UCAS_20260825.csv: line 1: 110 more unknown columns ignored")
			.doesNotContain("export_column_10_");
	}

	@Test
	void aMisspeltColumnIsNamedBesideTheMissingOne() throws IOException {
		loadReference();
		Path file = write("roster_UCAS_20260825.csv",
				"student_no,name,idno,level,salaried,status,enrolled_on,expected_graduation\n"
						+ "2025E001,Anna,11010519491231002x,MASTER,N,ENROLLED,2025-09-01,2027-06-30\n");

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err()).contains("line 1: missing required column id_no: the whole file is rejected")
			.contains("roster_UCAS_20260825.csv: line 1: unknown column idno ignored");
	}

	@Test
	void anUnknownColumnWithControlCharactersIsNamedMasked() throws IOException {
		loadReference();
		// A NUL cannot be stored in PostgreSQL's text: the reason that quotes the name
		// must mask it, or the rejection itself fails.
		// (beside a column of the roster: a line naming none is no header at all)
		Path file = write("roster_UCAS_20260825.csv", "student_no,garbage\u0000\u0001\u0002\n");

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.summary()).contains("status=REJECTED");
		assertThat(result.err()).contains("line 1: missing required columns")
			.contains("unknown column garbage\uFFFD\uFFFD\uFFFD ignored")
			.doesNotContain("\u0000");
	}

	@Test
	void heldUploadStillReportsItsUnknownColumn() throws IOException {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		List<String> lines = Files.readAllLines(sample("roster_UCAS_20260901.csv"));
		List<String> widened = new ArrayList<>();
		widened.add(lines.get(0) + ",nickname");
		lines.stream().skip(1).forEach((line) -> widened.add(line + ","));
		Path file = this.work.resolve("roster_UCAS_20260901.csv");
		Files.write(file, widened);

		CliResult held = cardops("run", "roster-import", "--file", file.toString());
		CliResult forced = cardops("run", "roster-import", "--file", file.toString(), "--force");

		assertThat(held.code()).isEqualTo(3);
		assertThat(held.err()).contains("drops 60 of 355 currently eligible students")
			.contains("roster_UCAS_20260901.csv: line 1: unknown column nickname ignored");
		assertThat(forced.summary()).contains("status=COMPLETED");
		assertThat(forced.out() + forced.err()).contains("forced: applied although it drops 60 of 355")
			.contains("unknown column nickname ignored");
	}

	@Test
	void garbageBytesAreRejectedNamingTheLine() throws IOException {
		loadReference();
		Path file = this.work.resolve("roster_UCAS_20260825.csv");
		byte[] garbage = new byte[2 * 1024 * 1024];
		new java.util.Random(7).nextBytes(garbage);
		Files.write(file, garbage);

		CliResult result = cardops("run", "roster-import", "--file", file.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err()).containsPattern("roster_UCAS_20260825.csv: line \\d+: ");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_entry").query(Long.class).single()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					institution mismatch | run roster-import --file SAMPLE --institution PKU | does not match the file name's institution UCAS
					unknown charset      | run roster-import --file SAMPLE --charset latin1  | --charset must be UTF-8 or GB18030
					missing file         | run roster-import --file nowhere/roster_UCAS_20260825.csv | roster file not found
					no command           | run                                                | run needs a job
					unknown option       | run roster-import --file SAMPLE --frobnicate       | Unknown option
					bad settle date      | run settle --date 2026-13-01                       | --date must be YYYY-MM-DD
					signed year          | run expire-cards --date -0001-10-01                | --date must be YYYY-MM-DD, not -0001-10-01
					nine-digit year      | run settle --date -999999999-01-01                 | --date must be YYYY-MM-DD
					five-digit year      | run reconcile --date +10000-01-01                  | --date must be YYYY-MM-DD
					year typed wrong     | run card-events --date 1970-01-01                  | card-events --date 1970-01-01 is before 2000-01-01, the earliest date cardops runs a job for
					settle of 1999       | run settle --date 1999-12-31                       | is before 2000-01-01
					signed trigger date  | schedules trigger nightly-chain --date -0001-01-01 | --date must be YYYY-MM-DD
					renewal before 07-30 | schedules trigger open-renewal --date 2027-01-15    | --date 2027-01-15 is before 2027-07-30
					no runs listed       | runs --limit 0                                     | --limit must be at least 1, not 0
					negative runs limit  | runs --limit -1                                    | --limit must be at least 1, not -1
					""")
	void wrongUsageExitsTwoAndTouchesNothing(String title, String command, String error) {
		loadReference();
		String[] args = command.replace("SAMPLE", sample("roster_UCAS_20260825.csv").toString()).split(" ");

		CliResult result = cardops(args);

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains(error);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM job_run").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM batch_job_execution").query(Long.class).single())
			.isZero();
	}

	@Test
	void runsListsEachRunWithStatusParametersAndCounts() {
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_BJTU_20260825.csv").toString());
		cardops("run", "roster-import", "--file", sample("roster_BJTU_20260826.csv").toString());

		CliResult runs = cardops("runs");

		assertThat(runs.code()).isZero();
		List<String> lines = runs.out().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).contains("roster-import", "COMPLETED", "date=2026-08-26", "institution=BJTU",
				"accepted=200");
		assertThat(lines.get(2)).contains("roster-import", "REJECTED", "date=2026-08-25", "rejected=12");
	}

	@Test
	void runsShowsTheSecondsOfAStartOnTheMinute() {
		// given: a run started on the minute, as the jobs of a chain fired at 03:00 do
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_BJTU_20260826.csv").toString());
		this.database.sql()
			.sql("UPDATE batch_job_execution SET start_time = TIMESTAMP '2026-08-27 03:00:00',"
					+ " end_time = TIMESTAMP '2026-08-27 03:00:01.5'")
			.update();

		// when
		CliResult runs = cardops("runs");

		// then: the started column keeps its seconds (it printed "2026-08-27 03:00")
		assertThat(runs.code()).isZero();
		assertThat(runs.out().lines().toList().get(1)).containsPattern(
				"roster-import\\s+COMPLETED\\s+" + "2026-08-27 03:00:00\\s+1\\.5s  charset=UTF-8 date=2026-08-26 ");
	}

	@Test
	void postgresRefusesToRunWithoutAnIdentityKeyAndTheEmbeddedDefaultWarns() {
		CliResult result = cardopsWith(Map.of(), "reference", "load", "--dir", SAMPLES.resolve("reference").toString());

		if (this.database.isPostgres()) {
			assertThat(result.code()).isEqualTo(2);
			assertThat(result.err()).contains("CARDOPS_ID_KEY is not set");
		}
		else {
			assertThat(result.code()).isZero();
			assertThat(result.err()).contains("warning: CARDOPS_ID_KEY is not set");
		}
	}

	private long currentImport(String institution) {
		return this.database.sql()
			.sql("SELECT import_id FROM roster_current WHERE institution = ?")
			.params(institution)
			.query(Long.class)
			.single();
	}

	private long currentRosterSize(String institution) {
		return this.database.sql()
			.sql("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"
					+ " WHERE c.institution = ?")
			.params(institution)
			.query(Long.class)
			.single();
	}

	private static List<CSVRecord> readCsv(Path file, Charset charset) throws IOException {
		String text = new String(Files.readAllBytes(file), charset).replace("\uFEFF", "");
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.get()
			.parse(new StringReader(text))
			.getRecords();
	}

}
