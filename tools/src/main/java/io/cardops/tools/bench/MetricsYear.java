package io.cardops.tools.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.writers.bulk.BulkLoader;

/**
 * Fills a fresh database with what a year of two-million-tap nights leaves in the tables
 * the business metrics read, so that the cost of a scrape can be measured: for each day a
 * tap file per operator (about 680,000 rows each), a recharge and a card-event file per
 * channel and a payments file per PSP (one file in fifty rejected whole), its exceptions
 * (one in ten still open) and their totals, and a settlement version; and a roster upload
 * per institution a week. The ledger itself is left empty: no metric reads it.
 */
public final class MetricsYear {

	/** The days of a year of nights. */
	public static final int DAYS = 365;

	private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

	private static final List<String> OPERATORS = List.of("BJSUBWAY", "BJMTR", "BJBUS");

	private static final List<String> CHANNELS = List.of("BMAC_APP", "HEBAO", "COUNTER");

	private static final List<String> PSPS = List.of("ALIPAY", "WECHAT", "CMPAY");

	private static final List<String> INSTITUTIONS = List.of("UCAS", "PKU", "BJTU");

	private MetricsYear() {
	}

	/**
	 * Writes the year.
	 * @param dataSource the database (fresh, with the sample reference data)
	 * @param exceptionsPerDay the exceptions each night raised
	 * @param seed the random seed
	 * @return the exceptions written
	 * @throws SQLException when the database refuses the data
	 */
	public static long write(DataSource dataSource, int exceptionsPerDay, long seed) throws SQLException {
		SplittableRandom random = new SplittableRandom(seed);
		String sha = "0".repeat(64);
		long exceptions = 0;
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (BulkLoader files = BulkLoader.open(connection, "inbox_file", List.of("file_name", "kind", "partner",
					"clearing_date", "sha256", "records", "status", "reason", "received_at", "rejected_rows"))) {
				int file = 0;
				for (int day = 0; day < DAYS; day++) {
					LocalDate date = FIRST.plusDays(day);
					OffsetDateTime at = date.plusDays(1).atTime(3, 0).atZone(AcademicCalendar.ZONE).toOffsetDateTime();
					String stamp = date.toString().replace("-", "");
					for (String[] sent : sentFiles()) {
						boolean rejected = ++file % 50 == 0;
						long records = sent[0].equals("taps") ? 680_000 + random.nextInt(10_000)
								: 1_000 + random.nextInt(100_000);
						files.add(sent[0] + "_" + sent[1] + "_" + stamp + "_01.csv", sent[0], sent[1], date, sha,
								rejected ? null : records, rejected ? "REJECTED" : "LOADED",
								rejected ? "content does not match its control file (sha256 differs)" : null, at,
								rejected ? null : (long) random.nextInt(5));
					}
				}
				files.finish();
			}
			ExceptionCategory[] categories = ExceptionCategory.values();
			for (int day = 0; day < DAYS; day++) {
				// A night at a time, as reconciliation writes them: H2 keeps an open
				// transaction's changes in its file, and a year in one grew it past 19
				// GB.
				LocalDate date = FIRST.plusDays(day);
				try (BulkLoader rows = BulkLoader.open(connection, "recon_exception",
						List.of("clearing_date", "category", "status", "resolved_on", "partner", "card_no", "card_seq",
								"source_file", "source_line", "amount_fen", "detail", "case_state"))) {
					for (int i = 0; i < exceptionsPerDay; i++) {
						boolean open = random.nextInt(10) == 0;
						String operator = OPERATORS.get(i % OPERATORS.size());
						rows.add(date, categories[random.nextInt(categories.length)].name(), open ? "OPEN" : "RESOLVED",
								open ? null : date.plusDays(1), operator,
								String.format("3104%015d", random.nextLong(1_000_000_000L)),
								Integer.toString(random.nextInt(1000)),
								"taps_" + operator + "_" + date.toString().replace("-", "") + "_01.csv", i + 2,
								(long) random.nextInt(10_000), "generated for the metrics benchmark",
								// A desk at work: what the judging resolved is closed,
								// the rest
								// waits for people.
								open ? "NEW" : "CLOSED");
						exceptions++;
					}
					rows.finish();
				}
				connection.commit();
			}
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO recon_exception_total (clearing_date, category, raised)"
						+ " SELECT clearing_date, category, COUNT(*) FROM recon_exception GROUP BY clearing_date, category");
			}
			settlements(connection, random, sha);
			rosters(connection, random);
			connection.commit();
		}
		return exceptions;
	}

	private static List<String[]> sentFiles() {
		List<String[]> sent = new ArrayList<>();
		OPERATORS.forEach((partner) -> sent.add(new String[] { "taps", partner }));
		CHANNELS.forEach((partner) -> sent.add(new String[] { "recharges", partner }));
		CHANNELS.forEach((partner) -> sent.add(new String[] { "cardevents", partner }));
		PSPS.forEach((partner) -> sent.add(new String[] { "payments", partner }));
		return sent;
	}

	private static void settlements(Connection connection, SplittableRandom random, String sha) throws SQLException {
		// One COPY at a time on a connection.
		try (BulkLoader versions = BulkLoader.open(connection, "settlement_version", List.of("clearing_date", "version",
				"published_at", "job_execution_id", "fingerprint", "files", "releases_before"))) {
			for (int day = 0; day < DAYS; day++) {
				LocalDate date = FIRST.plusDays(day);
				// (each version read the desk's releases at its publication: V46)
				OffsetDateTime published = date.plusDays(1)
					.atTime(4, 0)
					.atZone(AcademicCalendar.ZONE)
					.toOffsetDateTime();
				versions.add(date, 1, published, (long) day, sha, OPERATORS.size() + CHANNELS.size() + 2, published);
			}
			versions.finish();
		}
		try (BulkLoader files = BulkLoader.open(connection, "settlement_file",
				List.of("clearing_date", "version", "file_name", "partner", "role", "records", "items", "gross_fen",
						"deductions_fen", "net_fen", "direction", "sha256"))) {
			for (int day = 0; day < DAYS; day++) {
				LocalDate date = FIRST.plusDays(day);
				String stamp = date.toString().replace("-", "");
				for (String operator : OPERATORS) {
					long fen = 50_000_000 + random.nextInt(10_000_000);
					files.add(date, 1, "settlement_" + stamp + "_" + operator + ".csv", operator, "OPERATOR", 30,
							680_000L, fen, 0L, fen, "ISSUER_PAYS", sha);
				}
				for (String channel : CHANNELS) {
					long fen = 10_000_000 + random.nextInt(1_000_000);
					files.add(date, 1, "settlement_" + stamp + "_" + channel + ".csv", channel, "CHANNEL", 1, 100_000L,
							fen, fen / 100, fen - fen / 100, "ISSUER_RECEIVES", sha);
				}
				long subsidy = 20_000_000 + random.nextInt(1_000_000);
				files.add(date, 1, "settlement_" + stamp + "_BJ_SUBSIDY.csv", "BJ_SUBSIDY", "SUBSIDY", 6, 900_000L,
						subsidy, 0L, subsidy, "FUND_PAYS_OPERATORS", sha);
				files.add(date, 1, "settlement_" + stamp + "_summary.csv", null, "SUMMARY", 7, 0L, 0L, 0L, 0L, null,
						sha);
			}
			files.finish();
		}
	}

	private static void rosters(Connection connection, SplittableRandom random) throws SQLException {
		try (BulkLoader imports = BulkLoader.open(connection, "roster_import",
				List.of("import_id", "institution", "file_name", "file_date", "sha256", "charset", "forced", "status",
						"data_rows", "accepted_rows", "rejected_rows", "job_instance_id", "started_at"))) {
			long id = 1_000_000;
			for (int week = 0; week < DAYS / 7; week++) {
				LocalDate date = FIRST.plusWeeks(week);
				for (String institution : INSTITUTIONS) {
					int rejected = random.nextInt(50);
					imports.add(++id, institution,
							"roster_" + institution + "_" + date.toString().replace("-", "") + ".csv", date,
							Long.toHexString(id) + "0".repeat(64 - Long.toHexString(id).length()), "UTF-8", false,
							(week % 20 == 19) ? "HELD" : "COMPLETED", 40_000L, 40_000L - rejected, (long) rejected, -id,
							date.atTime(3, 0).atZone(AcademicCalendar.ZONE).toOffsetDateTime());
				}
			}
			imports.finish();
		}
	}

}
