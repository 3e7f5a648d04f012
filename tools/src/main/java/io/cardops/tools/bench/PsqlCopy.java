package io.cardops.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code psql \copy} of tap files into an unlogged table: the floor a bulk load of
 * the same bytes cannot beat, against which the reconcile benchmark is compared; and into
 * a logged table with the ledger's card index, the floor of a durable load.
 */
public final class PsqlCopy {

	private static final String TABLE = "bench_psql_copy";

	private PsqlCopy() {
	}

	/**
	 * Copies the files with {@code psql} into an unlogged table without an index and
	 * returns the seconds it took (table creation excluded).
	 * @param jdbcUrl the PostgreSQL JDBC URL
	 * ({@code jdbc:postgresql://host:port/db?user=...})
	 * @param files the tap files
	 * @return the seconds, or null when psql is not available
	 */
	public static Double time(String jdbcUrl, List<Path> files) {
		return time(jdbcUrl, files, false);
	}

	/**
	 * Copies the files with {@code psql} into an ordinary (logged) table with the index
	 * the ledger rows are found by, on card number and card_seq: the floor of a load that
	 * survives a crash and can be read by card, which the unlogged copy leaves out.
	 * @param jdbcUrl the PostgreSQL JDBC URL
	 * @param files the tap files
	 * @return the seconds, or null when psql is not available
	 */
	public static Double timeDurable(String jdbcUrl, List<Path> files) {
		return time(jdbcUrl, files, true);
	}

	private static Double time(String jdbcUrl, List<Path> files, boolean durable) {
		List<String> base = base(jdbcUrl);
		try {
			run(base, "SET client_min_messages = warning; DROP TABLE IF EXISTS " + TABLE + "; CREATE "
					+ (durable ? "" : "UNLOGGED ") + "TABLE " + TABLE + " (txn_id text, card_no text,"
					+ " card_seq bigint, tapped_at timestamptz, mode text, line text, station text, device_id text,"
					+ " tap_type text, full_fare_fen bigint, charged_fen bigint, discount text, balance_after_fen bigint)"
					+ (durable ? "; CREATE INDEX ON " + TABLE + " (card_no COLLATE \"C\", card_seq)" : ""));
			// Untimed; a user who may not run it still gets the copy timed.
			checkpoint(jdbcUrl);
			long start = System.nanoTime();
			List<String> command = new ArrayList<>(base);
			for (Path file : files) {
				command.add("-c");
				command.add("\\copy " + TABLE + " FROM '" + file.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)");
			}
			exec(command);
			double seconds = (System.nanoTime() - start) / 1e9;
			run(base, "DROP TABLE " + TABLE);
			return seconds;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Flushes the server's dirty pages before a timed load (untimed), so that no load
	 * pays for the write-ahead log of the one before it: a checkpoint the last load set
	 * off would otherwise run during the next one, and every index page the next one
	 * touches first would be logged whole again.
	 * @param jdbcUrl the PostgreSQL JDBC URL
	 * @return null when it was done, or why not (psql is missing, or the user may not run
	 * CHECKPOINT)
	 */
	public static String checkpoint(String jdbcUrl) {
		try {
			run(base(jdbcUrl), "CHECKPOINT");
			return null;
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

	private static List<String> base(String jdbcUrl) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String user = "postgres";
		if (uri.getQuery() != null) {
			for (String pair : uri.getQuery().split("&")) {
				if (pair.startsWith("user=")) {
					user = pair.substring("user=".length());
				}
			}
		}
		return List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p",
				String.valueOf((uri.getPort() > 0) ? uri.getPort() : 5432), "-U", user, "-d",
				uri.getPath().substring(1));
	}

	private static void run(List<String> base, String sql) throws IOException {
		List<String> command = new ArrayList<>(base);
		command.add("-c");
		command.add(sql);
		exec(command);
	}

	private static void exec(List<String> command) throws IOException {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (process.waitFor() != 0) {
				throw new IOException("psql failed: " + String.join(" ", command));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
