package io.cardops.writers.bulk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows with PostgreSQL {@code COPY FROM STDIN} in CSV format, sending 256 KB at a
 * time.
 */
final class PostgresCopyLoader implements BulkLoader {

	private static final int FLUSH_BYTES = 256 * 1024;

	private final CopyIn copy;

	private final int width;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 4096);

	private final StringBuilder line = new StringBuilder(256);

	private long rows;

	PostgresCopyLoader(PGConnection connection, String table, List<String> columns) throws SQLException {
		this.copy = connection.getCopyAPI()
			.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)");
		this.width = columns.size();
	}

	@Override
	public void add(Object... values) throws SQLException {
		if (values.length != this.width) {
			throw new IllegalArgumentException("expected " + this.width + " values, got " + values.length);
		}
		this.line.setLength(0);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				this.line.append(',');
			}
			appendValue(values[i]);
		}
		this.line.append('\n');
		byte[] bytes = this.line.toString().getBytes(StandardCharsets.UTF_8);
		this.buffer.write(bytes, 0, bytes.length);
		this.rows++;
		if (this.buffer.size() >= FLUSH_BYTES) {
			flush();
		}
	}

	private void appendValue(Object value) {
		if (value == null) {
			// An unquoted empty field is NULL in COPY's CSV format.
			return;
		}
		if (value instanceof Long || value instanceof Integer) {
			// Digits and a sign need no quoting, and a number is never NULL here.
			this.line.append(((Number) value).longValue());
			return;
		}
		String text = value.toString();
		this.line.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				this.line.append('"');
			}
			this.line.append(c);
		}
		this.line.append('"');
	}

	private void flush() throws SQLException {
		if (this.buffer.size() > 0) {
			this.copy.writeToCopy(this.buffer.toByteArray(), 0, this.buffer.size());
			this.buffer.reset();
		}
	}

	@Override
	public long finish() throws SQLException {
		flush();
		long copied = this.copy.endCopy();
		if (copied != this.rows) {
			throw new SQLException("COPY loaded " + copied + " rows, " + this.rows + " were sent");
		}
		return copied;
	}

	@Override
	public void close() {
		if (this.copy.isActive()) {
			try {
				this.copy.cancelCopy();
			}
			catch (SQLException ex) {
				// The caller is already failing; its transaction is rolled back.
			}
		}
	}

}
