package io.cardops.readers.inbox;

/**
 * What a read of an inbound file found, to check against its control file: its data rows
 * (malformed ones included), the sum of its amount column and the SHA-256 of its bytes.
 *
 * @param records the number of data rows
 * @param sum the sum of the amount column over every data row
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record FileTotals(long records, AmountSum sum, String sha256) {

	/**
	 * The totals as a control file would state them.
	 * @return records, the sum of the readable amounts and the sha256
	 */
	public ControlFile asControl() {
		return new ControlFile(this.records, this.sum.readable(), this.sha256);
	}

}
