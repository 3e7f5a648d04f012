package io.cardops.tools.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;
import io.cardops.tools.generate.Network.Line;
import io.cardops.tools.generate.Population.Kind;

/**
 * One clearing date's transactions of each card: the journeys of the day, the top-ups
 * they need, and the rows they become in the day's files, with the day's planted anomaly
 * (if the card carries one) and its answer-key row. See {@link InboxGenerator} for the
 * recipes.
 */
final class CardDay {

	private static final int[] METRO_FARES = { 300, 300, 300, 300, 400, 400, 400, 400, 400, 500, 500, 500, 500, 600,
			600, 600, 700, 700, 800, 900 };

	private static final int BUS_FARE = 200;

	private static final int[] TOP_UPS = { 2000, 3000, 5000, 5000, 10000, 10000 };

	private static final int WINDOW_START = 6 * 3600;

	private static final int WINDOW = 17 * 3600;

	/** Room before a journey for its top-up. */
	private static final int TOP_UP_ROOM = 900;

	/** Room for the longest metro ride. */
	private static final int RIDE_ROOM = 4500;

	private static final int PSP_FEE_BP = 10;

	private final InboxGenerator run;

	private final DayFiles files;

	private final LocalDate date;

	private final int day;

	private final boolean lastDay;

	private final List<Pending> nextDay;

	CardDay(InboxGenerator run, DayFiles files, LocalDate date, int day, boolean lastDay, List<Pending> nextDay) {
		this.run = run;
		this.files = files;
		this.date = date;
		this.day = day;
		this.lastDay = lastDay;
		this.nextDay = nextDay;
	}

	/**
	 * Generates and writes one card's day.
	 * @param card the card
	 * @param planted the anomaly it carries today, or null
	 * @throws IOException when a file cannot be written
	 */
	void write(int card, ExceptionCategory planted) throws IOException {
		SplittableRandom random = Rng.of(this.run.seed(), 1000L + this.day, card);
		Population population = this.run.population();
		Kind kind = population.kind(card);
		boolean active = planted != null || (kind != Kind.LOST && random.nextInt(100) < 95);
		if (!active) {
			return;
		}
		List<Trip> trips = trips(random, (kind == Kind.LOST) ? 1 : 2 + random.nextInt(5));
		Marks marks = mark(card, planted, trips, random);
		List<Txn> txns = materialize(card, trips, marks, random);
		String cardNo = Population.cardNo(card);
		AnswerKey key = this.run.key();
		if (marks.keyTxn != null) {
			key.add(planted, cardNo, marks.keyTxn.seq + marks.keySeqOffset);
		}
		int tapTarget = -1;
		if (planted == ExceptionCategory.DUPLICATE || planted == ExceptionCategory.SEQ_CONFLICT
				|| (planted == ExceptionCategory.MALFORMED_RECORD && marks.malformedVariant == 0)) {
			List<Integer> taps = new ArrayList<>();
			for (int i = 0; i < txns.size(); i++) {
				if (txns.get(i).type != null) {
					taps.add(i);
				}
			}
			tapTarget = taps.get(random.nextInt(taps.size()));
		}
		for (int i = 0; i < txns.size(); i++) {
			Txn txn = txns.get(i);
			if (txn.type == null) {
				writeTopUp(card, cardNo, txn, (i == 0 && marks.forceTopUp) ? planted : null, marks, random);
			}
			else {
				writeTap(card, cardNo, txn, (i == tapTarget) ? planted : null, random);
			}
		}
		if (planted == ExceptionCategory.UNKNOWN_CARD) {
			writeUnknownCard(random);
		}
		else if (planted == ExceptionCategory.UNLOADED_PAYMENT) {
			writeUnloadedPayment(random);
		}
	}

	private static List<Trip> trips(SplittableRandom random, int count) {
		List<Trip> trips = new ArrayList<>(count);
		int segment = WINDOW / count;
		for (int j = 0; j < count; j++) {
			Trip trip = new Trip();
			trip.start = WINDOW_START + j * segment + TOP_UP_ROOM + random.nextInt(segment - TOP_UP_ROOM - RIDE_ROOM);
			route(trip, (random.nextInt(100) < 80) ? TravelMode.METRO : TravelMode.BUS, random);
			trips.add(trip);
		}
		return trips;
	}

