package io.cardops.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.cardops.jobs.support.Daemons;
import io.cardops.jobs.progress.ProgressSnapshot;
import io.cardops.jobs.progress.RunProgress;

/**
 * The progress line of a long command ({@code run}, {@code generate}, {@code benchmark},
 * {@code demo}, {@code schedules trigger}) on standard error, rewritten in place with
 * {@code \r} twice a second, for example
 * {@code reconcile 2026-10-13: loadLedgerStep 1,234,567 rows (412,000 rows/s)}.
 *
 * <p>
 * Only when standard error is a terminal: a cron job, a pipe or a test reads the same
 * output as before, the summary line last on standard output and no {@code \r} anywhere.
 * Java 17 cannot ask whether standard error alone is a terminal ({@code System.console()}
 * answers for standard input and output together), so on Linux the link
 * {@code /proc/self/fd/2} says (a {@code /dev/pts/N} or {@code /dev/ttyN}), elsewhere the
 * console does; {@code CARDOPS_PROGRESS=0} turns the line off, {@code CARDOPS_PROGRESS=1}
 * on, whatever standard error is. While the line shows, any other output first clears it,
 * and it is drawn again only at the start of a line.
 */
final class TerminalProgress implements AutoCloseable {

	/** The environment variable that forces the line off (0) or on (1). */
	static final String SWITCH = "CARDOPS_PROGRESS";

	/**
	 * A terminal narrower than this would wrap the line, which {@code \r} cannot undo.
	 */
	private static final int WIDTH = 79;

	/** How often the line is drawn again. */
	static final Duration TICK = Duration.ofMillis(500);

	private final PrintStream terminal;

	private final PrintStream out;

	private final PrintStream err;

	private final Object lock = new Object();

	private final ScheduledExecutorService ticker;

	/** What is drawn now, the empty string when nothing is. */
	private String drawn = "";

	/** Whether the last byte written to standard output or error ended a line. */
	private boolean atLineStart = true;

	private Supplier<Optional<String>> source;

	private ScheduledFuture<?> ticking;

	private final Duration tick;

	private TerminalProgress(PrintStream terminal, PrintStream out, PrintStream err, Duration tick) {
		this.terminal = terminal;
		this.tick = tick;
		this.out = (terminal != null) ? new PrintStream(new Clearing(out), true, StandardCharsets.UTF_8) : out;
		this.err = (terminal != null) ? new PrintStream(new Clearing(err), true, StandardCharsets.UTF_8) : err;
		this.ticker = (terminal != null) ? Daemons.timer("cardops-progress-line") : null;
	}

	/**
	 * Decides whether this invocation shows a progress line.
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment ({@value #SWITCH})
	 * @return the progress line, or one that shows nothing and leaves the streams as they
	 * are
	 */
	static TerminalProgress of(PrintStream out, PrintStream err, Map<String, String> environment) {
		return of(out, err, environment, TICK);
	}

	/**
	 * Decides whether this invocation shows a progress line, drawn as often as asked.
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment ({@value #SWITCH})
	 * @param tick how often the line is drawn again
	 * @return the progress line
	 */
	static TerminalProgress of(PrintStream out, PrintStream err, Map<String, String> environment, Duration tick) {
		String forced = environment.get(SWITCH);
		boolean on = "1".equals(forced) || (!"0".equals(forced) && err == System.err && stderrIsTerminal());
		return on ? new TerminalProgress(err, out, err, tick) : off(out, err);
	}

	/**
	 * A progress line that shows nothing.
	 * @param out standard output
	 * @param err standard error
	 * @return the streams, unchanged
	 */
	static TerminalProgress off(PrintStream out, PrintStream err) {
		return new TerminalProgress(null, out, err, TICK);
	}

	private static boolean stderrIsTerminal() {
		Path fd = Path.of("/proc/self/fd/2");
		try {
			String target = Files.readSymbolicLink(fd).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return System.console() != null;
		}
	}

	/**
	 * Whether the line shows at all.
	 * @return true on a terminal (or when forced on)
	 */
	boolean enabled() {
		return this.terminal != null;
	}

	/**
	 * Standard output: each write clears the progress line first.
	 * @return the stream
	 */
	PrintStream out() {
		return this.out;
	}

	/**
	 * Standard error: each write clears the progress line first.
	 * @return the stream
	 */
	PrintStream err() {
		return this.err;
	}

