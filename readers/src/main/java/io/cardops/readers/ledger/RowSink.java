package io.cardops.readers.ledger;

/**
 * Receives the data rows of a ledger file as they are read, in file order.
 *
 * @param <T> the record of the file kind
 */
public interface RowSink<T> {

	/**
	 * A row that follows its format.
	 * @param line its physical line (the header is line 1; blank lines count)
	 * @param row the row
	 * @throws Exception when the sink cannot take it (the read stops and rethrows)
	 */
	void row(long line, T row) throws Exception;

	/**
	 * A row that breaks its format.
	 * @param malformed the row's line, raw cells and reason
	 * @throws Exception when the sink cannot take it (the read stops and rethrows)
	 */
	void malformed(Malformed malformed) throws Exception;

}