	private static void route(Trip trip, TravelMode mode, SplittableRandom random) {
		trip.mode = mode;
		if (mode == TravelMode.METRO) {
			trip.line = Network.metroLine(random);
			trip.station = random.nextInt(trip.line.stations().length);
			trip.exitLine = (random.nextInt(100) < 70) ? trip.line : Network.metroLine(random);
			trip.exitStation = random.nextInt(trip.exitLine.stations().length);
			if (trip.exitLine == trip.line && trip.exitStation == trip.station) {
				trip.exitStation = (trip.station + 1) % trip.line.stations().length;
			}
			trip.full = METRO_FARES[random.nextInt(METRO_FARES.length)];
			trip.ride = 600 + (trip.full - 300) / 100 * 360 + random.nextInt(900);
		}
		else {
			trip.line = Network.busLine(random);
			trip.station = random.nextInt(trip.line.stations().length);
			trip.exitLine = null;
			trip.full = BUS_FARE;
			trip.ride = 0;
		}
	}

	/**
	 * Shapes the day for its planted anomaly: which journey carries it and how.
	 */
	private Marks mark(int card, ExceptionCategory planted, List<Trip> trips, SplittableRandom random) {
		Marks marks = new Marks();
		if (planted == null) {
			return marks;
		}
		int last = trips.size() - 1;
		switch (planted) {
			case SEQ_GAP -> {
				// A SINGLE that is not the day's last transaction and follows no ENTRY.
				Trip trip = trips.get(random.nextInt(last));
				route(trip, TravelMode.BUS, random);
				trip.drop = true;
				marks.fillNextDay = !this.lastDay && random.nextBoolean();
			}
			case INCOMPLETE_TRIP -> {
				Trip trip = trips.get(random.nextInt(last));
				route(trip, TravelMode.METRO, random);
				trip.noExit = true;
			}
			case BALANCE_BREAK -> {
				Trip trip = trips.get(random.nextInt(trips.size()));
				route(trip, TravelMode.METRO, random);
				int delta = 10 * (1 + random.nextInt(50));
				trip.breakDelta = random.nextBoolean() ? delta : -delta;
			}
			case FARE_MISMATCH -> trips.get(random.nextInt(trips.size())).wrongCharge = true;
			case EXPIRED_DISCOUNT -> trips.get(random.nextInt(trips.size())).student = true;
			case LATE_RECORD -> {
				Trip trip = trips.get(random.nextInt(trips.size()));
				route(trip, TravelMode.BUS, random);
				trip.lateDays = 8 + random.nextInt(3);
			}
			case LOST_CARD_TAP -> route(trips.get(0), TravelMode.BUS, random);
			case BELOW_MIN_BALANCE -> {
				// The card starts the day below a minimum: its first journey goes without
				// the top-up it needs.
				Discount discount = this.run.population().discountOn(card, this.date);
				long balance = this.run.balances()[card];
				FareTable fares = this.run.fares();
				if (balance >= fares.minimum(trips.get(0).mode, discount)) {
					route(trips.get(0), (trips.get(0).mode == TravelMode.METRO) ? TravelMode.BUS : TravelMode.METRO,
							random);
				}
				marks.noTopUpFirst = true;
			}
			case UNPAID_RECHARGE, AMOUNT_MISMATCH, REFUNDED_BUT_LOADED -> {
				marks.forceTopUp = true;
				marks.forceApp = true;
				marks.fillNextDay = planted == ExceptionCategory.UNPAID_RECHARGE && !this.lastDay
						&& random.nextBoolean();
			}
			case MALFORMED_RECORD -> {
				marks.malformedVariant = random.nextInt(3);
				marks.forceTopUp = marks.malformedVariant != 0;
				marks.forceApp = marks.malformedVariant == 2;
			}
			default -> {
			}
		}
		return marks;
	}

