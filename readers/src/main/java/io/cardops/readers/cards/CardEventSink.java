package io.cardops.readers.cards;

import io.cardops.readers.cards.CardEventFile.Located;
import io.cardops.readers.cards.CardEventFile.RowReject;

/**
 * Receives the rows of a card-event file one at a time, in file order, so that a reader
 * never holds a file's events.
 */
public interface CardEventSink {

	/**
	 * A well-formed event.
	 * @param event the event with its file and line
	 * @throws Exception when it cannot be kept (the caller's run fails)
	 */
	void event(Located event) throws Exception;

	/**
	 * A row that breaks the format.
	 * @param reject the row with its reason
	 * @throws Exception when it cannot be kept (the caller's run fails)
	 */
	void reject(RowReject reject) throws Exception;

}
