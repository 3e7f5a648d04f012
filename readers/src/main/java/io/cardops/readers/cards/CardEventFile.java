package io.cardops.readers.cards;

import java.util.List;

import io.cardops.domain.cards.CardEvent;
import io.cardops.readers.inbox.FileTotals;

/**
 * What one card-event file holds: its well-formed events and its malformed rows, each
 * with its line, and the totals its control file is checked against.
 *
 * @param name the file name
 * @param totals records, sum of refund_fen and sha256 as found in the file
 * @param events the well-formed events, in file order
 * @param rejects the malformed rows, in file order
 * @param warnings what the header was warned about (unknown columns ignored)
 */
public record CardEventFile(String name, FileTotals totals, List<Located> events, List<RowReject> rejects,
		List<String> warnings) {

	/**
	 * An event with the line it came from.
	 *
	 * @param event the event
	 * @param sourceFile the file name
	 * @param line the physical line
	 */
	public record Located(CardEvent event, String sourceFile, long line) {
	}

	/**
	 * A row that breaks the format.
	 *
	 * @param sourceFile the file name
	 * @param line the physical line
	 * @param eventId the event_id cell as sent
	 * @param cardNo the card_no cell as sent
	 * @param reason why
	 */
	public record RowReject(String sourceFile, long line, String eventId, String cardNo, String reason) {
	}

}
