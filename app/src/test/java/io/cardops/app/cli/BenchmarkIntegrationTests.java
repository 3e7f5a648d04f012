package io.cardops.app.cli;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The benchmarks, run small through the command line. The reconcile benchmark, against
 * PostgreSQL, reconciles the day it generated and compares the run with {@code psql}'s
 * two copies of the same tap files; the metrics benchmark writes a year of nights and
 * times the read of a scrape. Their figures are read by people, not asserted; what is
 * checked is that they measured what they say they measured.
 */
class BenchmarkIntegrationTests extends CliTestSupport {

	/**
	 * A seed of this test's own: the benchmark writes under data/bench/generated-SEED.
	 */
	private static final String SEED = "424242";

	@AfterEach
	void removeGeneratedDay() throws IOException {
		FileSystemUtils.deleteRecursively(BenchmarkCommand.BENCH.resolve("generated-" + SEED));
		FileSystemUtils.deleteRecursively(BenchmarkCommand.BENCH.resolve("inbox-" + SEED));
	}

	@Test
	void aDatabaseThatRanJobsOfItsOwnIsRefusedAndLeftAsItWas() {
		// given: a database that ran a job no benchmark ran
		CliResult own = cardops("run", "expire-cards", "--date", "2026-09-30");
		assertThat(own.code()).as(own.toString()).isZero();
		long runs = this.database.sql().sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single();

		// when
		CliResult result = cardops("benchmark", "expire-cards", "--rows", "10", "--seed", SEED);

		// then: refused as wrong use, nothing run, nothing claimed
		assertThat(result.code()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("benchmark runs real jobs and replaces the data they touch",
				"give the benchmark a database of its own");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single())
			.isEqualTo(runs);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM benchmark_database").query(Long.class).single())
			.isZero();
		// and rows it cannot generate are refused before anything is written
		CliResult none = cardops("benchmark", "settle", "--rows", "0");
		assertThat(none.code()).isEqualTo(2);
		assertThat(none.err()).contains("--rows must be 1 or more, not 0");
	}

	@Test
	void aBenchmarkClaimsAFreshDatabaseAndRunsAgainOnIt() {
		// (the roster benchmark replaces its own snapshot the second time: benchmarks.md)
		CliResult first = cardops("benchmark", "roster-import", "--rows", "10", "--seed", SEED);
		assertThat(first.code()).as(first.toString()).isZero();
		CliResult second = cardops("benchmark", "roster-import", "--rows", "10", "--seed", SEED);
		assertThat(second.code()).as(second.toString()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM benchmark_database").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void cardEventsBenchmarkAppliesTheIssuesItGeneratedAndSamplesTheLiveHeap() {
		CliResult result = cardops("benchmark", "card-events", "--rows", "3000", "--seed", SEED, "--live-heap");

		assertThat(result.code()).as(result.toString()).isZero();
		Matcher run = Pattern
			.compile("job=card-events date=2026-09-10 status=COMPLETED files=1 files_waiting=0 files_rejected=0"
					+ " events=3000 applied=(\\d+) ")
			.matcher(result.out());
		assertThat(run.find()).as(result.out()).isTrue();
		// Every issue it counted is a card; the figures name the rows and the sampled
		// heap.
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single())
			.isEqualTo(Long.parseLong(run.group(1)));
		assertThat(result.out())
			.containsPattern("benchmark card-events: rows=3000 job_s=\\d+\\.\\d\\d rows_per_s=\\d+ ");
		assertThat(result.out())
			.containsPattern("benchmark card-events: live_heap_mb=\\d+\\.\\d \\(peak of \\d+ samples,"
					+ " each after a full collection, every 2 s\\) heap_after_job_mb=\\d+\\.\\d");
	}

	@Test
	void aSecondReconcileBenchmarkOfOtherRowsOnTheSameDatabaseIsRefusedRatherThanMeasured() {
		assumeTrue(TestDatabase.postgres(), "the copies are timed with psql, against PostgreSQL");
		CliResult first = cardops("benchmark", "reconcile", "--rows", "100", "--seed", SEED);
		assertThat(first.code()).as(first.toString()).isZero();

		// when: another day of the same names, on the same database
		CliResult second = cardops("benchmark", "reconcile", "--rows", "120", "--seed", SEED);

		// then: its files are refused as names taken with other content; the run would
		// measure nothing new, and says so instead of printing figures
		assertThat(second.code()).as(second.toString()).isEqualTo(1);
		assertThat(second.err()).contains("of the generated files were rejected",
				"give each benchmark run a fresh database");
		assertThat(second.out()).doesNotContain("taps_per_s");
	}

