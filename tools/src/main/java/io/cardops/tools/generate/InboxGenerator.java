package io.cardops.tools.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;
import io.cardops.tools.generate.CardDay.Pending;

/**
 * {@code cardops generate}: writes a synthetic, realistic inbox of any size with planted
 * anomalies, and {@code answer_key.csv} listing every exception reconciliation must raise
 * on it, no more and no fewer. Everything is streamed: rows go to disk as they are made
 * and per card only its last seq and balance are kept, so 2,000,000 taps need well under
 * 100 MB of heap. The same request (seed included) gives byte-identical output.
 *
 * <h2>Layout of {@code --out DIR}</h2>
 * <ul>
 * <li>{@code reference/partners.csv}, {@code reference/fare_rules.csv}: copies of the
 * sample reference data; the generated fares follow the copied fare rules.</li>
 * <li>{@code inbox/roster_UCAS_<D0>.csv} (D0 = the day before the first clearing date
 * D1): every card holder (ENROLLED, not salaried, graduating after the run) plus about 2%
 * students without a card, some not eligible (SUSPENDED, salaried, GRADUATED). All rows
 * are valid; no control file (rosters have none).</li>
 * <li>{@code inbox/cardevents_BMAC_APP_<D0>_01.csv} (+ {@code .ctl}): one ISSUE per card,
 * one card per student, then a REPORT_LOST at 22:00 on D0 for each LOST card.</li>
 * <li>For each clearing date D1..Dn: {@code taps_<BJSUBWAY|BJMTR|BJBUS>_<D>_01.csv},
 * {@code recharges_<BMAC_APP|HEBAO|COUNTER>_<D>_01.csv},
 * {@code payments_<ALIPAY|WECHAT|CMPAY>_<D>_01.csv}, each with its {@code .ctl}
 * ({@code records}, {@code sum_fen} = Σ charged_fen | amount_fen | amount_fen of PAYMENT
 * and REFUND rows, malformed rows included, {@code sha256}). Files are written even when
 * empty (header only).</li>
 * <li>{@code answer_key.csv}: {@code clearing_date,category,card_no,card_seq}, sorted by
 * clearing date, category, card_no, then card_seq as a number (empty cells first). One
 * row per exception; two UNLOADED_PAYMENTs of one day are two identical rows.</li>
 * </ul>
 * Files are UTF-8 without BOM, LF line ends, no quoting (no value holds a comma). Rows of
 * a file are in card order, not time order.
 *
 * <h2>Cards</h2> Card {@code i} is {@code 3106} + 15 digits ({@code i + 1}), held by
 * student {@code <enrol year>E<i, 8 digits>}. By index: VETERAN cards (about 2%, issued
 * 30 days before D1 at an earlier {@code occurred_at} in the D0 file), REGULAR cards
 * (issued on D0, valid until the next September 30 by the ISSUE rule), EXPIRED cards
 * (about 0.5%, issued about 100 days before the last September 30 before D1, so their
 * {@code valid_until} is that September 30, before D1) and LOST cards (issued and
 * reported lost on D0). Pool sizes grow to what the plan needs, capped at an eighth of
 * the cards each.
 *
 * <h2>A clean day</h2> Each card (LOST cards excepted) travels on 95% of days: 2 to 6
 * journeys between 06:00 and 23:00, 80% metro (an ENTRY, then an EXIT of the same mode 10
 * to 60 minutes later, possibly on another operator's line, so a card's taps of a day are
 * spread over operators' files) and 20% bus (one SINGLE). Full metro fares are 300 to 900
 * fen in steps of 100, the bus fare is 200; the charge is full × rate_bp / 10000 half-up
 * for the tap's mode and discount: STUDENT while the tap's date is on or before the
 * card's {@code valid_until}, STANDARD after (so EXPIRED cards always tap STANDARD).
 * ENTRY rows have full and charged 0. Before a journey the holder tops up when the
 * balance is below a personal threshold (at least the highest {@code min_balance_fen},
 * 200), and 3% of the time anyway, 20 to 100 yuan: BMAC_APP (paid through ALIPAY or
 * WECHAT), HEBAO (paid through CMPAY) or COUNTER (cash, empty payment_ref). Every app
 * top-up has one PAYMENT row with the same payment_ref and amount, fee 10 bp (0 for
 * CMPAY), a few seconds earlier. Every transaction advances the card's seq by one from 0
 * at issue, with {@code balance_after_fen} consistent from balance 0; the first
 * transaction of every card is therefore a top-up, and no clean ENTRY or SINGLE starts
 * below its minimum (an EXIT may overdraw: that is allowed). All clean taps are dated on
 * their file's clearing date. With {@code --anomaly-rate 0} reconciliation raises
 * nothing: the key is only its header. Volumes per card and day: about 6.8 taps and 0.6
 * top-ups on average (1 on the first day, when every card starts empty), 2 to 12 taps per
 * active card; 200,000 cards × 1 day ≈ 1.37 million taps.
 *
 * <h2>Anomalies</h2> Each day, rate × cards anomalies (the fractional part decided by a
 * seeded coin), each on its own carrier card, categories dealt in a fixed cycle over all
 * 16 categories from a seeded start, so every run with 16 or more anomalies has every
 * category. No card carries two anomalies on one day, and a card whose held-back row
 * arrives on a day carries none that day. Each recipe yields exactly the listed
 * exception, raised on the day it is planted (the key's {@code clearing_date}):
 * <ul>
 * <li><b>DUPLICATE</b>: an identical copy of one of the carrier's tap rows (txn_id
 * included), half the time on the next line of the same file, half the time in another
 * operator's tap file of the day. Key: the tap's card and seq (whichever copy is second
 * in processing order is the duplicate; the key is the same).</li>
 * <li><b>SEQ_CONFLICT</b>: right after one of the carrier's tap rows, on the next line of
 * the same file, a row with the same card_no and card_seq but another txn_id and a
 * tapped_at 2 to 5 seconds later (second in processing order). Key: that seq.</li>
 * <li><b>UNKNOWN_CARD</b>: a well-formed EXIT or SINGLE of a never-issued card
 * ({@code 3109…}), with a made-up seq. Key: that card_no and seq.</li>
 * <li><b>SEQ_GAP</b>: one of the carrier's journeys that is not its last of the day is
 * made a bus SINGLE and its row is left out (its seq and fare still count, so the
 * balances stay consistent and there is no BALANCE_BREAK; it follows no ENTRY and is no
 * ENTRY, so no INCOMPLETE_TRIP). Key: the seq after it, the record that reveals the gap.
 * On every day but the last, half of these rows arrive in the next day's BJBUS file
 * (tapped_at unchanged, one day old: not late), which RESOLVES the gap then; the key
 * lists it once, on the day it was raised.</li>
 * <li><b>BALANCE_BREAK</b>: a metro EXIT whose balance_after is off by ±10 to ±500 fen;
 * the card carries the reported balance on (later transactions are consistent with it),
 * so only that EXIT breaks. An EXIT is never checked for minimum balance, and later
 * journeys top up as needed. Key: the EXIT's seq.</li>
 * <li><b>EXPIRED_DISCOUNT</b> (EXPIRED card): one journey is tapped STUDENT and charged
 * by the STUDENT rule (its ENTRY too, which raises nothing since it charges no fare).
 * Key: the EXIT or SINGLE.</li>
 * <li><b>LOST_CARD_TAP</b> (LOST card): on its carrier days the card makes one bus
 * journey, after a top-up when its balance needs one (top-ups are not taps). Key: the
 * SINGLE. LOST cards do nothing else, ever.</li>
 * <li><b>FARE_MISMATCH</b>: one EXIT or SINGLE charged the full fare instead of the
 * discounted one, or 10 fen less than the rule (never more than the full fare); the
 * balance follows the wrong charge. Key: that tap.</li>
 * <li><b>BELOW_MIN_BALANCE</b>: a card whose balance at the start of the day is below a
 * mode's minimum (every card on its first day; later, cards left low by an overdrawn
 * EXIT) makes its first journey of the day, in that mode, without the top-up it needs;
 * the journey's EXIT may overdraw further, then the card tops up before its next journey.
 * Key: the first ENTRY or SINGLE. When no card is low, the anomaly becomes the next
 * category of the cycle.</li>
 * <li><b>INCOMPLETE_TRIP</b>: a metro journey that is not the day's last loses its EXIT
 * (never tapped: no seq, no charge); the next seq is a top-up, an ENTRY or a SINGLE. Key:
 * the ENTRY's seq.</li>
 * <li><b>UNPAID_RECHARGE</b>: the carrier tops up in an app before its first journey and
 * the PAYMENT row is missing. On every day but the last, half the time it arrives in the
 * next day's statement of the same PSP (paid_at unchanged), which RESOLVES the exception
 * then. Key: the top-up's seq, once, on the day it was raised.</li>
 * <li><b>UNLOADED_PAYMENT</b>: a PAYMENT row with a fresh payment_ref and no top-up and
 * no refund. Key: empty card_no and card_seq.</li>
 * <li><b>AMOUNT_MISMATCH</b>: an app top-up whose PAYMENT says 1000 fen more or less.
 * Key: the top-up.</li>
 * <li><b>REFUNDED_BUT_LOADED</b>: an app top-up whose PAYMENT is followed in the same
 * statement by a REFUND (own payment_ref, same amount, fee 0, original_ref = the
 * payment). Key: the top-up.</li>
 * <li><b>LATE_RECORD</b> (VETERAN card): one journey is a bus SINGLE whose tapped_at is 8
 * to 10 days before the file's clearing date (after the card's issue, within its
 * validity, so STUDENT is right); seq and balance stay in sequence (its timestamp is out
 * of order, which no rule judges). Key: the SINGLE.</li>
 * <li><b>MALFORMED_RECORD</b>: a garbled second copy of one of the carrier's rows, the
 * original staying in place (so there is no gap): a tap or a top-up whose card_no lost
 * its last digit (18 digits; key: that 18-digit card_no and the seq as written), or a
 * PAYMENT whose paid_at is {@code YYYY/MM/DD HH:MM:SS} (key: empty card fields, a payment
 * row has none).</li>
 * </ul>
 *
 * <h2>Choices where the spec or the brief is open</h2>
 * <ul>
 * <li>INCOMPLETE_TRIP is keyed on the ENTRY's seq (the table describes the ENTRY), not on
 * the successor that reveals it.</li>
 * <li>MALFORMED_RECORD keys show the card fields as written, even when invalid.</li>
 * <li>Gaps and unpaid top-ups that a later file resolves are listed once, with the date
 * they were raised; RESOLVED re-listings are not key rows.</li>
 * <li>VETERAN and EXPIRED cards are issued in the D0 file with an earlier
 * {@code occurred_at} (the card-events job takes events dated before their file's date),
 * so that a late tap never predates its card and an expired card exists.</li>
 * <li>DUPLICATE, SEQ_CONFLICT and UNKNOWN_CARD are planted on taps only: a copied top-up
 * would bring a second claim on its payment.</li>
 * <li>A LOST card's top-up after its loss raises nothing: LOST_CARD_TAP concerns
 * taps.</li>
 * </ul>
 */
