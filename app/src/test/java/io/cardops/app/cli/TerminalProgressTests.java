package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cardops.jobs.progress.ProgressSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress line: its text, when it shows, and that other output clears it first.
 */
class TerminalProgressTests {

	private static final Instant STARTED = Instant.parse("2026-10-13T19:00:00Z");

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void aLineSaysTheCommandItsDateTheStepTheRowsAndTheirRate() {
		assertThat(TerminalProgress.format("reconcile 2026-10-13", "loadLedgerStep", 1_234_567, "rows",
				Duration.ofSeconds(3)))
			.isEqualTo("reconcile 2026-10-13: loadLedgerStep 1,234,567 rows (411,522 rows/s)");
	}

	@Test
	void noRateIsShownInTheFirstSecond() {
		assertThat(TerminalProgress.format("card-events 2026-09-01", "applyCardEventsStep", 812, "events",
				Duration.ofMillis(999)))
			.isEqualTo("card-events 2026-09-01: applyCardEventsStep 812 events");
	}

	@Test
	void aLineNeverWrapsOnAnEightyColumnTerminal() {
		String line = TerminalProgress.format("roster-import 2026-08-25", "a-step-name-far-longer-than-any-step-has",
				123_456_789, "rows", Duration.ofSeconds(10));
		assertThat(line).hasSize(79).endsWith("...");
	}

	@Test
	void aRunningStepsLineComesFromItsCountsOrWithoutAnyFromItsTime() {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("taps", 1_000_000L);
		counts.put("recharges", 200_000L);
		assertThat(TerminalProgress.line(
				new ProgressSnapshot(1, "reconcile", "2026-10-13", "loadLedgerStep", STARTED, counts),
				STARTED.plusSeconds(4)))
			.isEqualTo("reconcile 2026-10-13: loadLedgerStep 1,200,000 rows (300,000 rows/s)");
		assertThat(
				TerminalProgress.line(new ProgressSnapshot(2, "settle", "2026-10-13", "settleStep", STARTED, Map.of()),
						STARTED.plusSeconds(12)))
			.isEqualTo("settle 2026-10-13: settleStep (12 s)");
	}

	@Test
	void theLineIsOffWhenStandardErrorIsNotTheProcesssOrWhenSwitchedOff() {
		PrintStream outStream = stream(this.out);
		PrintStream errStream = stream(this.err);
		TerminalProgress auto = TerminalProgress.of(outStream, errStream, Map.of());
		assertThat(auto.enabled()).isFalse();
		assertThat(auto.out()).isSameAs(outStream);
		assertThat(auto.err()).isSameAs(errStream);
		assertThat(TerminalProgress.of(System.out, System.err, Map.of(TerminalProgress.SWITCH, "0")).enabled())
			.isFalse();
		assertThat(TerminalProgress.of(outStream, errStream, Map.of(TerminalProgress.SWITCH, "1")).enabled()).isTrue();
	}

	@Test
	void anyOtherOutputClearsTheLineFirstAndTheLineIsDrawnOnlyAtTheStartOfALine() throws Exception {
		// (drawn by hand here: the line's own thread would draw only in an hour)
		try (TerminalProgress progress = TerminalProgress.of(stream(this.out), stream(this.err),
				Map.of(TerminalProgress.SWITCH, "1"), Duration.ofHours(1))) {
			progress.show(() -> Optional.of("reconcile 2026-10-13: loadLedgerStep 12 rows"));
			progress.tick();
			assertThat(text(this.err)).isEqualTo("\rreconcile 2026-10-13: loadLedgerStep 12 rows");

			progress.out().print("job=reconcile date=2026-10-13");
			progress.tick();
			progress.out().println(" status=COMPLETED");

			assertThat(text(this.out)).isEqualTo("job=reconcile date=2026-10-13 status=COMPLETED\n");
			assertThat(text(this.err))
				.isEqualTo("\rreconcile 2026-10-13: loadLedgerStep 12 rows\r" + " ".repeat(44) + "\r");
		}
	}

	private static PrintStream stream(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private static String text(ByteArrayOutputStream bytes) {
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
