package io.cardops.readers.ledger;

import io.cardops.domain.text.VisibleText;

/**
 * A data row that breaks its file's format: it is not loaded and becomes a
 * MALFORMED_RECORD exception (files.md). The raw cells are kept so that the exception can
 * name the card, and settlement can count a malformed tap under its mode and line when
 * those are readable.
 *
 * @param line the physical line (the header is line 1; blank lines count)
 * @param cardNo the card_no cell as sent (trimmed, may be empty); {@code null} in a
 * payment file, which has no card columns
 * @param cardSeq the card_seq cell as sent (trimmed, may be empty); {@code null} in a
 * payment file
 * @param mode the mode cell as sent (trimmed, may be empty) of a tap; {@code null} in
 * other files
 * @param lineName the line cell as sent (trimmed, may be empty) of a tap; {@code null} in
 * other files
 * @param reason the first rule the row breaks, in files.md column order
 */
public record Malformed(long line, String cardNo, String cardSeq, String mode, String lineName, String reason) {

	/**
	 * Longest reason kept ({@code ledger_malformed.reason} and the exception's detail).
	 */
	public static final int REASON_LENGTH = 500;

	/**
	 * Every text as it can be stored and printed: a NUL or other control character (which
	 * PostgreSQL refuses in a text) or an invisible one (VisibleText: a direction
	 * override would show a card number reversed in the exceptions file, a spreadsheet or
	 * a terminal) as U+FFFD, a reason cut to {@link #REASON_LENGTH}. The row is kept,
	 * whatever bytes it held.
	 */
	public Malformed {
		cardNo = visible(cardNo);
		cardSeq = visible(cardSeq);
		mode = visible(mode);
		lineName = visible(lineName);
		reason = visible(reason);
		if (reason != null && reason.length() > REASON_LENGTH) {
			reason = reason.substring(0, REASON_LENGTH - 3) + "...";
		}
	}

	private static String visible(String text) {
		return VisibleText.masked(text);
	}

}