public final class InboxGenerator {

	/** The first clearing date when none is given. */
	public static final LocalDate DEFAULT_START = LocalDate.of(2026, 10, 12);

	/** The anomaly rate when none is given. */
	public static final BigDecimal DEFAULT_ANOMALY_RATE = new BigDecimal("0.01");

	/** The seed when none is given. */
	public static final long DEFAULT_SEED = 1;

	/** The answer key's file name. */
	public static final String ANSWER_KEY = "answer_key.csv";

	private static final Set<ExceptionCategory> POOLED = EnumSet.of(ExceptionCategory.LOST_CARD_TAP,
			ExceptionCategory.EXPIRED_DISCOUNT, ExceptionCategory.LATE_RECORD, ExceptionCategory.BELOW_MIN_BALANCE);

	private final GenerationRequest request;

	private final FareTable fares;

	private final AnomalyPlan plan;

	private final Population population;

	private final int[] seqs;

	private final int[] balances;

	private final byte[] planted;

	private final List<Integer> carriers = new ArrayList<>();

	private final GenerationProgress progress;

	private AnswerKey key;

	private long unknownCards;

	private InboxGenerator(GenerationRequest request, GenerationProgress progress) {
		this.request = request;
		this.progress = progress;
		this.fares = FareTable.read(request.referenceDir().resolve("fare_rules.csv"));
		int cards = request.cards();
		this.plan = new AnomalyPlan(request.anomalyRate(), cards, request.days(), request.seed());
		int pool = cards / 8;
		int lost = Math.min(pool, Math.max(this.plan.mostInOneDay(ExceptionCategory.LOST_CARD_TAP), ceil(cards, 1000)));
		int expired = Math.min(pool,
				Math.max(this.plan.mostInOneDay(ExceptionCategory.EXPIRED_DISCOUNT), ceil(cards, 200)));
		int veterans = Math.min(pool, Math.max(this.plan.mostInOneDay(ExceptionCategory.LATE_RECORD), ceil(cards, 50)));
		this.population = new Population(request.seed(), cards, veterans, expired, lost, request.firstClearingDate(),
				this.fares.highestMinimum());
		this.seqs = new int[cards];
		this.balances = new int[cards];
		this.planted = new byte[cards];
	}