	private List<Txn> materialize(int card, List<Trip> trips, Marks marks, SplittableRandom random) {
		Population population = this.run.population();
		FareTable fares = this.run.fares();
		int[] seqs = this.run.seqs();
		int[] balances = this.run.balances();
		int seq = seqs[card];
		int balance = balances[card];
		long threshold = population.threshold(card);
		List<Txn> txns = new ArrayList<>(trips.size() * 3);
		for (int j = 0; j < trips.size(); j++) {
			Trip trip = trips.get(j);
			boolean topUp;
			if (j == 0 && marks.forceTopUp) {
				topUp = true;
			}
			else if (j == 0 && marks.noTopUpFirst) {
				topUp = false;
			}
			else {
				topUp = balance < threshold || random.nextInt(100) < 3;
			}
			if (topUp) {
				Txn txn = new Txn();
				txn.seq = ++seq;
				txn.date = this.date;
				txn.second = trip.start - 60 - random.nextInt(540);
				txn.amount = TOP_UPS[random.nextInt(TOP_UPS.length)];
				while (balance + txn.amount < threshold) {
					txn.amount += 5000;
				}
				int channel = random.nextInt(100);
				if (marks.forceApp) {
					channel = (channel < 70) ? 0 : 60;
				}
				if (channel < 55) {
					txn.channel = DayFiles.APP;
					txn.psp = (random.nextInt(100) < 60) ? DayFiles.ALIPAY : DayFiles.WECHAT;
				}
				else if (channel < 80) {
					txn.channel = DayFiles.HEBAO;
					txn.psp = DayFiles.CMPAY;
				}
				else {
					txn.channel = DayFiles.COUNTER;
				}
				balance += txn.amount;
				txn.balanceAfter = balance;
				txns.add(txn);
			}
			LocalDate tapDate = (trip.lateDays > 0) ? this.date.minusDays(trip.lateDays) : this.date;
			Discount discount = trip.student ? Discount.STUDENT : population.discountOn(card, tapDate);
			Txn first = tap(++seq, tapDate, trip.start, trip.line, trip.station, random);
			first.discount = discount;
			first.balanceAfter = balance;
			if (j == 0 && marks.noTopUpFirst) {
				marks.keyTxn = first;
			}
			txns.add(first);
			Txn fare = first;
			if (trip.mode == TravelMode.METRO) {
				first.type = TapType.ENTRY;
				if (trip.noExit) {
					marks.keyTxn = first;
					continue;
				}
				fare = tap(++seq, tapDate, trip.start + trip.ride, trip.exitLine, trip.exitStation, random);
				fare.type = TapType.EXIT;
				fare.discount = discount;
				txns.add(fare);
			}
			else {
				first.type = TapType.SINGLE;
			}
			fare.full = trip.full;
			fare.charged = fares.charge(trip.mode, discount, trip.full);
			if (trip.wrongCharge) {
				fare.charged = wrongCharge(fare.charged, fare.full, random);
			}
			balance -= fare.charged;
			balance += trip.breakDelta;
			fare.balanceAfter = balance;
			if (trip.drop) {
				// SEQ_GAP is raised at the next seq, the record that reveals the gap.
				fare.dropped = true;
				fare.fill = marks.fillNextDay;
				marks.keyTxn = fare;
				marks.keySeqOffset = 1;
			}
			else if (trip.wrongCharge || trip.student || trip.lateDays > 0 || trip.breakDelta != 0
					|| population.kind(card) == Kind.LOST) {
				marks.keyTxn = fare;
			}
		}
		seqs[card] = seq;
		balances[card] = balance;
		if (marks.forceTopUp && marks.malformedVariant < 0) {
			// UNPAID_RECHARGE, AMOUNT_MISMATCH, REFUNDED_BUT_LOADED point at the top-up.
			marks.keyTxn = txns.get(0);
		}
		return txns;
	}

	private static Txn tap(int seq, LocalDate date, int second, Line line, int station, SplittableRandom random) {
		Txn txn = new Txn();
		txn.seq = seq;
		txn.date = date;
		txn.second = second;
		txn.line = line;
		txn.station = station;
		txn.gate = 1 + random.nextInt(12);
		return txn;
	}

	/**
	 * A charge that is not the rule's: the discount not applied, or 10 fen off. Never
	 * above the full fare (that would break the row's format).
	 */
	private static int wrongCharge(int expected, int full, SplittableRandom random) {
		if (expected != full && random.nextBoolean()) {
			return full;
		}
		return (expected >= 10) ? expected - 10 : expected + 1;
	}

