package io.cardops.app.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.JobRunner;
import io.cardops.tools.bench.CardEventGenerator;
import io.cardops.tools.bench.HeapWatch;
import io.cardops.tools.bench.MetricsYear;
import io.cardops.tools.bench.ParseTime;
import io.cardops.tools.bench.PsqlCopy;
import io.cardops.tools.bench.RosterGenerator;
import io.cardops.tools.generate.GenerationRequest;
import io.cardops.tools.generate.GenerationResult;
import io.cardops.tools.generate.InboxGenerator;
import io.cardops.app.monitor.BusinessFigures;
import io.cardops.writers.bulk.BulkLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cardops benchmark <job>}: generates data for one job, runs it, and prints
 * throughput and peak heap. Run it against a fresh database (PostgreSQL for the published
 * figures):
 * <ul>
 * <li>{@code roster-import [--rows N]}: a roster of N students (default 200,000)
 * imported;</li>
 * <li>{@code card-events [--rows N]}: a roster of N students, then one file issuing each
 * a card;</li>
 * <li>{@code expire-cards [--rows N]}: N ACTIVE cards (default 1,000,000) loaded, then
 * expired;</li>
 * <li>{@code metrics [--rows N]}: a year of nights with N exceptions each (default 3,000)
 * in the tables the business metrics read, then the read of one scrape, timed.</li>
 * </ul>
 */
@Command(name = "benchmark",
		description = "Measures a job on generated data: roster-import, card-events, expire-cards, reconcile, settle;"
				+ " or the business metrics' read (metrics).",
		mixinStandardHelpOptions = true)
final class BenchmarkCommand implements Callable<Integer> {

	/**
	 * Where the benchmarks write the data they generate (relative to the working folder).
	 */
	static final Path BENCH = Path.of("data", "bench");

	private final Session session;

	private double lastSeconds;

	private long lastExecutionId;

	@Parameters(index = "0", paramLabel = "JOB",
			description = "roster-import, card-events, expire-cards, reconcile, settle or metrics")
	private String job;

	@Option(names = "--rows", description = "rows to generate (default 200000; 1000000 for expire-cards)")
	private Integer rows;

	@Option(names = "--live-heap",
			description = "also sample the heap left after a full collection every 2 s during the job and print its peak"
					+ " (live_heap_mb); the samples slow the job a little")
	private boolean liveHeap;

	@Option(names = "--ledger-floor", description = "reconcile on PostgreSQL: also time the server storing the date's"
			+ " ledger rows by itself (exported and copied back with psql, in the order stored and in card order, and as"
			+ " narrower rows with a file number), the floor of the load's writing")
	private boolean ledgerFloor;

	@Option(names = "--seed", description = "random seed (default: the current time, so each run is new content)")
	private Long seed;

	BenchmarkCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws IOException, SQLException {
		if (!List.of("roster-import", "card-events", "expire-cards", "reconcile", "settle", "metrics")
			.contains(this.job)) {
			throw new GlobalOptions.UsageException(
					"benchmark knows roster-import, card-events, expire-cards, reconcile, settle and metrics");
		}
		if (this.ledgerFloor && (!this.job.equals("reconcile") || this.session.options().embedded())) {
			throw new GlobalOptions.UsageException("--ledger-floor times PostgreSQL's copy of the reconcile benchmark's"
					+ " ledger rows: use it with benchmark reconcile and --db jdbc:postgresql://...");
		}
		if (this.rows != null && this.rows < 1) {
			throw new GlobalOptions.UsageException("--rows must be 1 or more, not " + this.rows);
		}
		long seed = (this.seed != null) ? this.seed : System.currentTimeMillis();
		int count = (this.rows != null) ? this.rows : this.job.equals("expire-cards") ? 1_000_000 : 200_000;
		Path inbox = BENCH.resolve("inbox-" + seed);
		if (this.job.equals("reconcile") || this.job.equals("settle")) {
			inbox = BENCH.resolve("generated-" + seed).resolve("inbox");
		}
		// Never the installation's outbox: the jobs publish files there (--outbox still
		// chooses one).
		Map<String, Object> settings = Map.of("cardops.outbox", BENCH.resolve("outbox").toString());
		try (ConfigurableApplicationContext context = this.session.open(inbox, settings)) {
			claim(context.getBean(DataSource.class));
			if (ReferenceCommand.load(this.session, context,
					this.session.home().resolve("sample-data/reference")) != 0) {
				return 3;
			}
			JobRunner runner = context.getBean(JobRunner.class);
			return switch (this.job) {
				case "roster-import" -> {
					Path file = generateRoster(count, seed, LocalDate.of(2026, 9, 10)).file();
					yield measure(count, () -> runner.run(JobName.ROSTER_IMPORT, roster(file)), JobName.ROSTER_IMPORT,
							LocalDate.of(2026, 9, 10));
				}
				case "card-events" -> {
					LocalDate date = LocalDate.of(2026, 9, 10);
					issueToEveryStudent(runner, inbox, count, seed, date);
					yield measure(count, () -> runner.run(JobName.CARD_EVENTS, Map.of("date", date.toString())),
							JobName.CARD_EVENTS, date);
				}
				case "reconcile", "settle" -> reconcile(context, runner, count, seed);
				case "metrics" -> metrics(context, (this.rows != null) ? this.rows : 3_000, seed);
				default -> {
					LocalDate date = LocalDate.of(2027, 10, 1);
					long start = System.nanoTime();
					loadCards(context.getBean(DataSource.class), count, seed);
					this.session.out()
						.printf("benchmark expire-cards: loaded cards=%d in %.2fs%n", count,
								(System.nanoTime() - start) / 1e9);
					yield measure(count, () -> runner.run(JobName.EXPIRE_CARDS, Map.of("date", date.toString())),
							JobName.EXPIRE_CARDS, date);
				}
			};
		}
	}

	/**
	 * Claims the database for the benchmarks, or refuses it: they run real jobs and
	 * replace the data they touch (a forced UCAS roster, expired cards), so they run on a
	 * database that had run no job when the first benchmark came, or on one a benchmark
	 * claimed (V44).
	 */
	private void claim(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		if (jdbc.sql("SELECT COUNT(*) FROM benchmark_database").query(Long.class).single() > 0) {
			return;
		}
		if (jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single() > 0) {
			throw new GlobalOptions.UsageException("benchmark runs real jobs and replaces the data they touch, and "
					+ (this.session.options().embedded() ? "the embedded database under data/"
							: "the database --db (or CARDOPS_DB_URL) names")
					+ " has run jobs that no benchmark ran: give the benchmark a database of its own (createdb -h"
					+ " 127.0.0.1 -U postgres cardops_bench; --db 'jdbc:postgresql://127.0.0.1:5432/cardops_bench?user=postgres')");
		}
		jdbc.sql("INSERT INTO benchmark_database (singleton, claimed_at) VALUES ('X', CURRENT_TIMESTAMP)").update();
	}

	/**
	 * Imports a roster of {@code count} students and writes a file issuing each a card.
	 * The list of students is dropped before the job is measured: for a million students
	 * it is about 60 MB of heap that the job does not hold.
	 */
	private void issueToEveryStudent(JobRunner runner, Path inbox, int count, long seed, LocalDate date) {
		Generated roster = generateRoster(count, seed, date);
		RunReport.print(this.session, JobName.ROSTER_IMPORT, date,
				runner.run(JobName.ROSTER_IMPORT, roster(roster.file())));
		CardEventGenerator.issues(inbox, "BMAC_APP", date, "UCAS", roster.studentNos());
	}

	private Generated generateRoster(int count, long seed, LocalDate date) {
		Path file = BENCH.resolve("roster_UCAS_" + date.toString().replace("-", "") + ".csv");
		long start = System.nanoTime();
		List<String> studentNos = RosterGenerator.write(file, count, seed);
		this.session.out()
			.printf("benchmark %s: generated roster rows=%d seed=%d file=%s in %.2fs%n", this.job, count, seed, file,
					(System.nanoTime() - start) / 1e9);
		return new Generated(file, studentNos);
	}

	private static Map<String, String> roster(Path file) {
		// Forced: a benchmark snapshot replaces whatever UCAS roster the database holds.
		String day = file.getFileName().toString().replaceAll("\\D", "");
		LocalDate date = LocalDate.of(Integer.parseInt(day.substring(0, 4)), Integer.parseInt(day.substring(4, 6)),
				Integer.parseInt(day.substring(6, 8)));
		return new RosterImportRequest(file, "UCAS", date, StandardCharsets.UTF_8, true).toParameters();
	}