	/**
	 * Writes the inbox, the reference data and the answer key.
	 * @param request what to generate
	 * @return what was written
	 * @throws IOException when a file cannot be written or the reference data read
	 */
	public static GenerationResult generate(GenerationRequest request) throws IOException {
		return generate(request, new GenerationProgress());
	}

	/**
	 * Writes the inbox, the reference data and the answer key, telling how far it got.
	 * @param request what to generate
	 * @param progress told of each day and each card written
	 * @return what was written
	 * @throws IOException when a file cannot be written or the reference data read
	 */
	public static GenerationResult generate(GenerationRequest request, GenerationProgress progress) throws IOException {
		return new InboxGenerator(request, progress).run();
	}

	private GenerationResult run() throws IOException {
		Path out = this.request.out();
		Path reference = out.resolve("reference");
		Path inbox = out.resolve("inbox");
		Files.createDirectories(reference);
		Files.createDirectories(inbox);
		for (String name : List.of("partners.csv", "fare_rules.csv")) {
			Files.copy(this.request.referenceDir().resolve(name), reference.resolve(name),
					StandardCopyOption.REPLACE_EXISTING);
		}
		LocalDate d0 = this.population.d0();
		String day0 = Stamps.compact(d0);
		this.population.writeRoster(inbox.resolve("roster_" + Population.INSTITUTION + "_" + day0 + ".csv"));
		this.population
			.writeCardEvents(inbox.resolve("cardevents_" + Population.ISSUING_CHANNEL + "_" + day0 + "_01.csv"));
		long taps = 0;
		long recharges = 0;
		long payments = 0;
		Path answerKey = out.resolve(ANSWER_KEY);
		List<Pending> pending = new ArrayList<>();
		try (AnswerKey key = new AnswerKey(answerKey)) {
			this.key = key;
			for (int day = 0; day < this.request.days(); day++) {
				LocalDate date = this.request.firstClearingDate().plusDays(day);
				Set<Integer> busy = new HashSet<>();
				pending.forEach((row) -> busy.add(row.card()));
				assign(day, date, busy);
				List<Pending> next = new ArrayList<>();
				try (DayFiles files = new DayFiles(inbox, date)) {
					for (Pending row : pending) {
						if (row.tap()) {
							files.taps(row.partner()).row(row.row(), row.controlFen());
						}
						else {
							files.payments(row.partner()).row(row.row(), row.controlFen());
						}
					}
					CardDay cardDay = new CardDay(this, files, date, day, day == this.request.days() - 1, next);
					this.progress.startDay(date);
					for (int card = 0; card < this.population.cards(); card++) {
						cardDay.write(card,
								(this.planted[card] == 0) ? null : AnomalyPlan.CYCLE[this.planted[card] - 1]);
						this.progress.cardWritten();
					}
					taps += files.tapRows();
					recharges += files.rechargeRows();
					payments += files.paymentRows();
				}
				key.endDay(date);
				pending = next;
			}
			Map<ExceptionCategory, Long> byCategory = new EnumMap<>(ExceptionCategory.class);
			byCategory.putAll(key.counts());
			return new GenerationResult(inbox, answerKey, d0, this.request.firstClearingDate(),
					this.request.firstClearingDate().plusDays(this.request.days() - 1L), this.population.cards(), taps,
					recharges, payments, key.rows(), byCategory);
		}
	}

