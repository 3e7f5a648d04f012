package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cardops.tools.generate.GenerationRequest;
import io.cardops.tools.generate.GenerationResult;
import io.cardops.tools.generate.InboxGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long run's progress line on standard error, switched on as a terminal would have it:
 * rewritten in place while the run goes, cleared before the summary, which stays the last
 * line of standard output.
 */
class ProgressLineIntegrationTests extends CliTestSupport {

	@Test
	void aReconcileShowsItsProgressLineWhileItRunsAndEndsWithItsSummaryAlone() throws Exception {
		// given: a generated day in the inbox, and its first payments file arriving
		// through a pipe, so that the run is certainly mid-step for a while
		GenerationResult day = InboxGenerator.generate(new GenerationRequest(this.work, SAMPLES.resolve("reference"),
				2000, 1, 11, new BigDecimal("0.01"), InboxGenerator.DEFAULT_START));
		assertThat(cardops("reference", "load", "--dir", this.work.resolve("reference").toString()).code()).isZero();
		Path payments;
		try (Stream<Path> files = Files.list(day.inbox())) {
			payments = files.filter((file) -> file.getFileName().toString().matches("payments_.*\\.csv"))
				.sorted()
				.findFirst()
				.orElseThrow();
		}
		byte[] upload = Files.readAllBytes(payments);
		Files.delete(payments);
		assertThat(new ProcessBuilder("mkfifo", payments.toString()).start().waitFor()).isZero();

		// when: the run goes with the line switched on (on threads of their own: the
		// common pool may have a single one)
		ExecutorService threads = Executors.newFixedThreadPool(2);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CardopsCli.execute(
				new String[] { "run", "reconcile", "--date", day.firstClearingDate().toString(), "--db",
						this.database.url(), "--inbox", day.inbox().toString(), "--outbox", outbox().toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of("CARDOPS_ID_KEY", ID_KEY, TerminalProgress.SWITCH, "1")), threads);
		CompletableFuture<OutputStream> feeder = CompletableFuture
			.supplyAsync(() -> CrashRestartIntegrationTests.feedHalf(payments, upload), threads);
		// (held until the line shows the rows read and their rate, after a second)
		awaitLine(err, Pattern.compile(
				"\\rreconcile " + day.firstClearingDate() + ": loadLedgerStep [1-9][\\d,]* rows \\([\\d,]+ rows/s\\)"),
				run);
		try (OutputStream pipe = feeder.get(30, TimeUnit.SECONDS)) {
			pipe.write(upload, upload.length / 2, upload.length - upload.length / 2);
			// The run hashes the file through the pipe, then opens it again to load it: a
			// pipe is read once, so the file it opens then is a plain one.
			Files.delete(payments);
			Files.write(payments, upload);
		}

		threads.shutdown();

		// then: the run completes; its summary is the last line of standard output, which
		// has no \r; standard error has the line rewritten in place, and ends cleared
		assertThat(run.get(300, TimeUnit.SECONDS)).as(text(err)).isZero();
		List<String> lines = text(out).lines().toList();
		assertThat(lines.get(lines.size() - 1))
			.startsWith("job=reconcile date=" + day.firstClearingDate() + " status=COMPLETED taps=");
		assertThat(text(out)).doesNotContain("\r");
		assertThat(text(err))
			.containsPattern("\\rreconcile " + day.firstClearingDate()
					+ ": loadLedgerStep [1-9][\\d,]* rows \\([\\d,]+ rows/s\\) *\\r?")
			.matches("(?s).*\\r *\\r");
		assertThat(text(err).replaceAll("\\r[^\\r\\n]*", "")).as("nothing else on standard error").isEmpty();
	}

	private static void awaitLine(ByteArrayOutputStream err, Pattern line, CompletableFuture<Integer> run)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (!line.matcher(text(err)).find()) {
			assertThat(run).as("the run ended early: " + text(err)).isNotDone();
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("no progress line within 90 s: " + text(err));
			}
			Thread.sleep(100);
		}
	}

	private static String text(ByteArrayOutputStream bytes) {
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
