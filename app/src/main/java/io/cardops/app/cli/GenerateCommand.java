package io.cardops.app.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cardops.tools.generate.GenerationProgress;
import io.cardops.tools.generate.GenerationRequest;
import io.cardops.tools.generate.GenerationResult;
import io.cardops.tools.generate.InboxGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops generate --out DIR --cards N --days N [--seed N] [--anomaly-rate R]
 * [--start YYYY-MM-DD]}: writes a synthetic inbox with planted anomalies and its answer
 * key (see {@link InboxGenerator}). Needs no database.
 */
@Command(name = "generate",
		description = "Writes a synthetic inbox (reference data, roster, card events, taps, recharges, payments, "
				+ "control files) with planted anomalies and answer_key.csv listing every exception they raise.",
		mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {

	private final Session session;

	/** The earliest first day: its roster is dated the day before, 2000-01-01. */
	private static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 2);

	@Option(names = "--out", required = true, paramLabel = "DIR",
			description = "output folder, new or empty: reference/, inbox/ and answer_key.csv go into it")
	private Path out;

	@Option(names = "--cards", required = true, paramLabel = "N", description = "cards to issue (1 to 10000000)")
	private int cards;

	@Option(names = "--days", required = true, paramLabel = "N", description = "clearing dates to generate (1 to 366)")
	private int days;

	@Option(names = "--seed", paramLabel = "N",
			description = "random seed (default 1); the same seed gives the same bytes")
	private Long seed;

	@Option(names = "--anomaly-rate", paramLabel = "R",
			description = "fraction of cards carrying one planted anomaly per day, 0 to 1 (default 0.01; 0 = a clean inbox)")
	private String anomalyRate;

	@Option(names = "--start", paramLabel = "YYYY-MM-DD",
			description = "first clearing date (default 2026-10-12); roster and card events are dated the day before")
	private String start;

	GenerateCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws IOException {
		BigDecimal rate;
		try {
			rate = (this.anomalyRate != null) ? new BigDecimal(this.anomalyRate) : InboxGenerator.DEFAULT_ANOMALY_RATE;
		}
		catch (NumberFormatException ex) {
			throw new GlobalOptions.UsageException(
					"--anomaly-rate must be a number from 0 to 1, not " + this.anomalyRate);
		}
		LocalDate first = (this.start != null) ? DateJobCommand.parseDate("--start", this.start)
				: InboxGenerator.DEFAULT_START;
		// Every date generated (the roster the day before the first) is one the files'
		// names can carry, YYYYMMDD, and the programme holds (TriggerDates).
		if (first.isBefore(EARLIEST_START) || first.plusDays(Math.max(this.days, 1)).getYear() > 9999) {
			throw new GlobalOptions.UsageException("--start must be a date from " + EARLIEST_START
					+ " to a date whose last day generated is in 9999, not " + this.start);
		}
		if (Files.isDirectory(this.out)) {
			try (Stream<Path> entries = Files.list(this.out)) {
				if (entries.findAny().isPresent()) {
					throw new GlobalOptions.UsageException("--out " + this.out + " is not empty");
				}
			}
		}
		else if (Files.exists(this.out)) {
			throw new GlobalOptions.UsageException("--out " + this.out + " is not a folder");
		}
		Path reference = this.session.home().resolve("sample-data").resolve("reference");
		if (!Files.isRegularFile(reference.resolve("fare_rules.csv"))
				|| !Files.isRegularFile(reference.resolve("partners.csv"))) {
			this.session.err()
				.println("cardops generate: no reference data in " + reference.toAbsolutePath().normalize()
						+ " (run from the repository root)");
			return 1;
		}
		GenerationRequest request;
		try {
			request = new GenerationRequest(this.out, reference, this.cards, this.days,
					(this.seed != null) ? this.seed : InboxGenerator.DEFAULT_SEED, rate, first);
		}
		catch (IllegalArgumentException ex) {
			throw new GlobalOptions.UsageException(ex.getMessage());
		}
		try {
			Files.createDirectories(this.out);
		}
		catch (IOException ex) {
			throw new GlobalOptions.UsageException("--out " + this.out + " cannot be made a folder ("
					+ ex.getClass().getSimpleName() + "): give a folder that can be written");
		}
		long started = System.nanoTime();
		GenerationResult result = generate(this.session, request);
		String categories = result.byCategory()
			.entrySet()
			.stream()
			.map((Map.Entry<?, Long> entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		if (!categories.isEmpty()) {
			this.session.out().println("planted: " + categories);
		}
		this.session.out()
			.printf("generate out=%s roster_date=%s first_clearing_date=%s last_clearing_date=%s cards=%d seed=%d "
					+ "anomaly_rate=%s taps=%d recharges=%d payments=%d exceptions=%d seconds=%.2f%n", this.out,
					result.rosterDate(), result.firstClearingDate(), result.lastClearingDate(), result.cards(),
					request.seed(), rate.toPlainString(), result.taps(), result.recharges(), result.payments(),
					result.exceptions(), (System.nanoTime() - started) / 1e9);
		return 0;
	}

	/**
	 * Generates, with a progress line on a terminal, for example
	 * {@code generate day 1 of 3: 2026-10-12 120,000 cards (60,000 cards/s)}.
	 * @param session the invocation
	 * @param request what to generate
	 * @return what was written
	 * @throws IOException when a file cannot be written
	 */
	static GenerationResult generate(Session session, GenerationRequest request) throws IOException {
		GenerationProgress progress = new GenerationProgress();
		AutoCloseable shown = session.progress().show(() -> line(progress, request));
		try {
			return InboxGenerator.generate(request, progress);
		}
		finally {
			try {
				shown.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Optional<String> line(GenerationProgress progress, GenerationRequest request) {
		LocalDate day = progress.day();
		if (day == null) {
			return Optional.empty();
		}
		long index = day.toEpochDay() - request.firstClearingDate().toEpochDay() + 1;
		return Optional.of(TerminalProgress.format("generate day " + index + " of " + request.days(), day.toString(),
				progress.cards(), "cards", Duration.ofNanos(System.nanoTime()).minus(progress.dayStartedAt())));
	}

}