	/**
	 * Chooses the day's carriers: one card per planted anomaly, never two on one card,
	 * never a card whose held-back row arrives today. Categories that need a particular
	 * kind of card take it from its pool first; when none is left, the anomaly becomes
	 * the next category of the cycle that any card can carry.
	 */
	private void assign(int day, LocalDate date, Set<Integer> busy) {
		for (int card : this.carriers) {
			this.planted[card] = 0;
		}
		this.carriers.clear();
		SplittableRandom random = Rng.of(this.request.seed(), 21, day);
		List<ExceptionCategory> categories = new ArrayList<>();
		for (int i = 0; i < this.plan.count(day); i++) {
			categories.add(this.plan.category(day, i));
		}
		// Pooled categories first, so ordinary ones do not take their cards.
		categories.sort((a, b) -> Boolean.compare(!POOLED.contains(a), !POOLED.contains(b)));
		boolean lowBalanceLeft = true;
		for (ExceptionCategory category : categories) {
			int card = switch (category) {
				case LOST_CARD_TAP ->
					pick(random, this.population.lostStart(), this.population.cards(), busy, false, date);
				case EXPIRED_DISCOUNT ->
					pick(random, this.population.expiredStart(), this.population.expiredEnd(), busy, false, date);
				case LATE_RECORD -> pick(random, 0, this.population.veteranEnd(), busy, false, date);
				case BELOW_MIN_BALANCE ->
					lowBalanceLeft ? pick(random, 0, this.population.regularEnd(), busy, true, date) : -1;
				default -> pick(random, 0, this.population.regularEnd(), busy, false, date);
			};
			ExceptionCategory chosen = category;
			if (card < 0 && category == ExceptionCategory.BELOW_MIN_BALANCE) {
				lowBalanceLeft = false;
			}
			if (card < 0 && POOLED.contains(category)) {
				chosen = substitute(category);
				card = pick(random, 0, this.population.regularEnd(), busy, false, date);
			}
			if (card >= 0) {
				this.planted[card] = (byte) (chosen.ordinal() + 1);
				this.carriers.add(card);
			}
		}
	}

