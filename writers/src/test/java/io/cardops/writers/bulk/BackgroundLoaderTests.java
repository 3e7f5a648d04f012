package io.cardops.writers.bulk;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BackgroundLoader}: rows reach the target in order, a failure of the
 * target reaches the caller, and an abandoned load is never finished.
 */
class BackgroundLoaderTests {

	@Test
	void rowsReachTheTargetInOrderAndFinishReturnsItsCount() throws SQLException {
		RecordingLoader target = new RecordingLoader(-1);
		try (BulkLoader loader = new BackgroundLoader(target, "test")) {
			for (int i = 0; i < 5000; i++) {
				loader.add(i, "row " + i);
			}
			assertThat(loader.finish()).isEqualTo(5000);
		}
		assertThat(target.rows).hasSize(5000);
		for (int i = 0; i < 5000; i++) {
			assertThat(target.rows.get(i)).containsExactly(i, "row " + i);
		}
		assertThat(target.finished).isTrue();
		assertThat(target.closed).isTrue();
	}

	@Test
	void aFailureOfTheTargetIsThrownToTheCaller() {
		RecordingLoader target = new RecordingLoader(1500);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (BulkLoader loader = new BackgroundLoader(target, "test")) {
				for (int i = 0; i < 100_000; i++) {
					loader.add(i);
				}
				loader.finish();
			}
		}).withMessage("refused row 1500");
		assertThat(target.finished).isFalse();
		assertThat(target.closed).isTrue();
	}

	@Test
	void aLoadClosedBeforeItsEndIsAbandonedNotFinished() throws SQLException {
		RecordingLoader target = new RecordingLoader(-1);
		try (BulkLoader loader = new BackgroundLoader(target, "test")) {
			for (int i = 0; i < 3000; i++) {
				loader.add(i);
			}
		}
		assertThat(target.finished).isFalse();
		assertThat(target.closed).isTrue();
		assertThat(target.rows.size()).isLessThanOrEqualTo(3000);
	}

	/** A loader that keeps its rows and refuses one of them when told to. */
	private static final class RecordingLoader implements BulkLoader {

		private final List<Object[]> rows = Collections.synchronizedList(new ArrayList<>());

		private final int refuse;

		private volatile boolean finished;

		private volatile boolean closed;

		RecordingLoader(int refuse) {
			this.refuse = refuse;
		}

		@Override
		public void add(Object... values) throws SQLException {
			if (this.rows.size() == this.refuse) {
				throw new SQLException("refused row " + this.refuse);
			}
			this.rows.add(values);
		}

		@Override
		public long finish() {
			this.finished = true;
			return this.rows.size();
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
