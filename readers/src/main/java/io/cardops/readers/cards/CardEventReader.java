package io.cardops.readers.cards;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.cards.CardEvent;
import io.cardops.domain.cards.CardEventType;
import io.cardops.domain.cards.Device;
import io.cardops.readers.cards.CardEventFile.Located;
import io.cardops.readers.cards.CardEventFile.RowReject;
import io.cardops.readers.csv.FileDate;
import io.cardops.readers.csv.InboundCsv;
import io.cardops.readers.csv.InboundRow;
import io.cardops.readers.csv.InboundValues;
import io.cardops.readers.inbox.AmountSummer;
import io.cardops.readers.inbox.FileTotals;

/**
 * Reads a {@code cardevents_<CHANNEL>_<YYYYMMDD>_<NN>.csv} file row by row into a
 * {@link CardEventSink}: the first days of September issue a whole city's freshmen their
 * cards, more events than a heap should hold. The caller keeps the rows aside until the
 * file's totals have been checked against its control file.
 */
public final class CardEventReader {

	/** The columns, in files.md order. */
	public static final List<String> COLUMNS = List.of("event_id", "event", "occurred_at", "card_no", "institution",
			"student_no", "device", "refund_fen");

	private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private static final Pattern STUDENT_NO = Pattern.compile("[A-Za-z0-9-]{1,32}");

	private CardEventReader() {
	}

	/**
	 * Reads a file whole into memory (small files, tests).
	 * @param file the file
	 * @param channel the channel in its name
	 * @param fileDate the date in its name: an event dated more than a day after it is
	 * rejected
	 * @return what it holds
	 * @throws io.cardops.readers.csv.InboundFileException when the file is unusable as a
	 * whole
	 */
	public static CardEventFile read(Path file, String channel, LocalDate fileDate) {
		List<Located> events = new ArrayList<>();
		List<RowReject> rejects = new ArrayList<>();
		CardEventScan scan = read(file, channel, fileDate, new CardEventSink() {

			@Override
			public void event(Located event) {
				events.add(event);
			}

			@Override
			public void reject(RowReject reject) {
				rejects.add(reject);
			}

		});
		return new CardEventFile(scan.name(), scan.totals(), events, rejects, scan.warnings());
	}

	/**
	 * Reads a file row by row, handing each row to a sink as it is read.
	 * @param file the file
	 * @param channel the channel in its name
	 * @param fileDate the date in its name: an event dated more than a day after it is
	 * rejected
	 * @param sink receives each event and each malformed row, in file order
	 * @return the file's totals and warnings
	 * @throws io.cardops.readers.csv.InboundFileException when the file is unusable as a
	 * whole (the sink may have received some of its rows)
	 * @throws SinkException when the sink refused a row
	 */
	public static CardEventScan read(Path file, String channel, LocalDate fileDate, CardEventSink sink) {
		FileDate latest = new FileDate(fileDate);
		String name = file.getFileName().toString();
		MessageDigest sha256 = Sha256.newDigest();
		long records = 0;
		// Empty on every event but a RETURN: adds nothing.
		AmountSummer sum = new AmountSummer("refund_fen", true);
		List<String> warnings;
		try (InputStream raw = Files.newInputStream(file);
				DigestInputStream in = new DigestInputStream(raw, sha256);
				InboundCsv csv = InboundCsv.open(file, in, StandardCharsets.UTF_8, COLUMNS, COLUMNS)) {
			warnings = csv.warnings();
			int width = csv.width();
			for (InboundRow row : csv) {
				records++;
				sum.add(row.get("refund_fen"), row.line());
				String problem = (row.size() != width) ? "has " + row.size() + " cells, the header has " + width
						: problem(row, latest);
				if (problem != null) {
					give(sink, null, new RowReject(name, row.line(), row.get("event_id"), row.get("card_no"), problem));
					continue;
				}
				String device = row.get("device");
				give(sink,
						new Located(new CardEvent(channel, row.get("event_id"), CardEventType.valueOf(row.get("event")),
								InboundValues.instant(row.get("occurred_at")), row.get("card_no"),
								row.get("institution"), row.get("student_no"),
								device.isEmpty() ? null : Device.valueOf(device),
								InboundValues.fen(row.get("refund_fen"))), name, row.line()),
						null);
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		return new CardEventScan(name, new FileTotals(records, sum.result(), Sha256.hex(sha256)), warnings);
	}

	private static void give(CardEventSink sink, Located event, RowReject reject) {
		try {
			if (event != null) {
				sink.event(event);
			}
			else {
				sink.reject(reject);
			}
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new SinkException(ex);
		}
	}

	/**
	 * A sink refused a row; the cause says why (a database error, for a run).
	 */
	public static final class SinkException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SinkException(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

	private static String problem(InboundRow row, FileDate fileDate) {
		if (!EVENT_ID.matcher(row.get("event_id")).matches()) {
			return "event_id must be 1-64 of A-Z a-z 0-9 _ . : -";
		}
		String event = row.get("event");
		if (!isEnum(CardEventType.class, event)) {
			return "event '" + InboundValues.shown(event) + "' must be one of ISSUE, RENEW, REPORT_LOST, RETURN";
		}
		Instant occurredAt = InboundValues.instant(row.get("occurred_at"));
		if (occurredAt == null) {
			return "occurred_at '" + InboundValues.shown(row.get("occurred_at")) + "' is not an ISO-8601 instant";
		}
		if (fileDate.isTooLate(occurredAt)) {
			return "occurred_at " + row.get("occurred_at") + " is after its file's clearing date " + fileDate.date();
		}
		if (!InboundValues.isCardNo(row.get("card_no"))) {
			return "card_no must be exactly 19 digits";
		}
		if (!InboundValues.isPartnerCode(row.get("institution"))) {
			return "institution must be 1-16 of A-Z 0-9 _";
		}
		if (!STUDENT_NO.matcher(row.get("student_no")).matches()) {
			return "student_no must be 1-32 of A-Z a-z 0-9 -";
		}
		String device = row.get("device");
		if (!device.isEmpty() && !isEnum(Device.class, device)) {
			return "device '" + InboundValues.shown(device) + "' must be one of IOS, ANDROID, HARMONY, SIM";
		}
		String refund = row.get("refund_fen");
		if (CardEventType.RETURN.name().equals(event)) {
			long fen = InboundValues.fenValue(refund);
			if (fen == InboundValues.BEYOND_LIMIT && !refund.startsWith("-")) {
				return InboundValues.beyondLimit("refund_fen", refund);
			}
			if (fen < 0 || fen == InboundValues.BEYOND_LIMIT) {
				return "refund_fen must be an integer >= 0 on a RETURN"
						+ ((fen == InboundValues.NOT_AN_INTEGER) ? InboundValues.integerSlip(refund) : "");
			}
		}
		else if (!refund.isEmpty()) {
			return "refund_fen is only for RETURN";
		}
		return null;
	}

	private static <E extends Enum<E>> boolean isEnum(Class<E> type, String text) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return true;
			}
		}
		return false;
	}

}
