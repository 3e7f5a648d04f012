package io.cardops.readers.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes and digests the ledger reader tests compute on their own, independently of the
 * code under test.
 */
final class LedgerFixtures {

	static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private LedgerFixtures() {
	}

	static String sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(part);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A cell of a comma-separated test row, empty past its end as the reader sees it.
	 */
	static String cell(String row, int index) {
		String[] cells = row.split(",", -1);
		return (index < cells.length) ? cells[index] : "";
	}

}
