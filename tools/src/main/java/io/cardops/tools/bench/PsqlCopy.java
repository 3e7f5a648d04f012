package io.cardops.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

/**
 * Times {@code psql \copy} of tap files into an unlogged table: the floor a bulk load of
 * the same bytes cannot beat, against which the reconcile benchmark is compared; and into
 * a logged table with the ledger's card index, the floor of a durable load.
 */
public final class PsqlCopy {

	private static final String TABLE = "bench_psql_copy";

	private static final String FLOOR_TABLE = "bench_ledger_floor";

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
	 * Times the server storing a date's ledger rows by itself, with no client work: the
	 * rows are exported in PostgreSQL's binary format and copied back into an empty table
	 * like {@code ledger_row} (its indexes included), in the order they are stored in
	 * (the order loaded, on a fresh database) and in card order; then the same as
	 * narrower rows that carry a file number instead of the file's name, partner and
	 * date. Each copy starts after a checkpoint; the files and tables are removed
	 * afterwards.
	 * @param jdbcUrl the PostgreSQL JDBC URL
	 * @param date the clearing date whose rows are copied
	 * @param folder where the exported rows are written for the while (created)
	 * @return the four times, or null when psql is not available or failed
	 */
	public static LedgerFloor ledgerFloor(String jdbcUrl, LocalDate date, Path folder) {
		List<String> base = base(jdbcUrl);
		String day = "'" + date + "'";
		String narrow = "SELECT DENSE_RANK() OVER (ORDER BY source_file)::integer AS file_no, source_line, kind, card_no,"
				+ " card_seq, ext_id, happened_at, mode, line_name, station, device_id, tap_type, full_fare_fen,"
				+ " charged_fen, discount, amount_fen, payment_ref, balance_after_fen, ctid AS stored_at"
				+ " FROM ledger_row WHERE clearing_date = " + day;
		String narrowColumns = "file_no, source_line, kind, card_no, card_seq, ext_id, happened_at, mode, line_name,"
				+ " station, device_id, tap_type, full_fare_fen, charged_fen, discount, amount_fen, payment_ref,"
				+ " balance_after_fen";
		Map<String, String> exports = new LinkedHashMap<>();
		exports.put("stored", "SELECT * FROM ledger_row WHERE clearing_date = " + day + " ORDER BY ctid");
		exports.put("card", "SELECT * FROM ledger_row WHERE clearing_date = " + day + " ORDER BY card_no, card_seq");
		exports.put("narrow-stored", "SELECT " + narrowColumns + " FROM (" + narrow + ") r ORDER BY stored_at");
		exports.put("narrow-card", "SELECT " + narrowColumns + " FROM (" + narrow + ") r ORDER BY card_no, card_seq");
		String wideTable = "CREATE TABLE " + FLOOR_TABLE + " (LIKE ledger_row INCLUDING ALL)";
		String narrowTable = "CREATE TABLE " + FLOOR_TABLE + " AS SELECT " + narrowColumns + " FROM (" + narrow
				+ ") r WITH NO DATA; CREATE INDEX ON " + FLOOR_TABLE + " (card_no, card_seq); CREATE INDEX ON "
				+ FLOOR_TABLE + " (payment_ref) WHERE payment_ref IS NOT NULL";
		Map<String, Double> seconds = new LinkedHashMap<>();
		try {
			Files.createDirectories(folder);
			for (Map.Entry<String, String> export : exports.entrySet()) {
				Path file = folder.resolve(export.getKey() + ".bin").toAbsolutePath();
				run(base, "\\copy (" + export.getValue() + ") TO '" + file + "' WITH (FORMAT binary)");
				run(base, "SET client_min_messages = warning; DROP TABLE IF EXISTS " + FLOOR_TABLE + "; "
						+ (export.getKey().startsWith("narrow") ? narrowTable : wideTable));
				checkpoint(jdbcUrl);
				long start = System.nanoTime();
				run(base, "\\copy " + FLOOR_TABLE + " FROM '" + file + "' WITH (FORMAT binary)");
				seconds.put(export.getKey(), (System.nanoTime() - start) / 1e9);
				run(base, "DROP TABLE " + FLOOR_TABLE);
				Files.delete(file);
			}
			return new LedgerFloor(seconds.get("stored"), seconds.get("card"), seconds.get("narrow-stored"),
					seconds.get("narrow-card"));
		}
		catch (IOException ex) {
			return null;
		}
		finally {
			// Whatever a failed copy left: its table and its files.
			try {
				run(base, "DROP TABLE IF EXISTS " + FLOOR_TABLE);
			}
			catch (IOException ex) {
				// psql is missing or failing: there was no table to leave.
			}
			try {
				FileSystemUtils.deleteRecursively(folder);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot remove " + folder, ex);
			}
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

	/**
	 * Seconds the server took to store a date's ledger rows by itself.
	 *
	 * @param storedOrder the rows as they are, in the order stored
	 * @param cardOrder the rows as they are, in card order
	 * @param narrowStoredOrder narrower rows (a file number instead of the file's name,
	 * partner and date), in the order stored
	 * @param narrowCardOrder narrower rows, in card order
	 */
	public record LedgerFloor(double storedOrder, double cardOrder, double narrowStoredOrder, double narrowCardOrder) {
	}

}