	private void writeTap(int card, String cardNo, Txn txn, ExceptionCategory planted, SplittableRandom random)
			throws IOException {
		String operator = txn.line.operator();
		String txnId = this.files.nextId(operator);
		String row = tapRow(txnId, cardNo, txn, 0);
		if (txn.dropped) {
			// SEQ_GAP: the row is missing today; half the time it arrives in the next
			// day's file of the same operator, which resolves the gap.
			if (txn.fill) {
				this.nextDay.add(new Pending(true, operator, row, txn.charged, card));
			}
			return;
		}
		ControlledCsvFile file = this.files.taps(operator);
		file.row(row, txn.charged);
		if (planted == ExceptionCategory.DUPLICATE) {
			ControlledCsvFile copyFile = file;
			if (random.nextBoolean()) {
				List<String> others = new ArrayList<>(Network.OPERATORS);
				others.remove(operator);
				copyFile = this.files.taps(others.get(random.nextInt(others.size())));
			}
			copyFile.row(row, txn.charged);
			this.run.key().add(planted, cardNo, txn.seq);
		}
		else if (planted == ExceptionCategory.SEQ_CONFLICT) {
			// The same seq read again by the gate as another transaction a few seconds
			// later: a later line of the same file, so it is second in processing order.
			file.row(tapRow(this.files.nextId(operator), cardNo, txn, 2 + random.nextInt(4)), txn.charged);
			this.run.key().add(planted, cardNo, txn.seq);
		}
		else if (planted == ExceptionCategory.MALFORMED_RECORD) {
			String truncated = cardNo.substring(0, cardNo.length() - 1);
			file.row(tapRow(txnId, truncated, txn, 0), txn.charged);
			this.run.key().add(planted, truncated, txn.seq);
		}
	}

	private static String tapRow(String txnId, String cardNo, Txn txn, int shift) {
		StringBuilder row = new StringBuilder(160);
		row.append(txnId)
			.append(',')
			.append(cardNo)
			.append(',')
			.append(txn.seq)
			.append(',')
			.append(Stamps.instant(txn.date, txn.second + shift))
			.append(',')
			.append(txn.line.mode().name())
			.append(',')
			.append(txn.line.name())
			.append(',')
			.append(txn.line.stations()[txn.station])
			.append(',')
			.append(txn.line.device(txn.station, txn.gate))
			.append(',')
			.append(txn.type.name())
			.append(',')
			.append(txn.full)
			.append(',')
			.append(txn.charged)
			.append(',')
			.append(txn.discount.name())
			.append(',')
			.append(txn.balanceAfter);
		return row.toString();
	}

	private void writeTopUp(int card, String cardNo, Txn txn, ExceptionCategory planted, Marks marks,
			SplittableRandom random) throws IOException {
		String paymentRef = (txn.psp != null) ? this.files.nextId(txn.psp) : "";
		ControlledCsvFile file = this.files.recharges(txn.channel);
		file.row(rechargeRow(this.files.nextId(txn.channel), cardNo, txn, paymentRef), txn.amount);
		if (planted == ExceptionCategory.MALFORMED_RECORD && marks.malformedVariant == 1) {
			// A garbled second copy: the card number lost its last digit.
			String truncated = cardNo.substring(0, cardNo.length() - 1);
			file.row(rechargeRow(this.files.nextId(txn.channel), truncated, txn, paymentRef), txn.amount);
			this.run.key().add(planted, truncated, txn.seq);
		}
		if (txn.psp == null) {
			return;
		}
		int paidSecond = txn.second - 5 - random.nextInt(35);
		int paid = txn.amount;
		if (planted == ExceptionCategory.AMOUNT_MISMATCH) {
			paid = random.nextBoolean() ? txn.amount - 1000 : txn.amount + 1000;
		}
		String payment = paymentRow(paymentRef, "PAYMENT", Stamps.instant(this.date, paidSecond), paid,
				fee(txn.psp, paid), "");
		if (planted == ExceptionCategory.UNPAID_RECHARGE) {
			// The PSP's statement lacks the payment: never, or (half the time, when there
			// is a next day) on the next day's statement, which resolves the exception.
			if (marks.fillNextDay) {
				this.nextDay.add(new Pending(false, txn.psp, payment, paid, card));
			}
			return;
		}
		ControlledCsvFile payments = this.files.payments(txn.psp);
		payments.row(payment, paid);
		if (planted == ExceptionCategory.REFUNDED_BUT_LOADED) {
			int refundSecond = Math.min(Stamps.SECONDS_PER_DAY - 1, txn.second + 600 + random.nextInt(3000));
			payments.row(paymentRow(this.files.nextId(txn.psp), "REFUND", Stamps.instant(this.date, refundSecond), paid,
					0, paymentRef), paid);
		}
		else if (planted == ExceptionCategory.MALFORMED_RECORD && marks.malformedVariant == 2) {
			String garbled = this.date.toString().replace('-', '/') + " "
					+ Stamps.instant(this.date, paidSecond).substring(11, 19);
			payments.row(paymentRow(paymentRef, "PAYMENT", garbled, paid, fee(txn.psp, paid), ""), paid);
			this.run.key().add(planted, "", "");
		}
	}

