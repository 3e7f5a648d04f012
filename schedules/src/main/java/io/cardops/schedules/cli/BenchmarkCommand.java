package io.cardops.schedules.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.JobRunner;
import io.cardops.schedules.bench.RosterGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cardops benchmark roster-import [--rows N]}: generates a roster and imports it,
 * printing throughput and peak heap. Run it against a fresh database (PostgreSQL for the
 * published figures).
 */
@Command(name = "benchmark", description = "Measures a job on generated data: benchmark roster-import [--rows N].",
		mixinStandardHelpOptions = true)
final class BenchmarkCommand implements Callable<Integer> {

	private final Session session;

	@Parameters(index = "0", paramLabel = "JOB", description = "the job to measure: roster-import")
	private String job;

	@Option(names = "--rows", defaultValue = "200000", description = "roster rows to generate (default 200000)")
	private int rows;

	@Option(names = "--seed", description = "random seed (default: the current time, so each run is new content)")
	private Long seed;

	BenchmarkCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws IOException {
		if (!"roster-import".equals(this.job)) {
			throw new GlobalOptions.UsageException("benchmark knows roster-import only");
		}
		long seed = (this.seed != null) ? this.seed : System.currentTimeMillis();
		LocalDate date = LocalDate.of(2026, 9, 10);
		Path file = Path.of("data", "bench", "roster_UCAS_20260910.csv");
		long generateStart = System.nanoTime();
		RosterGenerator.write(file, this.rows, seed);
		this.session.out()
			.printf("benchmark roster-import: generated rows=%d seed=%d file=%s size_mb=%.1f in %.2fs%n", this.rows,
					seed, file, Files.size(file) / 1048576.0, (System.nanoTime() - generateStart) / 1e9);
		try (ConfigurableApplicationContext context = this.session.open()) {
			if (ReferenceCommand.load(this.session, context,
					this.session.home().resolve("sample-data/reference")) != 0) {
				return 3;
			}
			System.gc();
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				pool.resetPeakUsage();
			}
			// Forced: a benchmark snapshot replaces whatever UCAS roster the database
			// holds.
			RosterImportRequest request = new RosterImportRequest(file, "UCAS", date, StandardCharsets.UTF_8, true);
			long start = System.nanoTime();
			JobRunner.RunResult result = context.getBean(JobRunner.class)
				.run(JobName.ROSTER_IMPORT, request.toParameters());
			double seconds = (System.nanoTime() - start) / 1e9;
			int code = RunReport.print(this.session, JobName.ROSTER_IMPORT, date, result);
			long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.mapToLong((pool) -> pool.getPeakUsage().getUsed())
				.sum();
			double processSeconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
					/ 1000.0;
			this.session.out()
				.printf("benchmark roster-import: rows=%d import_s=%.2f rows_per_s=%.0f process_s=%.2f peak_heap_mb=%.0f"
						+ " max_heap_mb=%.0f db=%s%n", this.rows, seconds, this.rows / seconds, processSeconds,
						peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
						this.session.options().embedded() ? "embedded-h2" : "postgresql");
			return code;
		}
	}

}
