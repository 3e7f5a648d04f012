package io.cardops.readers.ledger;

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
}
