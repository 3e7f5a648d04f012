package io.cardops.writers.bulk;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loader that hands rows to another loader on a thread of its own, so that the caller
 * goes on reading and parsing its file while the rows before are encoded and sent to the
 * database. Rows travel in batches through a short queue: the caller waits when the
 * database falls behind, and at most a few thousand rows are in flight.
 *
 * <p>
 * The target loader and its connection are used by the loading thread only between the
 * first {@link #add} and the end of {@link #finish} or {@link #close}; the caller must
 * not use the connection in between. A failure of the target is thrown to the caller at
 * its next {@link #add} or at {@link #finish}.
 */
final class BackgroundLoader implements BulkLoader {

	private static final int BATCH_ROWS = 1024;

	private static final Object[][] END = new Object[0][];

	private static final Object[][] ABORT = new Object[0][];

	private final BulkLoader target;

	private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(16);

	private final Thread thread;

	private Object[][] batch = new Object[BATCH_ROWS][];

	private int size;

	private volatile Throwable failure;

	private long loaded;

	private boolean ended;

	BackgroundLoader(BulkLoader target, String name) {
		this.target = target;
		this.thread = new Thread(this::drain, "bulk-load-" + name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void drain() {
		try {
			while (true) {
				Object[][] rows = this.queue.take();
				if (rows == ABORT) {
					return;
				}
				if (rows == END) {
					this.loaded = this.target.finish();
					return;
				}
				for (Object[] row : rows) {
					if (row == null) {
						break;
					}
					this.target.add(row);
				}
			}
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
	}

	@Override
	public void add(Object... values) throws SQLException {
		this.batch[this.size++] = values;
		if (this.size == BATCH_ROWS) {
			handOver(this.batch);
			this.batch = new Object[BATCH_ROWS][];
			this.size = 0;
		}
	}

	private void handOver(Object[][] rows) throws SQLException {
		try {
			while (!this.queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
				rethrowFailure();
				if (!this.thread.isAlive()) {
					throw new SQLException("the bulk-load thread " + this.thread.getName() + " ended early");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while loading", ex);
		}
		rethrowFailure();
	}

	private void rethrowFailure() throws SQLException {
		Throwable failed = this.failure;
		if (failed instanceof SQLException sql) {
			throw sql;
		}
		if (failed instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failed instanceof Error error) {
			throw error;
		}
		if (failed != null) {
			throw new SQLException(failed);
		}
	}

	@Override
	public long finish() throws SQLException {
		if (this.size > 0) {
			handOver(this.batch);
			this.size = 0;
		}
		handOver(END);
		this.ended = true;
		join();
		rethrowFailure();
		return this.loaded;
	}

	private void join() throws SQLException {
		try {
			this.thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while loading", ex);
		}
	}

	@Override
	public void close() {
		if (!this.ended) {
			this.ended = true;
			this.queue.clear();
			// The thread is taking from the queue or sending a batch: it stops at the
			// marker.
			while (this.thread.isAlive() && !this.queue.offer(ABORT)) {
				this.queue.clear();
			}
			try {
				join();
			}
			catch (SQLException ex) {
				// The caller is already failing; its transaction is rolled back.
			}
		}
		this.target.close();
	}

}
