package io.cardops.writers.bulk;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.postgresql.PGConnection;

/**
 * Rows for one table collected in a temporary file while the connection is busy streaming
 * a query, then loaded in bulk: a day's results never have to fit in memory.
 *
 * <p>
 * The file is CSV as PostgreSQL's {@code COPY ... (FORMAT csv)} reads it: an unquoted
 * empty field is NULL, every value is quoted.
 */
public final class Spool implements AutoCloseable {

	// As in COPY: an unquoted empty field is NULL, a quoted one is a value.
	private static final CSVFormat NULLS_UNQUOTED = CSVFormat.RFC4180.builder()
		.setNullString("")
		.setQuoteMode(QuoteMode.ALL_NON_NULL)
		.get();

	/**
	 * The files' names start with it and this process's number, so that the files of a
	 * process that was killed are known for what they are, and removed.
	 */
	private static final String PREFIX = "cardops-spool-";

	/**
	 * How often a process looks for orphans at most: a card-events day spools once per
	 * file, and listing the temporary folder for each is work with nothing to find.
	 */
	private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

	/** When this process last looked for orphans (System.nanoTime), or none yet. */
	private static final AtomicReference<Long> lastSweep = new AtomicReference<>();

	private final String table;

	private final List<String> columns;

	private final Path file;

	private final BufferedWriter out;

	private final StringBuilder line = new StringBuilder(256);

	private long rows;

	/**
	 * Starts a spool.
	 * @param table the table the rows are for
	 * @param columns its columns, in the order of {@link #add}
	 */
	public Spool(String table, List<String> columns) {
		this.table = table;
		this.columns = columns;
		try {
			if (sweepDue(System.nanoTime())) {
				removeOrphans(Path.of(System.getProperty("java.io.tmpdir")));
			}
			this.file = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-" + table + "-", ".csv");
			this.out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a spool file for " + table, ex);
		}
	}

	/**
	 * Whether this process should look for orphans now: at its first spool, then at most
	 * once every ten minutes (a node that runs for months, or a worker beside it, still
	 * meets the files of one killed since).
	 */
	static boolean sweepDue(long now) {
		Long last = lastSweep.get();
		return (last == null || now - last >= SWEEP_EVERY_NANOS) && lastSweep.compareAndSet(last, now);
	}

	/**
	 * Removes the spool files of processes that are gone (killed while they spooled).
	 * @param folder the temporary folder
	 */
	static void removeOrphans(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				if (ProcessFiles.ownerGone(file.getFileName().toString(), PREFIX)) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// Left for the next spool: a spool does not need the folder empty.
		}
	}

	/**
	 * Adds one row.
	 * @param values the values, in column order; null is NULL
	 */
	public void add(Object... values) {
		if (values.length != this.columns.size()) {
			throw new IllegalArgumentException("expected " + this.columns.size() + " values, got " + values.length);
		}
		this.line.setLength(0);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				this.line.append(',');
			}
			if (values[i] != null) {
				this.line.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
			}
		}
		this.line.append('\n');
		try {
			this.out.write(this.line.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the spool file for " + this.table, ex);
		}
		this.rows++;
	}

	/**
	 * Loads the rows into the table on the caller's connection (and transaction).
	 * @param connection the connection
	 * @return the rows loaded
	 * @throws SQLException when the database refuses them
	 */
	public long load(Connection connection) throws SQLException {
		try {
			this.out.flush();
			if (this.rows == 0) {
				return 0;
			}
			if (connection.isWrapperFor(PGConnection.class)) {
				try (BufferedReader in = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
					long copied = connection.unwrap(PGConnection.class)
						.getCopyAPI()
						.copyIn("COPY " + this.table + " (" + String.join(", ", this.columns)
								+ ") FROM STDIN (FORMAT csv)", in);
					if (copied != this.rows) {
						throw new SQLException("COPY loaded " + copied + " rows into " + this.table + ", " + this.rows
								+ " were spooled");
					}
					return copied;
				}
			}
			try (BufferedReader in = Files.newBufferedReader(this.file, StandardCharsets.UTF_8);
					BulkLoader loader = BulkLoader.open(connection, this.table, this.columns)) {
				for (CSVRecord record : NULLS_UNQUOTED.parse(in)) {
					loader.add((Object[]) record.values());
				}
				return loader.finish();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the spool file for " + this.table, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.out.close();
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove the spool file " + this.file, ex);
		}
	}

}