	private static String rechargeRow(String rechargeId, String cardNo, Txn txn, String paymentRef) {
		return rechargeId + "," + cardNo + "," + txn.seq + "," + Stamps.instant(txn.date, txn.second) + "," + txn.amount
				+ "," + txn.balanceAfter + "," + paymentRef;
	}

	private static String paymentRow(String ref, String type, String paidAt, int amount, long fee, String originalRef) {
		return ref + "," + type + "," + paidAt + "," + amount + "," + fee + "," + originalRef;
	}

	private static long fee(String psp, int amount) {
		return DayFiles.CMPAY.equals(psp) ? 0 : Money.basisPointsHalfUp(amount, PSP_FEE_BP);
	}

	/**
	 * UNKNOWN_CARD: a well-formed tap of a card number that was never issued.
	 */
	private void writeUnknownCard(SplittableRandom random) throws IOException {
		String cardNo = "3109" + Rng.pad(this.run.nextUnknownCard(), 15);
		Trip trip = new Trip();
		route(trip, (random.nextBoolean()) ? TravelMode.METRO : TravelMode.BUS, random);
		Txn txn = tap(1 + random.nextInt(400), this.date, 7 * 3600 + random.nextInt(15 * 3600),
				(trip.mode == TravelMode.METRO) ? trip.exitLine : trip.line,
				(trip.mode == TravelMode.METRO) ? trip.exitStation : trip.station, random);
		txn.type = (trip.mode == TravelMode.METRO) ? TapType.EXIT : TapType.SINGLE;
		txn.discount = Discount.STUDENT;
		txn.full = trip.full;
		txn.charged = this.run.fares().charge(trip.mode, Discount.STUDENT, trip.full);
		txn.balanceAfter = random.nextInt(5000);
		String operator = txn.line.operator();
		this.files.taps(operator).row(tapRow(this.files.nextId(operator), cardNo, txn, 0), txn.charged);
		this.run.key().add(ExceptionCategory.UNKNOWN_CARD, cardNo, txn.seq);
	}

	/**
	 * UNLOADED_PAYMENT: a payment for a top-up that never reached the card.
	 */
	private void writeUnloadedPayment(SplittableRandom random) throws IOException {
		String psp = DayFiles.PSPS.get(random.nextInt(DayFiles.PSPS.size()));
		int amount = TOP_UPS[random.nextInt(TOP_UPS.length)];
		this.files.payments(psp)
			.row(paymentRow(this.files.nextId(psp), "PAYMENT",
					Stamps.instant(this.date, 7 * 3600 + random.nextInt(15 * 3600)), amount, fee(psp, amount), ""),
					amount);
		this.run.key().add(ExceptionCategory.UNLOADED_PAYMENT, "", "");
	}

	/**
	 * A row held back for the next day's file of a partner.
	 *
	 * @param tap whether it goes to a tap file (else a payment file)
	 * @param partner the operator or PSP
	 * @param row the row
	 * @param controlFen what it adds to the control sum
	 * @param card the card it belongs to (it carries no other anomaly that day)
	 */
	record Pending(boolean tap, String partner, String row, long controlFen, int card) {
	}

	/** One journey: a metro ENTRY and EXIT, or a bus SINGLE. */
	private static final class Trip {

		TravelMode mode;

		int start;

		Line line;

		int station;

		Line exitLine;

		int exitStation;

		int ride;

		int full;

		boolean noExit;

		boolean drop;

		boolean wrongCharge;

		boolean student;

		int breakDelta;

		int lateDays;

	}

	/** One transaction: a tap, or a top-up when {@code type} is null. */
	private static final class Txn {

		TapType type;

		int seq;

		LocalDate date;

		int second;

		int balanceAfter;

		Line line;

		int station;

		int gate;

		int full;

		int charged;

		Discount discount;

		String channel;

		String psp;

		int amount;

		boolean dropped;

		boolean fill;

	}

	/** How the day carries its planted anomaly. */
	private static final class Marks {

		boolean forceTopUp;

		boolean forceApp;

		boolean noTopUpFirst;

		boolean fillNextDay;

		int malformedVariant = -1;

		Txn keyTxn;

		int keySeqOffset;

	}

}
