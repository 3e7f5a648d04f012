package io.cardops.readers.cards;

import java.util.List;

import io.cardops.readers.inbox.FileTotals;

/**
 * What reading a card-event file found, its rows having gone to a {@link CardEventSink}.
 *
 * @param name the file name
 * @param totals records, sum of refund_fen and sha256 as found in the file
 * @param warnings what the header was warned about (unknown columns ignored)
 */
public record CardEventScan(String name, FileTotals totals, List<String> warnings) {
}
