package io.cardops.readers.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps what it is given, for tests on small files.
 *
 * @param <T> the record of the file kind
 */
final class RecordingSink<T> implements RowSink<T> {

	final List<Row<T>> rows = new ArrayList<>();

	final List<Malformed> malformed = new ArrayList<>();

	@Override
	public void row(long line, T row) {
		this.rows.add(new Row<>(line, row));
	}

	@Override
	public void malformed(Malformed malformed) {
		this.malformed.add(malformed);
	}

	List<Long> rowLines() {
		return this.rows.stream().map(Row::line).toList();
	}

	List<Long> malformedLines() {
		return this.malformed.stream().map(Malformed::line).toList();
	}

	/**
	 * A well-formed row as the sink received it.
	 *
	 * @param <T> the record
	 * @param line the physical line
	 * @param row the record
	 */
	record Row<T>(long line, T row) {
	}

}
