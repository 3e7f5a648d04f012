package io.cardops.tools.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.money.Money;

/**
 * A small, independent reading of domain.md's "How the judging runs" used only by the
 * tests: it parses a generated inbox as a reconciliation engine would (files, not the
 * generator's state) and lists the exceptions each clearing date raises, as
 * {@code clearing_date,category,card_no,card_seq} rows. The generator's answer key must
 * equal it.
 */
final class ReferenceJudge {

	private static final Pattern CARD_NO = Pattern.compile("[0-9]{19}");

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,15}");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private static final int MATCH_DAYS = 3;

	private final Path inbox;

	private final Map<String, int[]> fareRules = new HashMap<>();

	private final Map<String, LocalDate> validUntil = new HashMap<>();

	private final Map<String, Instant> blockedAt = new HashMap<>();

	private final Map<String, Card> ledger = new HashMap<>();

	private final Map<String, Payment> payments = new HashMap<>();

	private final Set<String> refunded = new HashSet<>();

	private final List<TopUp> unpaid = new ArrayList<>();

	private final List<Payment> unloaded = new ArrayList<>();

	private final Set<String> loadedRefs = new HashSet<>();

	ReferenceJudge(Path out) throws IOException {
		this.inbox = out.resolve("inbox");
		for (String[] cells : rows(out.resolve("reference/fare_rules.csv"))) {
			this.fareRules.put(cells[0] + "/" + cells[1],
					new int[] { Integer.parseInt(cells[2]), Integer.parseInt(cells[3]) });
		}
		for (Path file : files("cardevents_")) {
			for (String[] cells : rows(file)) {
				Instant at = OffsetDateTime.parse(cells[2]).toInstant();
				if (cells[1].equals("ISSUE")) {
					this.validUntil.put(cells[3],
							AcademicCalendar.validUntilForIssue(AcademicCalendar.businessDate(at)));
				}
				else if (cells[1].equals("REPORT_LOST") || cells[1].equals("RETURN")) {
					this.blockedAt.put(cells[3], at);
				}
			}
		}
	}

	/**
	 * Judges every clearing date of the inbox in order.
	 * @return the exceptions raised, sorted like the answer key
	 */
	List<String> judge() throws IOException {
		TreeSet<LocalDate> dates = new TreeSet<>();
		try (Stream<Path> list = Files.list(this.inbox)) {
			list.map((path) -> path.getFileName().toString())
				.filter((name) -> name.matches("(taps|recharges|payments)_.*_[0-9]{8}_[0-9]{2}\\.csv"))
				.forEach((name) -> {
					String day = name.replaceAll(".*_([0-9]{8})_[0-9]{2}\\.csv", "$1");
					dates
						.add(LocalDate.parse(day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6)));
				});
		}
		List<String> raised = new ArrayList<>();
		for (LocalDate date : dates) {
			judgeDay(date, raised);
		}
		return sorted(raised);
	}

	static List<String> sorted(List<String> rows) {
		List<String> copy = new ArrayList<>(rows);
		copy.sort(Comparator.comparing((String row) -> row.split(",", -1)[0])
			.thenComparing((row) -> row.split(",", -1)[1])
			.thenComparing((row) -> row.split(",", -1)[2])
			.thenComparingLong((row) -> {
				String seq = row.split(",", -1)[3];
				return seq.isEmpty() ? -1 : Long.parseLong(seq);
			}));
		return copy;
	}

	private void judgeDay(LocalDate date, List<String> raised) throws IOException {
		String day = date.toString().replace("-", "");
		List<Row> rows = new ArrayList<>();
		for (String kind : List.of("taps_", "recharges_")) {
			for (Path file : files(kind)) {
				if (!file.getFileName().toString().contains("_" + day + "_")) {
					continue;
				}
				int line = 1;
				for (String[] cells : rows(file)) {
					line++;
					Row row = kind.equals("taps_") ? tap(cells) : recharge(cells);
					if (row == null) {
						raised.add(date + ",MALFORMED_RECORD," + cells[1] + "," + cells[2]);
						continue;
					}
					row.file = file.getFileName().toString();
					row.line = line;
					row.cells = String.join(",", cells);
					if (!this.validUntil.containsKey(row.cardNo)) {
						raised.add(date + ",UNKNOWN_CARD," + row.cardNo + "," + row.seq);
						continue;
					}
					rows.add(row);
				}
			}
		}
		rows.sort(Comparator.comparing((Row row) -> row.cardNo)
			.thenComparingLong((row) -> row.seq)
			.thenComparing((row) -> row.file)
			.thenComparingInt((row) -> row.line));
		List<TopUp> topUps = new ArrayList<>();
		for (Row row : rows) {
			Card card = this.ledger.computeIfAbsent(row.cardNo, (cardNo) -> new Card());
			Row taken = card.accepted.get(row.seq);
			if (taken != null) {
				raised.add(date + "," + (taken.cells.equals(row.cells) ? "DUPLICATE" : "SEQ_CONFLICT") + ","
						+ row.cardNo + "," + row.seq);
				continue;
			}
			card.accepted.put(row.seq, row);
			if (row.seq > card.lastSeq + 1) {
				raised.add(date + ",SEQ_GAP," + row.cardNo + "," + row.seq);
			}
			else {
				Long previous = (row.seq == 1) ? Long.valueOf(0)
						: (card.accepted.containsKey(row.seq - 1) ? card.accepted.get(row.seq - 1).balanceAfter : null);
				if (previous != null && previous != row.balanceBefore()) {
					raised.add(date + ",BALANCE_BREAK," + row.cardNo + "," + row.seq);
				}
			}
			Row next = card.accepted.get(row.seq + 1);
			if (next != null && row.seq < card.lastSeq && next.balanceBefore() != row.balanceAfter) {
				// A late seq closes a gap: the record after it can be checked now.
				raised.add(date + ",BALANCE_BREAK," + row.cardNo + "," + next.seq);
			}
			card.lastSeq = Math.max(card.lastSeq, row.seq);
			Row before = card.accepted.get(row.seq - 1);
			if (before != null && "ENTRY".equals(before.tapType)
					&& !("EXIT".equals(row.tapType) && before.mode.equals(row.mode))) {
				raised.add(date + ",INCOMPLETE_TRIP," + row.cardNo + "," + before.seq);
			}
			if ("ENTRY".equals(row.tapType) && next != null
					&& !("EXIT".equals(next.tapType) && row.mode.equals(next.mode))) {
				raised.add(date + ",INCOMPLETE_TRIP," + row.cardNo + "," + row.seq);
			}
			if (row.tapType != null) {
				judgeTap(date, row, raised);
			}
			else if (!row.paymentRef.isEmpty()) {
				topUps.add(new TopUp(row, date));
			}
		}
		List<Payment> todays = new ArrayList<>();
		for (Path file : files("payments_")) {
			if (!file.getFileName().toString().contains("_" + day + "_")) {
				continue;
			}
			for (String[] cells : rows(file)) {
				Payment payment = payment(cells);
				if (payment == null) {
					raised.add(date + ",MALFORMED_RECORD,,");
				}
				else if (payment.type.equals("REFUND")) {
					this.refunded.add(payment.originalRef);
				}
				else {
					this.payments.put(payment.ref, payment);
					todays.add(payment);
				}
			}
		}
		// Earlier unmatched items keep trying for three days; a match resolves them.
		for (Iterator<TopUp> it = this.unpaid.iterator(); it.hasNext();) {
			TopUp topUp = it.next();
			if (this.payments.containsKey(topUp.row.paymentRef)) {
				this.loadedRefs.add(topUp.row.paymentRef);
				it.remove();
			}
			else if (ChronoUnit.DAYS.between(topUp.raised, date) >= MATCH_DAYS) {
				it.remove();
			}
		}
		for (TopUp topUp : topUps) {
			String ref = topUp.row.paymentRef;
			this.loadedRefs.add(ref);
			Payment payment = this.payments.get(ref);
			if (payment == null) {
				raised.add(date + ",UNPAID_RECHARGE," + topUp.row.cardNo + "," + topUp.row.seq);
				this.unpaid.add(topUp);
			}
			else if (this.refunded.contains(ref)) {
				raised.add(date + ",REFUNDED_BUT_LOADED," + topUp.row.cardNo + "," + topUp.row.seq);
			}
			else if (payment.amount != topUp.row.amount) {
				raised.add(date + ",AMOUNT_MISMATCH," + topUp.row.cardNo + "," + topUp.row.seq);
			}
		}
		this.unloaded
			.removeIf((payment) -> this.loadedRefs.contains(payment.ref) || this.refunded.contains(payment.ref));
		for (Payment payment : todays) {
			if (!this.loadedRefs.contains(payment.ref) && !this.refunded.contains(payment.ref)) {
				raised.add(date + ",UNLOADED_PAYMENT,,");
				this.unloaded.add(payment);
			}
		}
	}

	private void judgeTap(LocalDate date, Row row, List<String> raised) {
		int[] rule = this.fareRules.get(row.mode + "/" + row.discount);
		boolean fare = row.tapType.equals("EXIT") || row.tapType.equals("SINGLE");
		LocalDate tapDate = AcademicCalendar.businessDate(row.at);
		if (fare && row.charged != Money.basisPointsHalfUp(row.full, rule[0])) {
			raised.add(date + ",FARE_MISMATCH," + row.cardNo + "," + row.seq);
		}
		if (!row.tapType.equals("EXIT") && row.balanceBefore() < rule[1]) {
			raised.add(date + ",BELOW_MIN_BALANCE," + row.cardNo + "," + row.seq);
		}
		if (fare && row.discount.equals("STUDENT") && tapDate.isAfter(this.validUntil.get(row.cardNo))) {
			raised.add(date + ",EXPIRED_DISCOUNT," + row.cardNo + "," + row.seq);
		}
		Instant blocked = this.blockedAt.get(row.cardNo);
		if (blocked != null && row.at.isAfter(blocked)) {
			raised.add(date + ",LOST_CARD_TAP," + row.cardNo + "," + row.seq);
		}
		if (ChronoUnit.DAYS.between(tapDate, date) > 7) {
			raised.add(date + ",LATE_RECORD," + row.cardNo + "," + row.seq);
		}
	}

	private static Row tap(String[] cells) {
		if (cells.length != 13 || !ID.matcher(cells[0]).matches() || !CARD_NO.matcher(cells[1]).matches()) {
			return null;
		}
		Row row = new Row();
		row.cardNo = cells[1];
		Long seq = integer(cells[2]);
		row.at = instant(cells[3]);
		Long full = integer(cells[9]);
		Long charged = integer(cells[10]);
		Long balance = integer(cells[12]);
		if (seq == null || seq < 1 || row.at == null || !Set.of("METRO", "BUS").contains(cells[4]) || cells[5].isEmpty()
				|| cells[6].isEmpty() || cells[7].isEmpty() || !Set.of("ENTRY", "EXIT", "SINGLE").contains(cells[8])
				|| full == null || full < 0 || charged == null || charged < 0 || charged > full
				|| (cells[8].equals("ENTRY") && (full != 0 || charged != 0))
				|| !Set.of("STUDENT", "STANDARD", "NONE").contains(cells[11]) || balance == null) {
			return null;
		}
		row.seq = seq;
		row.mode = cells[4];
		row.tapType = cells[8];
		row.full = full;
		row.charged = charged;
		row.discount = cells[11];
		row.balanceAfter = balance;
		return row;
	}

	private static Row recharge(String[] cells) {
		if (cells.length != 7 || !ID.matcher(cells[0]).matches() || !CARD_NO.matcher(cells[1]).matches()) {
			return null;
		}
		Row row = new Row();
		row.cardNo = cells[1];
		Long seq = integer(cells[2]);
		row.at = instant(cells[3]);
		Long amount = integer(cells[4]);
		Long balance = integer(cells[5]);
		if (seq == null || seq < 1 || row.at == null || amount == null || amount < 1 || balance == null
				|| !(cells[6].isEmpty() || ID.matcher(cells[6]).matches())) {
			return null;
		}
		row.seq = seq;
		row.amount = amount;
		row.balanceAfter = balance;
		row.paymentRef = cells[6];
		return row;
	}

	private static Payment payment(String[] cells) {
		if (cells.length != 6 || !ID.matcher(cells[0]).matches() || !Set.of("PAYMENT", "REFUND").contains(cells[1])
				|| instant(cells[2]) == null) {
			return null;
		}
		Long amount = integer(cells[3]);
		Long fee = integer(cells[4]);
		boolean refund = cells[1].equals("REFUND");
		if (amount == null || amount < 1 || fee == null || fee < 0 || refund == cells[5].isEmpty()) {
			return null;
		}
		return new Payment(cells[0], cells[1], amount, cells[5]);
	}

	private static Long integer(String text) {
		return INTEGER.matcher(text).matches() ? Long.valueOf(text) : null;
	}

	private static Instant instant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException withoutOffset) {
			try {
				return LocalDateTime.parse(text).atZone(AcademicCalendar.ZONE).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
	}

	private List<Path> files(String prefix) throws IOException {
		try (Stream<Path> list = Files.list(this.inbox)) {
			return list
				.filter((path) -> path.getFileName().toString().startsWith(prefix)
						&& path.getFileName().toString().endsWith(".csv"))
				.sorted()
				.toList();
		}
	}

	static List<String[]> rows(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		return lines.subList(1, lines.size()).stream().map((line) -> line.split(",", -1)).toList();
	}

	private static final class Row {

		String file;

		int line;

		String cells;

		String cardNo;

		long seq;

		Instant at;

		String tapType;

		String mode;

		String discount;

		long full;

		long charged;

		long amount;

		long balanceAfter;

		String paymentRef;

		long balanceBefore() {
			return (this.tapType != null) ? this.balanceAfter + this.charged : this.balanceAfter - this.amount;
		}

	}

	private static final class Card {

		final Map<Long, Row> accepted = new TreeMap<>();

		long lastSeq;

	}

	private record TopUp(Row row, LocalDate raised) {
	}

	private record Payment(String ref, String type, long amount, String originalRef) {
	}

}
