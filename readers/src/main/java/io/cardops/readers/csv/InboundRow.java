package io.cardops.readers.csv;

import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * One data row of an inbound CSV file with its physical line number.
 */
public final class InboundRow {

	private final long line;

	private final CSVRecord record;

	private final Map<String, Integer> columns;

	InboundRow(long line, CSVRecord record, Map<String, Integer> columns) {
		this.line = line;
		this.record = record;
		this.columns = columns;
	}

	/**
	 * The physical line of the row (the header is line 1; blank lines count).
	 * @return the line number
	 */
	public long line() {
		return this.line;
	}

	/**
	 * The number of cells in the row.
	 * @return the cell count
	 */
	public int size() {
		return this.record.size();
	}

	/**
	 * A cell by column name, stripped of leading and trailing white space (the
	 * ideographic space included, as the validators strip it).
	 * @param column the lower-case column name
	 * @return the trimmed cell, empty when the row is short, null when the header lacks
	 * the column
	 */
	public String get(String column) {
		Integer index = this.columns.get(column);
		if (index == null) {
			return null;
		}
		return (index < this.record.size()) ? this.record.get(index).strip() : "";
	}

}