	/**
	 * Shows a line from a source until the returned handle is closed.
	 * @param line what to show now, empty for nothing; asked twice a second
	 * @return closes the line (and clears it)
	 */
	AutoCloseable show(Supplier<Optional<String>> line) {
		if (this.terminal == null) {
			return () -> {
			};
		}
		synchronized (this.lock) {
			this.source = line;
			if (this.ticking == null) {
				this.ticking = this.ticker.scheduleWithFixedDelay(this::tick, this.tick.toMillis(),
						this.tick.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		return () -> stop(line);
	}

	/**
	 * Shows the progress of the jobs a context runs, until it closes.
	 * @param context the application
	 */
	void follow(ConfigurableApplicationContext context) {
		if (this.terminal == null) {
			return;
		}
		RunProgress progress = context.getBeanProvider(RunProgress.class).getIfAvailable();
		if (progress == null) {
			return;
		}
		Clock clock = context.getBean(Clock.class);
		AutoCloseable shown = show(
				() -> progress.snapshots().stream().findFirst().map((step) -> line(step, clock.instant())));
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				close(shown);
			}
		});
	}

	/**
	 * The line of a running step.
	 * @param step what it has done
	 * @param now the current instant
	 * @return for example
	 * {@code reconcile 2026-10-13: loadLedgerStep 1,234,567 rows (412,000 rows/s)}
	 */
	static String line(ProgressSnapshot step, Instant now) {
		String what = step.job() + ((step.businessDate() != null) ? " " + step.businessDate() : "");
		Duration elapsed = Duration.between(step.startedAt(), now);
		if (step.counts().isEmpty()) {
			// A step that counts nothing (a settlement, a publication): how long it runs.
			return what + ": " + step.step() + " (" + elapsed.toSeconds() + " s)";
		}
		return format(what, step.step(), step.total(), step.unit(), elapsed);
	}

	/**
	 * Formats a progress line.
	 * @param what the command and its date, for example {@code reconcile 2026-10-13}
	 * @param step what it is doing, for example {@code loadLedgerStep}
	 * @param done how many done so far
	 * @param unit what they are, for example {@code rows}
	 * @param elapsed how long it has taken so far (no rate under a second)
	 * @return the line, at most 79 characters
	 */
	static String format(String what, String step, long done, String unit, Duration elapsed) {
		StringBuilder line = new StringBuilder(what).append(": ")
			.append(step)
			.append(' ')
			.append(String.format(Locale.ROOT, "%,d", done))
			.append(' ')
			.append(unit);
		if (elapsed.toMillis() >= 1000) {
			line.append(String.format(Locale.ROOT, " (%,d %s/s)", done * 1000 / elapsed.toMillis(), unit));
		}
		return (line.length() <= WIDTH) ? line.toString() : line.substring(0, WIDTH - 3) + "...";
	}

	/**
	 * Draws the source's line when it changed, and only at the start of a line.
	 */
	void tick() {
		synchronized (this.lock) {
			if (this.source == null || !this.atLineStart) {
				return;
			}
			String line;
			try {
				line = this.source.get().orElse("");
			}
			catch (RuntimeException ex) {
				// A context closing under the source: nothing to show.
				line = "";
			}
			if (line.equals(this.drawn)) {
				return;
			}
			if (line.isEmpty()) {
				clear();
				return;
			}
			String padding = " ".repeat(Math.max(0, this.drawn.length() - line.length()));
			this.terminal.print("\r" + line + padding);
			this.terminal.flush();
			this.drawn = line;
		}
	}

	/** Clears the line; the caller holds the lock. */
	private void clear() {
		if (!this.drawn.isEmpty()) {
			this.terminal.print("\r" + " ".repeat(this.drawn.length()) + "\r");
			this.terminal.flush();
			this.drawn = "";
		}
	}

	private void stop(Supplier<Optional<String>> line) {
		synchronized (this.lock) {
			if (this.source == line) {
				this.source = null;
				clear();
			}
		}
	}

	private static void close(AutoCloseable shown) {
		try {
			shown.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stops the line and clears it.
	 */
	@Override
	public void close() {
		if (this.terminal == null) {
			return;
		}
		synchronized (this.lock) {
			this.source = null;
			clear();
		}
		this.ticker.shutdownNow();
	}

	/**
	 * A stream to standard output or error that clears the progress line before each
	 * write and remembers whether the write ended a line.
	 */
	private final class Clearing extends OutputStream {

		private final PrintStream target;

		Clearing(PrintStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) {
			synchronized (TerminalProgress.this.lock) {
				clear();
				this.target.write(b);
				this.target.flush();
				TerminalProgress.this.atLineStart = b == '\n';
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			if (length == 0) {
				return;
			}
			synchronized (TerminalProgress.this.lock) {
				clear();
				this.target.write(bytes, offset, length);
				this.target.flush();
				TerminalProgress.this.atLineStart = bytes[offset + length - 1] == '\n';
			}
		}

		@Override
		public void flush() {
			this.target.flush();
		}

	}

}
