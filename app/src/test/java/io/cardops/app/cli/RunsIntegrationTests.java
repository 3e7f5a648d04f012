package io.cardops.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cardops.tools.generate.GenerationRequest;
import io.cardops.tools.generate.GenerationResult;
import io.cardops.tools.generate.InboxGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardops runs} from another process than the run's: a running reconcile shows its
 * step and the rows it has read so far, a run whose process died keeps its last counts,
 * and the listing filters by job, status and business date.
 */
class RunsIntegrationTests extends CliTestSupport {

	private Process process;

	@AfterEach
	void stopProcess() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void runsShowsARunningReconcilesStepAndRowsSoFarAndTheLastCountsOnceItsProcessDied() throws Exception {
		// given: a generated day, the reference data loaded, and the day's first payments
		// file arriving through a pipe, so that the load step is certainly waiting for it
		// after it read every tap and top-up
		HeldDay held = dayWithPaymentsThroughAPipe();
		GenerationResult day = held.day();
		this.process = startCardops("run", "reconcile", "--date", day.firstClearingDate().toString(), "--inbox",
				day.inbox().toString());
		CompletableFuture<OutputStream> feeder = held.feed();

		// when: another process lists the runs while the reconcile runs
		String counts = held.counts();
		String running = awaitRun("RUNNING", counts);

		// then: the run is RUNNING in its load step, with every tap and top-up read
		assertThat(running)
			.matches("\\d+ +reconcile +RUNNING +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+\\.\\ds  date="
					+ day.firstClearingDate() + " \\| step loadLedgerStep: " + counts
					+ " \\(as of \\d\\d:\\d\\d:\\d\\d\\)");

		// when: its process is killed
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		CrashRestartIntegrationTests.closeBroken(pipe);

		// then: its standard error, a file, got no progress line
		assertThat(Files.readString(this.work.resolve("process.log"))).doesNotContain("\r");
		// and: the run shows DIED, with the last counts its process wrote
		CliResult died = cardops("runs", "--limit", "1");
		assertThat(died.out().lines().toList().get(1)).matches(
				"\\d+ +reconcile +DIED +\\d{4}-\\d\\d-\\d\\d" + " \\d\\d:\\d\\d:\\d\\d +date=" + day.firstClearingDate()
						+ " \\| step loadLedgerStep: " + Pattern.quote(counts) + " \\(as of \\d\\d:\\d\\d:\\d\\d\\)");
	}

	@Test
	void aRunningNightlyChainShowsTheProgressOfTheJobItIsRunning() throws Exception {
		// given: a generated day whose first payments file arrives through a pipe, and a
		// nightly chain of its reconcile alone started for it
		HeldDay held = dayWithPaymentsThroughAPipe();
		this.process = startCardops(List.of("-Dcardops.chain.steps=reconcile"), "schedules", "trigger", "nightly-chain",
				"--date", held.day().firstClearingDate().toString(), "--inbox", held.day().inbox().toString());
		CompletableFuture<OutputStream> feeder = held.feed();
		String counts = held.counts();

		// when: the runs are listed while its reconcile waits for the payments
		String chain = awaitRun(List.of("runs", "--job", "nightly-chain", "--limit", "1"), "RUNNING", counts);

		// then: the chain, whose steps are its jobs, shows its running job's step and
		// counts
		// (it showed none, as a run still starting, for the whole night)
		assertThat(chain).contains(" nightly-chain ", "| step reconcile · loadLedgerStep: " + counts);
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		CrashRestartIntegrationTests.closeBroken(pipe);
	}

	@Test
	void runsAreFilteredByJobStatusAndDateWithTheirTimesZoned() {
		// given: two roster imports of August 25 (one applied, one rejected), a
		// settlement refused for a date not reconciled, and an expiry with nothing to do
		loadReference();
		cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString());
		cardops("run", "roster-import", "--file", sample("roster_BJTU_20260825.csv").toString());
		cardops("run", "roster-import", "--file", sample("roster_BJTU_20260826.csv").toString());
		assertThat(cardops("run", "settle", "--date", "2026-09-03").code()).isEqualTo(1);
		assertThat(cardops("run", "expire-cards", "--date", "2026-10-01").code()).isZero();

		// then: the header says the zone of the times
		CliResult all = cardops("runs");
		assertThat(all.out().lines().findFirst().orElseThrow())
			.matches("id +job +status +started \\(Asia/Shanghai\\) +duration  parameters / counts");
		assertThat(lines("runs")).hasSize(5);