	/** Whether the last run measured took nothing new in (its files refused). */
	private boolean measuredNothing;

	private int measure(int count, java.util.function.Supplier<JobRunner.RunResult> run, JobName name, LocalDate date) {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		long start = System.nanoTime();
		JobRunner.RunResult result;
		long liveBytes = -1;
		long samples = 0;
		if (this.liveHeap) {
			try (HeapWatch watch = new HeapWatch(Duration.ofSeconds(2))) {
				result = run.get();
				liveBytes = watch.peakLiveBytes();
				samples = watch.samples();
			}
		}
		else {
			result = run.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		this.lastSeconds = seconds;
		this.lastExecutionId = result.executionId();
		int code = RunReport.print(this.session, name, date, result);
		java.util.regex.Matcher rejected = java.util.regex.Pattern.compile("\\bfiles_rejected=(\\d+)")
			.matcher(result.counts());
		if (rejected.find() && Long.parseLong(rejected.group(1)) > 0) {
			// A generated file is never refused on a fresh database: these were refused
			// as names it took before with other content, and the run measured nothing
			// new.
			this.measuredNothing = true;
			this.session.err()
				.println("cardops: benchmark " + name.command() + ": " + rejected.group(1) + " of the generated"
						+ " files were rejected, most likely as names this database already took from an earlier"
						+ " benchmark with another --rows or --seed, so the run loaded nothing new and its figures"
						+ " would mislead: give each benchmark run a fresh database (dropdb, then createdb)");
			return 1;
		}
		// Reconciliation is measured per tap, whatever number of cards produced them.
		java.util.regex.Matcher taps = java.util.regex.Pattern.compile("\\btaps=(\\d+)").matcher(result.counts());
		boolean perTap = name == JobName.RECONCILE || name == JobName.SETTLE;
		long units = (perTap && taps.find()) ? Long.parseLong(taps.group(1)) : count;
		String unit = perTap ? "taps" : "rows";
		long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
		double processSeconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
				/ 1000.0;
		this.session.out()
			.printf("benchmark %s: %s=%d job_s=%.2f %s_per_s=%.0f process_s=%.2f peak_heap_mb=%.0f"
					+ " max_heap_mb=%.0f db=%s%n", name.command(), unit, units, seconds, unit, units / seconds,
					processSeconds, peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
					this.session.options().embedded() ? "embedded-h2" : "postgresql");
		if (liveBytes >= 0) {
			System.gc();
			this.session.out()
				.printf("benchmark %s: live_heap_mb=%.1f (peak of %d samples, each after a full collection, every 2 s)"
						+ " heap_after_job_mb=%.1f%n", name.command(), liveBytes / 1048576.0, samples,
						ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
		}
		return code;
	}

	/**
	 * Generates one clearing day for {@code cards} cards, takes the roster and card
	 * events in, then measures {@code psql \\copy} of the day's tap files into an
	 * unlogged table and into a logged one with the ledger's card index (PostgreSQL only)
	 * and the reconcile run of the same files, and prints their ratios; for
	 * {@code settle}, then measures the settlement of that date.
	 */
	private int reconcile(ConfigurableApplicationContext context, JobRunner runner, int cards, long seed)
			throws IOException {
		Path out = BENCH.resolve("generated-" + seed);
		long start = System.nanoTime();
		GenerationResult generated = GenerateCommand.generate(this.session,
				new GenerationRequest(out, this.session.home().resolve("sample-data/reference"), cards, 1, seed,
						new BigDecimal("0.01"), InboxGenerator.DEFAULT_START));
		this.session.out()
			.printf("benchmark reconcile: generated cards=%d seed=%d into %s in %.2fs%n", cards, seed, out,
					(System.nanoTime() - start) / 1e9);
		LocalDate day = generated.firstClearingDate();
		RunReport
			.print(this.session, JobName.ROSTER_IMPORT, generated.rosterDate(),
					runner
						.run(JobName.ROSTER_IMPORT,
								new RosterImportRequest(
										generated.inbox()
											.resolve("roster_UCAS_" + generated.rosterDate().toString().replace("-", "")
													+ ".csv"),
										"UCAS", generated.rosterDate(), StandardCharsets.UTF_8, true)
									.toParameters()));
		RunReport.print(this.session, JobName.CARD_EVENTS, generated.rosterDate(),
				runner.run(JobName.CARD_EVENTS, Map.of("date", generated.rosterDate().toString())));
		List<Path> tapFiles;
		try (java.util.stream.Stream<Path> files = Files.list(generated.inbox())) {
			tapFiles = files
				.filter((file) -> file.getFileName().toString().startsWith("taps_")
						&& file.getFileName().toString().endsWith(".csv"))
				.sorted()
				.toList();
		}
		Double copySeconds = this.session.options().embedded() ? null
				: PsqlCopy.time(this.session.options().db(), tapFiles);
		Double durableSeconds = this.session.options().embedded() ? null
				: PsqlCopy.timeDurable(this.session.options().db(), tapFiles);
		if (!this.session.options().embedded()) {
			// As before each copy: the run starts with no checkpoint of the copies'
			// pending.
			String notDone = PsqlCopy.checkpoint(this.session.options().db());
			if (notDone != null) {
				this.session.out()
					.printf("benchmark reconcile: no checkpoint before the run (%s); the run may pay for the copies'"
							+ " log%n", notDone);
			}
		}
		int code = measure(cards, () -> runner.run(JobName.RECONCILE, Map.of("date", day.toString())),
				JobName.RECONCILE, day);
		if (this.measuredNothing) {
			return code;
		}
		if (copySeconds != null) {
			this.session.out()
				.printf("benchmark reconcile: psql_copy_s=%.2f (the same tap files into an unlogged table)"
						+ " reconcile_over_copy=%.2f%n", copySeconds, this.lastSeconds / copySeconds);
		}
		if (durableSeconds != null && copySeconds != null) {
			this.session.out()
				.printf("benchmark reconcile: psql_copy_durable_s=%.2f (the same tap files into a logged table"
						+ " with the ledger's card index) durable_over_copy=%.2f reconcile_over_durable_copy=%.2f%n",
						durableSeconds, durableSeconds / copySeconds, this.lastSeconds / durableSeconds);
		}
		phases(context);
		if (code == 0 && this.ledgerFloor) {
			ledgerFloor(day, generated.inbox());
		}
		if (code != 0 || !this.job.equals("settle")) {
			return code;
		}
		return measure(cards, () -> runner.run(JobName.SETTLE, Map.of("date", day.toString())), JobName.SETTLE, day);
	}

	private void ledgerFloor(LocalDate day, Path inbox) throws IOException {
		PsqlCopy.LedgerFloor floor = PsqlCopy.ledgerFloor(this.session.options().db(), day,
				BENCH.resolve("ledger-floor"));
		if (floor == null) {
			this.session.out().printf("benchmark reconcile: no ledger floor (psql is missing or failed)%n");
			return;
		}
		this.session.out()
			.printf("benchmark reconcile: ledger_floor_s=%.2f (the date's ledger rows copied back by the server"
					+ " alone, in the order stored) card_order_s=%.2f narrow_s=%.2f narrow_card_order_s=%.2f"
					+ " (a file number instead of the file's name, partner and date) reconcile_over_ledger_floor=%.2f%n",
					floor.storedOrder(), floor.cardOrder(), floor.narrowStoredOrder(), floor.narrowCardOrder(),
					this.lastSeconds / floor.storedOrder());
		String stamp = day.toString().replace("-", "");
		List<Path> files;
		try (Stream<Path> listed = Files.list(inbox)) {
			files = listed.filter((file) -> {
				String name = file.getFileName().toString();
				return (name.startsWith("taps_") || name.startsWith("recharges_")) && name.contains("_" + stamp + "_")
						&& name.endsWith(".csv");
			}).sorted().toList();
		}
		ParseTime.Parsed one;
		ParseTime.Parsed two;
		try {
			one = ParseTime.time(files, day, 1);
			two = ParseTime.time(files, day, 2);
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("cannot read the generated files in " + inbox + ": " + ex.getMessage(), ex);
		}
		this.session.out()
			.printf("benchmark reconcile: parse_s=%.2f (the date's %d tap and top-up rows read and checked by the"
					+ " readers alone, nothing written, one file at a time) parse_two_threads_s=%.2f%n", one.seconds(),
					one.rows(), two.seconds());
	}

	/**
	 * Prints the seconds each step of the last run took, from the job repository: the
	 * phases of reconciliation (load, judge, publish, match) and each judging partition.
	 */
	private void phases(ConfigurableApplicationContext context) {
		JobExecution execution = context.getBean(JobRepository.class).getJobExecution(this.lastExecutionId);
		if (execution == null) {
			return;
		}
		StringBuilder line = new StringBuilder("benchmark reconcile: phases");
		execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStartTime() != null && step.getEndTime() != null)
			.sorted(java.util.Comparator.comparing(StepExecution::getId))
			.forEach((step) -> line.append(String.format(Locale.ROOT, " %s=%.2fs", step.getStepName(),
					Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0)));
		this.session.out().println(line);
	}

	/**
	 * Writes a year of nights into the tables the business metrics read, then times the
	 * read of one scrape (the cache bypassed), and for comparison a count of the
	 * exceptions' table itself.
	 */
	private int metrics(ConfigurableApplicationContext context, int exceptionsPerDay, long seed) throws SQLException {
		DataSource dataSource = context.getBean(DataSource.class);
		long start = System.nanoTime();
		long exceptions = MetricsYear.write(dataSource, exceptionsPerDay, seed);
		this.session.out()
			.printf("benchmark metrics: wrote days=%d exceptions=%d in %.2fs%n", MetricsYear.DAYS, exceptions,
					(System.nanoTime() - start) / 1e9);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			// A year on, autovacuum has long vacuumed and analyzed these tables.
			statement.execute(this.session.options().embedded() ? "ANALYZE"
					: "VACUUM ANALYZE inbox_file, roster_import, recon_exception, recon_exception_total,"
							+ " settlement_file, partner");
		}
		BusinessFigures figures = context.getBean(BusinessFigures.class);
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		int series = figures.readNow().size();
		double[] reads = new double[20];
		for (int i = 0; i < reads.length; i++) {
			long begin = System.nanoTime();
			figures.readNow();
			reads[i] = (System.nanoTime() - begin) / 1e6;
		}
		java.util.Arrays.sort(reads);
		long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
		this.session.out()
			.printf("benchmark metrics: series=%d reads=%d read_ms_min=%.1f read_ms_median=%.1f read_ms_max=%.1f"
					+ " peak_heap_mb=%.0f db=%s%n", series, reads.length, reads[0], reads[reads.length / 2],
					reads[reads.length - 1], peakHeap / 1048576.0,
					this.session.options().embedded() ? "embedded-h2" : "postgresql");
		if (!this.session.options().embedded()) {
			// Compared on PostgreSQL only: H2 may reuse a repeated query's last result
			// while no table changed (the count came back in 0.6 ms there).
			double[] counts = new double[3];
			for (int i = 0; i < counts.length; i++) {
				long begin = System.nanoTime();
				JdbcClient.create(dataSource)
					.sql("SELECT category, status, COUNT(*), SUM(amount_fen) FROM recon_exception"
							+ " GROUP BY category, status")
					.query()
					.listOfRows();
				counts[i] = (System.nanoTime() - begin) / 1e6;
			}
			java.util.Arrays.sort(counts);
			this.session.out()
				.printf("benchmark metrics: counting the exceptions table itself instead: count_ms_median=%.1f%n",
						counts[1]);
		}
		return 0;
	}

	private static void loadCards(DataSource dataSource, int count, long seed) throws SQLException {
		OffsetDateTime issued = LocalDate.of(2026, 9, 10).atTime(9, 0).atZone(AcademicCalendar.ZONE).toOffsetDateTime();
		LocalDate validUntil = LocalDate.of(2027, 9, 30);
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (BulkLoader loader = BulkLoader.open(connection, "card", List.of("card_no", "institution", "student_no",
					"channel", "device", "state", "issued_at", "valid_until", "state_since"))) {
				for (int i = 0; i < count; i++) {
					// One card in ten was renewed for another year and stays ACTIVE.
					loader.add(String.format("3105%015d", (seed % 1000) * 10_000_000L + i), "UCAS",
							"B" + (seed % 1000) + "-" + i, "BMAC_APP", "ANDROID", "ACTIVE", issued,
							(i % 10 == 0) ? validUntil.plusYears(1) : validUntil, issued);
				}
				loader.finish();
			}
			connection.commit();
		}
	}

	private record Generated(Path file, List<String> studentNos) {
	}

}
