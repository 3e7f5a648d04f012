package io.cardops.readers.ledger;

import java.util.List;

import io.cardops.readers.inbox.FileTotals;

/**
 * What a read of a ledger file found besides its rows: the totals its control file is
 * checked against, and the warnings about its header.
 *
 * @param totals records (data rows, malformed ones included), the sum of the file's
 * amount column over every data row, and the SHA-256 of the bytes
 * @param warnings one per unknown column, each naming the file and line
 */
public record LedgerFileTotals(FileTotals totals, List<String> warnings) {

	/**
	 * Copies the warnings.
	 * @param totals the totals found
	 * @param warnings the warnings
	 */
	public LedgerFileTotals {
		warnings = List.copyOf(warnings);
	}

}