	@Test
	void reconcileBenchmarkReconcilesTheGeneratedDayAndTimesBothCopies() {
		assumeTrue(TestDatabase.postgres(), "the copies are timed with psql, against PostgreSQL");

		CliResult result = cardops("benchmark", "reconcile", "--rows", "300", "--seed", SEED, "--ledger-floor");

		assertThat(result.code()).as(result.toString()).isZero();
		Matcher run = Pattern.compile("job=reconcile date=2026-10-12 status=COMPLETED taps=(\\d+) recharges=(\\d+) ")
			.matcher(result.out());
		assertThat(run.find()).as(result.out()).isTrue();
		long taps = Long.parseLong(run.group(1));
		long recharges = Long.parseLong(run.group(2));
		assertThat(taps).isGreaterThan(300);
		assertThat(result.out()).contains("benchmark reconcile: taps=" + taps + " job_s=");
		// Every tap the run counted is in the ledger; the copies' table is gone again.
		assertThat(
				this.database.sql().sql("SELECT COUNT(*) FROM ledger_row WHERE kind = 'T'").query(Long.class).single())
			.isEqualTo(taps);
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'bench_psql_copy'")
			.query(Long.class)
			.single()).isZero();
		assertThat(result.out()).containsPattern("psql_copy_s=\\d+\\.\\d\\d \\(the same tap files into an unlogged"
				+ " table\\) reconcile_over_copy=\\d+\\.\\d\\d");
		assertThat(result.out()).containsPattern("psql_copy_durable_s=\\d+\\.\\d\\d \\(the same tap files into a logged"
				+ " table with the ledger's card index\\) durable_over_copy=\\d+\\.\\d\\d"
				+ " reconcile_over_durable_copy=\\d+\\.\\d\\d");
		// The server's own copy of the ledger rows: timed four ways, and nothing of it
		// left behind.
		assertThat(result.out()).containsPattern("ledger_floor_s=\\d+\\.\\d\\d \\(the date's ledger rows copied back"
				+ " by the server alone, in the order stored\\) card_order_s=\\d+\\.\\d\\d narrow_s=\\d+\\.\\d\\d"
				+ " narrow_card_order_s=\\d+\\.\\d\\d \\(a file number instead of the file's name, partner and date\\)"
				+ " reconcile_over_ledger_floor=\\d+\\.\\d\\d");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'bench_ledger_floor'")
			.query(Long.class)
			.single()).isZero();
		assertThat(BenchmarkCommand.BENCH.resolve("ledger-floor")).doesNotExist();
		// The readers alone read every row the run counted.
		assertThat(result.out()).containsPattern("benchmark reconcile: parse_s=\\d+\\.\\d\\d \\(the date's "
				+ (taps + recharges) + " tap and top-up rows read and checked by the readers alone, nothing written,"
				+ " one file at a time\\) parse_two_threads_s=\\d+\\.\\d\\d");
	}

	@Test
	void theLedgerFloorIsRefusedWhereThereIsNoLedgerCopyToTime() {
		CliResult result = cardops("benchmark", "card-events", "--rows", "10", "--seed", SEED, "--ledger-floor");

		assertThat(result.code()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("--ledger-floor times PostgreSQL's copy of the reconcile benchmark's ledger"
				+ " rows: use it with benchmark reconcile and --db jdbc:postgresql://...");
	}

	@Test
	void metricsBenchmarkWritesAYearAndTimesTheReadOfAScrape() {
		CliResult result = cardops("benchmark", "metrics", "--rows", "10", "--seed", SEED);

		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("benchmark metrics: wrote days=365 exceptions=3650 in ");
		// The figures it timed are the year it wrote: every category and role, every
		// partner's kinds, the files of 365 nights.
		assertThat(this.database.sql().sql("SELECT SUM(raised) FROM recon_exception_total").query(Long.class).single())
			.isEqualTo(3650);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM inbox_file").query(Long.class).single())
			.isEqualTo(365 * 12);
		assertThat(result.out()).containsPattern("benchmark metrics: series=\\d+ reads=20 read_ms_min=\\d+\\.\\d"
				+ " read_ms_median=\\d+\\.\\d read_ms_max=\\d+\\.\\d peak_heap_mb=\\d+ db="
				+ (TestDatabase.postgres() ? "postgresql" : "embedded-h2"));
		if (TestDatabase.postgres()) {
			assertThat(result.out())
				.containsPattern("counting the exceptions table itself instead: count_ms_median=\\d+");
		}
	}

}
