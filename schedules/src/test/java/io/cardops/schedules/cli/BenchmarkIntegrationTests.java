package io.cardops.schedules.cli;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reconcile benchmark, run small through the command line against PostgreSQL: it
 * reconciles the day it generated and compares the run with {@code psql}'s two copies of
 * the same tap files. Its figures are read by people, not asserted; what is checked is
 * that it measured what it says it measured.
 */
class BenchmarkIntegrationTests extends CliTestSupport {

	/**
	 * A seed of this test's own: the benchmark writes under data/bench/generated-SEED.
	 */
	private static final String SEED = "424242";

	@AfterEach
	void removeGeneratedDay() throws IOException {
		FileSystemUtils.deleteRecursively(BenchmarkCommand.BENCH.resolve("generated-" + SEED));
	}

	@Test
	void reconcileBenchmarkReconcilesTheGeneratedDayAndTimesBothCopies() {
		assumeTrue(TestDatabase.postgres(), "the copies are timed with psql, against PostgreSQL");

		CliResult result = cardops("benchmark", "reconcile", "--rows", "300", "--seed", SEED);

		assertThat(result.code()).as(result.toString()).isZero();
		Matcher run = Pattern.compile("job=reconcile date=2026-10-12 status=COMPLETED taps=(\\d+) ")
			.matcher(result.out());
		assertThat(run.find()).as(result.out()).isTrue();
		long taps = Long.parseLong(run.group(1));
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
	}

}
