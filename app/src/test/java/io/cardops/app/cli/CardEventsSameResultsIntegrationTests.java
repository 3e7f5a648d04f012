package io.cardops.app.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.digest.Sha256;
import io.cardops.tools.bench.RosterGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three generated days of card events from three channels (ties on {@code occurred_at},
 * event ids that differ only in case or repeat, instants in other zones and with
 * microseconds, malformed rows, a file whose control file does not match) give exactly
 * the tables, outbound files and run summaries recorded from the code that held a day's
 * events in memory ({@code src/test/resources/card-events/same-results.txt}).
 *
 * <p>
 * Each day holds more events than the judge takes per chunk, so events cross chunk
 * boundaries. Run with {@code -Dcardops.record-same-results=true} to record the expected
 * figures again (only from code known to be right).
 */
class CardEventsSameResultsIntegrationTests extends CliTestSupport {

	private static final Path EXPECTED = Path.of("src/test/resources/card-events/same-results.txt");

	private static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2),
			LocalDate.of(2026, 9, 3));

	private static final String HEADER = "event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen\n";

	private static final String[] DEVICES = { "IOS", "ANDROID", "HARMONY", "SIM" };

	private static final String[] ID_PREFIXES = { "E", "e", "_", "a", "Z", "E-", "e." };

	@Test
	void aGeneratedWeekOfCardEventsGivesTheRecordedTablesFilesAndSummaries() throws Exception {
		// given
		loadReference();
		Path rosterFile = this.work.resolve("roster_UCAS_20260825.csv");
		List<String> students = RosterGenerator.write(rosterFile, 1_200, 20L);
		assertThat(cardops("run", "roster-import", "--file", rosterFile.toString()).code()).isZero();
		Random random = new Random(20_260_901L);
		Map<String, String> holders = new HashMap<>();
		List<String> summaries = new ArrayList<>();

		// when
		for (LocalDate day : DAYS) {
			String stamp = day.toString().replace("-", "");
			eventFile("cardevents_BMAC_APP_" + stamp + "_01.csv", events(random, day, 1_100, students, holders), true);
			eventFile("cardevents_HEBAO_" + stamp + "_01.csv", events(random, day, 600, students, holders), true);
			eventFile("cardevents_COUNTER_" + stamp + "_01.csv", events(random, day, 150, students, holders), true);
			if (day.equals(DAYS.get(1))) {
				eventFile("cardevents_HEBAO_" + stamp + "_02.csv", events(random, day, 40, students, holders), false);
			}
			CliResult result = cardops("run", "card-events", "--date", day.toString());
			assertThat(result.code()).as(result.err()).isZero();
			summaries.add(result.summary());
		}
		CliResult rerun = cardops("run", "card-events", "--date", DAYS.get(2).toString());
		summaries.add(rerun.summary());

		// then: nothing stays staged once a run has committed
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card_event_stage").query(Long.class).single())
			.isZero();
		Map<String, String> sections = new LinkedHashMap<>();
		sections.put("card", dump("SELECT * FROM card ORDER BY card_no"));
		sections.put("card_ledger",
				dump("SELECT card_no, last_seq, balance_fen, updated_on FROM card_ledger ORDER BY card_no"));
		sections.put("card_event", dump("SELECT * FROM card_event ORDER BY channel, source_file, source_line"));
		sections.put("card_event_reject", dump("SELECT * FROM card_event_reject ORDER BY source_file, source_line"));
		sections.put("hotlist_entry", dump("SELECT * FROM hotlist_entry ORDER BY card_no"));
		sections.put("hotlist_change", dump("SELECT * FROM hotlist_change ORDER BY version, card_no"));
		sections.put("hotlist_version",
				dump("SELECT version, clearing_date, blocked, added, removed FROM hotlist_version ORDER BY version"));
		sections.put("inbox_file", dump("SELECT file_name, kind, partner, clearing_date, sha256, records, status,"
				+ " reason, rejected_rows FROM inbox_file ORDER BY file_name"));
		sections.put("outbox", outboxFiles());
		StringBuilder actual = new StringBuilder();
		summaries.forEach((summary) -> actual.append("summary ").append(summary).append('\n'));
		sections.forEach((name, text) -> actual.append("section ")
			.append(name)
			.append(" lines=")
			.append(text.isEmpty() ? 0 : text.split("\n", -1).length - 1)
			.append(" sha256=")
			.append(sha256(text))
			.append('\n'));
		// The whole dump stays beside the build, to compare when a figure differs.
		Path dumps = Path.of("target", "same-results");
		Files.createDirectories(dumps);
		for (Map.Entry<String, String> section : sections.entrySet()) {
			Files.writeString(dumps.resolve((this.database.isPostgres() ? "postgres-" : "h2-") + section.getKey()),
					section.getValue(), StandardCharsets.UTF_8);
		}
		if (Boolean.getBoolean("cardops.record-same-results")) {
			Files.createDirectories(EXPECTED.getParent());
			Files.writeString(EXPECTED, actual.toString(), StandardCharsets.UTF_8);
		}
		assertThat(actual.toString()).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
	}

	private static String sha256(String text) {
		java.security.MessageDigest digest = Sha256.newDigest();
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		return Sha256.hex(digest);
	}

	/**
	 * Event rows of one file: issues, losses, returns and renewals of a pool of cards
	 * shared by every file, some by their holder and some not, and a few malformed rows.
	 */
	private static String events(Random random, LocalDate day, int count, List<String> students,
			Map<String, String> holders) {
		StringBuilder rows = new StringBuilder();
		OffsetDateTime start = day.minusDays(1).atStartOfDay(AcademicCalendar.ZONE).toOffsetDateTime();
		for (int i = 0; i < count; i++) {
			String id = ID_PREFIXES[random.nextInt(ID_PREFIXES.length)] + random.nextInt(6_000);
			// Thirty-second steps over two days: many events share an instant.
			OffsetDateTime at = start.plusSeconds(30L * random.nextInt(2 * 2_880));
			String occurredAt = switch (random.nextInt(20)) {
				case 0 -> at.withOffsetSameInstant(ZoneOffset.UTC).toString();
				case 1 -> at.toLocalDateTime().toString();
				case 2 -> at.plusNanos(1_000L * (1 + random.nextInt(999))).toString();
				default -> at.toString();
			};
			String cardNo = "3104" + String.format("%015d", random.nextInt(2_500));
			String holder = holders.get(cardNo);
			String student = (holder != null && random.nextInt(10) != 0) ? holder : (random.nextInt(12) == 0)
					? "NOBODY" + random.nextInt(50) : students.get(random.nextInt(students.size()));
			String device = (random.nextInt(4) == 0) ? "" : DEVICES[random.nextInt(DEVICES.length)];
			int kind = random.nextInt(100);
			String type;
			String refund = "";
			if (kind < 45) {
				type = "ISSUE";
				student = (random.nextInt(12) == 0) ? "NOBODY" + random.nextInt(50)
						: students.get(random.nextInt(students.size()));
				device = DEVICES[random.nextInt(DEVICES.length)];
				holders.putIfAbsent(cardNo, student);
			}
			else if (kind < 63) {
				type = "REPORT_LOST";
			}
			else if (kind < 83) {
				type = "RETURN";
				refund = Integer.toString(random.nextInt(26_000));
			}
			else if (kind < 92) {
				type = "RENEW";
			}
			else {
				// Malformed: a short card number, an unknown event, a refund on an issue,
				// a date after the file's.
				type = "ISSUE";
				switch (kind) {
					case 92, 93 -> cardNo = cardNo.substring(1);
					case 94, 95 -> type = "REPLACE";
					case 96, 97 -> refund = "100";
					default -> occurredAt = day.plusDays(3)
						.atTime(9, 0)
						.atZone(AcademicCalendar.ZONE)
						.toOffsetDateTime()
						.toString();
				}
			}
			rows.append(id)
				.append(',')
				.append(type)
				.append(',')
				.append(occurredAt)
				.append(',')
				.append(cardNo)
				.append(",UCAS,")
				.append(student)
				.append(',')
				.append(device)
				.append(',')
				.append(refund)
				.append('\n');
		}
		return rows.toString();
	}

	private void eventFile(String name, String rows, boolean controlMatches) throws IOException {
		Path file = write(name, HEADER + rows);
		long records = rows.lines().count();
		BigInteger sum = BigInteger.ZERO;
		for (String row : rows.split("\n")) {
			String refund = row.substring(row.lastIndexOf(',') + 1);
			if (!refund.isEmpty()) {
				sum = sum.add(new BigInteger(refund));
			}
		}
		Files.writeString(file.resolveSibling(name + ".ctl"), "records=" + (controlMatches ? records : records + 1)
				+ "\nsum_fen=" + sum + "\nsha256=" + Sha256.of(file) + "\n");
	}

	/**
	 * A query's rows, one line each, values in a form both databases give alike.
	 */
	private String dump(String sql) {
		StringBuilder text = new StringBuilder();
		this.database.sql().sql(sql).query((RowCallbackHandler) (rs) -> {
			ResultSetMetaData meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				if (i > 1) {
					text.append('|');
				}
				text.append(meta.getColumnLabel(i).toLowerCase()).append('=').append(value(rs.getObject(i)));
			}
			text.append('\n');
		});
		return text.toString();
	}

	private static String value(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toInstant().toString();
		}
		if (value instanceof OffsetDateTime dateTime) {
			return dateTime.toInstant().toString();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		return (value instanceof String text) ? text.trim() : value.toString();
	}

	/** Every file of the outbox with its bytes, by path. */
	private String outboxFiles() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(outbox())) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				text.append("== ")
					.append(outbox().relativize(file).toString().replace('\\', '/'))
					.append('\n')
					.append(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n\n"));
			}
		}
		return text.toString();
	}

}
