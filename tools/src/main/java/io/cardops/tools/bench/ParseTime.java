package io.cardops.tools.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cardops.readers.ledger.LedgerFileReader;
import io.cardops.readers.ledger.Malformed;
import io.cardops.readers.ledger.Recharge;
import io.cardops.readers.ledger.RowSink;
import io.cardops.readers.ledger.Tap;

/**
 * Times the readers alone on a day's tap and top-up files: every row read, checked and
 * made into its record as the load does, and nothing written. It shows what the load's
 * reading costs without a database beside it.
 */
public final class ParseTime {

	private ParseTime() {
	}

	/**
	 * Reads the files, a file at a time on each of {@code threads} threads.
	 * @param files tap files ({@code taps_…}) and top-up files ({@code recharges_…})
	 * @param date their clearing date
	 * @param threads how many files are read at once
	 * @return the seconds it took and the rows read (malformed ones included)
	 * @throws Exception when a file cannot be read
	 */
	public static Parsed time(List<Path> files, LocalDate date, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "bench-parse");
			thread.setDaemon(true);
			return thread;
		});
		try {
			long start = System.nanoTime();
			List<Future<Long>> counts = new ArrayList<>();
			for (Path file : files) {
				counts.add(pool.submit(() -> read(file, date)));
			}
			long rows = 0;
			for (Future<Long> count : counts) {
				rows += count.get();
			}
			return new Parsed((System.nanoTime() - start) / 1e9, rows);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long read(Path file, LocalDate date) throws Exception {
		if (file.getFileName().toString().startsWith("taps_")) {
			Counter<Tap> taps = new Counter<>();
			LedgerFileReader.readTaps(file, date, taps);
			return taps.rows;
		}
		Counter<Recharge> recharges = new Counter<>();
		LedgerFileReader.readRecharges(file, date, recharges);
		return recharges.rows;
	}

	/**
	 * What a timed read took.
	 *
	 * @param seconds the seconds from the first file opened to the last row read
	 * @param rows the rows read
	 */
	public record Parsed(double seconds, long rows) {
	}

	/** Counts the rows; keeps nothing. */
	private static final class Counter<T> implements RowSink<T> {

		private long rows;

		@Override
		public void row(long line, T row) {
			this.rows++;
		}

		@Override
		public void malformed(Malformed malformed) {
			this.rows++;
		}

	}

}