		// and: each filter, and any of them together with --limit
		assertThat(lines("runs", "--job", "roster-import")).hasSize(3)
			.allMatch((line) -> line.contains(" roster-import "));
		assertThat(lines("runs", "--status", "rejected")).singleElement()
			.asString()
			.contains(" roster-import ", " REJECTED ", "date=2026-08-25", "institution=BJTU");
		assertThat(lines("runs", "--date", "2026-08-25")).hasSize(2)
			.allMatch((line) -> line.contains("date=2026-08-25 "));
		assertThat(lines("runs", "--job", "settle", "--status", "FAILED", "--date", "2026-09-03")).singleElement()
			.asString()
			.contains(" settle ", " FAILED ", "date=2026-09-03");
		assertThat(lines("runs", "--job", "roster-import", "--limit", "1")).singleElement()
			.asString()
			.contains("date=2026-08-26", "COMPLETED");
		assertThat(lines("runs", "--job", "expire-cards", "--status", "NOOP", "--date", "2026-10-01")).hasSize(1);
		assertThat(cardops("runs", "--status", "DIED").out()).isEqualTo("no runs match\n");
		assertThat(cardops("runs", "--job", "reconcile", "--status", "FAILED", "--date", "2026-10-13").out())
			.isEqualTo("no runs match\n");
	}

	@Test
	void aBadFilterIsWrongUsageListingTheValidValues() {
		CliResult job = cardops("runs", "--job", "reconciliation");
		assertThat(job.code()).isEqualTo(2);
		assertThat(job.err()).isEqualTo("cardops: --job must be one of roster-import, card-events, reconcile, settle,"
				+ " expire-cards, open-renewal, nightly-chain, not reconciliation\n");
		CliResult status = cardops("runs", "--status", "OK");
		assertThat(status.code()).isEqualTo(2);
		assertThat(status.err()).isEqualTo("cardops: --status must be one of COMPLETED, NOOP, REJECTED, HELD, FAILED,"
				+ " RUNNING, DIED, STOPPED, ABANDONED, UNKNOWN, not OK\n");
		CliResult date = cardops("runs", "--date", "2026-13-01");
		assertThat(date.code()).isEqualTo(2);
		assertThat(date.err()).isEqualTo("cardops: --date must be YYYY-MM-DD, not 2026-13-01\n");
	}

	/** The lines of a listing's runs, without the header. */
	private List<String> lines(String... args) {
		CliResult result = cardops(args);
		assertThat(result.code()).as(result.err()).isZero();
		List<String> lines = result.out().lines().toList();
		return lines.subList(1, lines.indexOf("") >= 0 ? lines.indexOf("") : lines.size());
	}

	/**
	 * Lists the last run from this process until it shows a status and counts, while the
	 * run's process is alive.
	 */
	/**
	 * A generated day (some 14,000 taps), the reference data loaded, and the day's first
	 * payments file turned into a pipe, so that a load is certainly waiting for it after
	 * it read every tap and top-up.
	 */
	private HeldDay dayWithPaymentsThroughAPipe() throws Exception {
		Path out = this.work.resolve("generated");
		GenerationResult day = InboxGenerator.generate(new GenerationRequest(out, SAMPLES.resolve("reference"), 2000, 1,
				7, new BigDecimal("0.01"), InboxGenerator.DEFAULT_START));
		Path inbox = day.inbox();
		assertThat(cardops("reference", "load", "--dir", out.resolve("reference").toString()).code()).isZero();
		long taps = records(inbox, "taps_");
		assertThat(taps).isGreaterThan(10_000);
		Path payments = files(inbox, "payments_").get(0);
		byte[] upload = Files.readAllBytes(payments);
		Files.delete(payments);
		assertThat(new ProcessBuilder("mkfifo", payments.toString()).start().waitFor()).isZero();
		return new HeldDay(day, "taps=" + taps + " recharges=" + records(inbox, "recharges_") + " payments=0", payments,
				upload);
	}

	/**
	 * A day whose payments arrive through a pipe.
	 *
	 * @param day the generated day
	 * @param counts the load's counts once it waits for the pipe
	 * @param payments the pipe
	 * @param upload what the pipe carries
	 */
	private record HeldDay(GenerationResult day, String counts, Path payments, byte[] upload) {

		/** Writes half of the payments into the pipe, and holds it open. */
		CompletableFuture<OutputStream> feed() {
			return CompletableFuture
				.supplyAsync(() -> CrashRestartIntegrationTests.feedHalf(this.payments, this.upload));
		}

	}

	private String awaitRun(String status, String counts) throws Exception {
		return awaitRun(List.of("runs", "--limit", "1"), status, counts);
	}

	private String awaitRun(List<String> listing, String status, String counts) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		String last = null;
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError("the run's process ended early (exit " + this.process.exitValue()
						+ "); the end of its log:\n" + tail(this.work.resolve("process.log")));
			}
			CliResult runs = cardops(listing.toArray(String[]::new));
			assertThat(runs.code()).as(runs.err()).isZero();
			List<String> lines = runs.out().lines().toList();
			last = (lines.size() > 1) ? lines.get(1) : runs.out();
			if (last.contains(" " + status + " ") && last.contains(counts)) {
				return last;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("runs did not show " + status + " with " + counts + " within 90 s; last: " + last);
	}

	private static List<Path> files(Path inbox, String prefix) throws IOException {
		try (Stream<Path> files = Files.list(inbox)) {
			return files
				.filter((file) -> file.getFileName().toString().startsWith(prefix)
						&& file.getFileName().toString().endsWith(".csv"))
				.sorted()
				.toList();
		}
	}

	/** The data rows of a kind's files, as their control files count them. */
	private static long records(Path inbox, String prefix) throws IOException {
		long records = 0;
		for (Path file : files(inbox, prefix)) {
			String control = Files.readString(file.resolveSibling(file.getFileName() + ".ctl"));
			records += Long.parseLong(control.lines()
				.filter((line) -> line.startsWith("records="))
				.findFirst()
				.orElseThrow()
				.substring("records=".length()));
		}
		return records;
	}

}