	private static ExceptionCategory substitute(ExceptionCategory category) {
		for (int step = 1; step < AnomalyPlan.CYCLE.length; step++) {
			ExceptionCategory next = AnomalyPlan.CYCLE[(category.ordinal() + step) % AnomalyPlan.CYCLE.length];
			if (!POOLED.contains(next)) {
				return next;
			}
		}
		throw new IllegalStateException("every category is pooled");
	}

	private int pick(SplittableRandom random, int from, int to, Set<Integer> busy, boolean lowBalance, LocalDate date) {
		int size = to - from;
		if (size <= 0) {
			return -1;
		}
		int start = random.nextInt(size);
		for (int step = 0; step < size; step++) {
			int card = from + (start + step) % size;
			if (this.planted[card] == 0 && !busy.contains(card) && (!lowBalance || belowSomeMinimum(card, date))) {
				return card;
			}
		}
		return -1;
	}

	/**
	 * Whether the card's balance at the start of the day is below the minimum of at least
	 * one mode, so a journey of that mode without a top-up starts below it.
	 */
	private boolean belowSomeMinimum(int card, LocalDate date) {
		Discount discount = this.population.discountOn(card, date);
		return this.balances[card] < Math.max(this.fares.minimum(TravelMode.METRO, discount),
				this.fares.minimum(TravelMode.BUS, discount));
	}

	private static int ceil(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

	long seed() {
		return this.request.seed();
	}

	Population population() {
		return this.population;
	}

	FareTable fares() {
		return this.fares;
	}

	int[] seqs() {
		return this.seqs;
	}

	int[] balances() {
		return this.balances;
	}

	AnswerKey key() {
		return this.key;
	}

	long nextUnknownCard() {
		return ++this.unknownCards;
	}

}
