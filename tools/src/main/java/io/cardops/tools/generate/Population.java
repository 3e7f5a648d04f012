package io.cardops.tools.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.reference.Discount;

/**
 * The cards of a generated inbox, their holders and how they were issued, laid out by
 * index so nothing per card needs to be stored: {@code [0, veterans)} are VETERAN cards
 * (issued 30 days before the first clearing date, otherwise ordinary), then REGULAR cards
 * (issued on D0), then EXPIRED cards (issued months earlier, valid until a September 30
 * before the first clearing date), then LOST cards (issued and reported lost on D0).
 * Every holder is eligible in the roster (ENROLLED, not salaried, studying past the run)
 * and holds exactly one card; the roster also lists some students without a card.
 */
final class Population {

	static final String INSTITUTION = "UCAS";

	static final String ISSUING_CHANNEL = "BMAC_APP";

	static final String ROSTER_HEADER = "student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation";

	static final String CARD_EVENT_HEADER = "event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen";

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董",
			"袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "司马", "诸葛", "欧阳" };

	private static final String[] GIVEN = { "子轩", "浩宇", "欣怡", "梓涵", "雨桐", "思远", "嘉怡", "俊杰", "一诺", "明哲", "晓彤", "天佑",
			"若曦", "文博", "佳琪", "宇航", "雅婷", "志强", "静怡", "博文", "昊", "婷", "磊", "洁", "鑫", "颖", "超", "倩", "𠮷祥", "彧" };

	private static final String[] AREAS = { "110108", "110105", "110102", "130102", "370102", "410105", "420106",
			"510107" };

	private static final String[] LEVELS = { "UNDERGRADUATE", "UNDERGRADUATE", "UNDERGRADUATE", "MASTER", "MASTER",
			"DOCTORAL" };

	private static final int[] LEVEL_YEARS = { 4, 4, 4, 3, 3, 5 };

	private static final String[] DEVICES = { "IOS", "IOS", "ANDROID", "ANDROID", "ANDROID", "HARMONY", "SIM" };

	private static final int[] THRESHOLDS = { 0, 300, 500, 1000 };

	private final long seed;

	private final int cards;

	private final int veteranEnd;

	private final int regularEnd;

	private final int expiredEnd;

	private final LocalDate d0;

	private final LocalDate veteranIssueDate;

	private final LocalDate expiredIssueDate;

	private final LocalDate issuedValidUntil;

	private final LocalDate veteranValidUntil;

	private final LocalDate expiredValidUntil;

	private final long minimumThreshold;

	Population(long seed, int cards, int veterans, int expired, int lost, LocalDate firstClearingDate,
			long minimumThreshold) {
		this.seed = seed;
		this.cards = cards;
		this.veteranEnd = veterans;
		this.regularEnd = cards - expired - lost;
		this.expiredEnd = cards - lost;
		this.d0 = firstClearingDate.minusDays(1);
		this.veteranIssueDate = firstClearingDate.minusDays(30);
		// The last September 30 before the first clearing date; a card issued about 100
		// days before it (before July 30) is valid until exactly that day.
		LocalDate lastEnd = LocalDate.of(firstClearingDate.getYear(), Month.SEPTEMBER, 30);
		if (!lastEnd.isBefore(firstClearingDate)) {
			lastEnd = lastEnd.minusYears(1);
		}
		this.expiredIssueDate = lastEnd.minusDays(100);
		this.issuedValidUntil = AcademicCalendar.validUntilForIssue(this.d0);
		this.veteranValidUntil = AcademicCalendar.validUntilForIssue(this.veteranIssueDate);
		this.expiredValidUntil = AcademicCalendar.validUntilForIssue(this.expiredIssueDate);
		if (!this.expiredValidUntil.isBefore(firstClearingDate)) {
			throw new IllegalStateException("expired cards would still be valid on " + firstClearingDate);
		}
		this.minimumThreshold = minimumThreshold;
	}

	enum Kind {

		/** Issued 30 days before the first clearing date; carries LATE_RECORD. */
		VETERAN,
		/** Issued on D0. */
		REGULAR,
		/** Valid until a September 30 before the first clearing date; taps STANDARD. */
		EXPIRED,
		/** Reported lost on D0; taps only to carry LOST_CARD_TAP. */
		LOST

	}

	int cards() {
		return this.cards;
	}

	/** Cards {@code [0, regularEnd())} are usable for any ordinary anomaly. */
	int regularEnd() {
		return this.regularEnd;
	}

	int veteranEnd() {
		return this.veteranEnd;
	}

	int expiredStart() {
		return this.regularEnd;
	}

	int expiredEnd() {
		return this.expiredEnd;
	}

	int lostStart() {
		return this.expiredEnd;
	}

	Kind kind(int card) {
		if (card < this.veteranEnd) {
			return Kind.VETERAN;
		}
		if (card < this.regularEnd) {
			return Kind.REGULAR;
		}
		return (card < this.expiredEnd) ? Kind.EXPIRED : Kind.LOST;
	}

	static String cardNo(int card) {
		return "3106" + Rng.pad(card + 1L, 15);
	}

	String studentNo(int student) {
		return enrolYear(student) + "E" + Rng.pad(student, 8);
	}

	LocalDate validUntil(int card) {
		return switch (kind(card)) {
			case VETERAN -> this.veteranValidUntil;
			case EXPIRED -> this.expiredValidUntil;
			default -> this.issuedValidUntil;
		};
	}

	LocalDate expiredValidUntil() {
		return this.expiredValidUntil;
	}

	LocalDate veteranIssueDate() {
		return this.veteranIssueDate;
	}

	/**
	 * The discount a gate gives the card on a date: STUDENT while it is valid, STANDARD
	 * after (an expired student card pays without the student discount).
	 */
	Discount discountOn(int card, LocalDate date) {
		return date.isAfter(validUntil(card)) ? Discount.STANDARD : Discount.STUDENT;
	}

	/**
	 * The balance below which the holder tops up before a journey: never below the
	 * highest minimum balance, so a clean card never starts a journey below its minimum.
	 */
	long threshold(int card) {
		return Math.max(this.minimumThreshold,
				THRESHOLDS[(int) Math.floorMod(Rng.mix(this.seed ^ (card * 31L + 7)), THRESHOLDS.length)]);
	}

	private String device(int card) {
		return DEVICES[(int) Math.floorMod(Rng.mix(this.seed + card * 131L), DEVICES.length)];
	}

	private int enrolYear(int student) {
		int base = (this.d0.getMonthValue() >= 9) ? this.d0.getYear() : this.d0.getYear() - 1;
		SplittableRandom random = Rng.of(this.seed, 11, student);
		int level = random.nextInt(LEVELS.length);
		return base - random.nextInt(LEVEL_YEARS[level]);
	}

	/**
	 * Writes {@code roster_UCAS_<D0>.csv}: every card holder, eligible, then about 2%
	 * more students without a card (some not eligible: suspended, salaried, graduated).
	 * @return the number of data rows
	 */
	int writeRoster(Path file) throws IOException {
		int extra = Math.max(3, this.cards / 50);
		int academicBase = (this.d0.getMonthValue() >= 9) ? this.d0.getYear() : this.d0.getYear() - 1;
		try (ControlledCsvFile roster = new ControlledCsvFile(file, ROSTER_HEADER, false)) {
			StringBuilder row = new StringBuilder(160);
			for (int student = 0; student < this.cards + extra; student++) {
				SplittableRandom random = Rng.of(this.seed, 11, student);
				int level = random.nextInt(LEVELS.length);
				int enrolYear = academicBase - random.nextInt(LEVEL_YEARS[level]);
				int graduationYear = Math.max(enrolYear + LEVEL_YEARS[level], this.d0.getYear() + 1);
				String status = "ENROLLED";
				String salaried = "N";
				if (student >= this.cards) {
					switch ((student - this.cards) % 6) {
						case 1 -> status = "SUSPENDED";
						case 3 -> salaried = "Y";
						case 5 -> {
							status = "GRADUATED";
							enrolYear = academicBase - LEVEL_YEARS[level];
							graduationYear = academicBase;
						}
						default -> {
						}
					}
				}
				String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
				row.setLength(0);
				row.append(studentNo(student)).append(',').append(name).append(',');
				if (random.nextInt(100) == 0) {
					row.append("PASSPORT,E").append(Rng.pad(student, 8));
				}
				else {
					LocalDate birth = LocalDate.of(this.d0.getYear() - 25, 1, 1).plusDays((student / 1000) % 2920);
					String digits = AREAS[(student / 2_920_000) % AREAS.length]
							+ birth.format(DateTimeFormatter.BASIC_ISO_DATE) + Rng.pad(student % 1000, 3);
					row.append(',').append(digits).append(IdNumbers.residentIdCheckCharacter(digits));
				}
				row.append(',')
					.append(LEVELS[level])
					.append(',')
					.append(salaried)
					.append(',')
					.append(status)
					.append(',')
					.append(enrolYear)
					.append("-09-01,")
					.append(graduationYear)
					.append("-06-30");
				roster.row(row, 0);
			}
			return (int) roster.records();
		}
	}

	/**
	 * Writes {@code cardevents_BMAC_APP_<D0>_01.csv} and its control file: an ISSUE for
	 * every card (VETERAN and EXPIRED cards with their earlier issue instant), then a
	 * REPORT_LOST at 22:00 on D0 for every LOST card.
	 * @return the number of events
	 */
	int writeCardEvents(Path file) throws IOException {
		String prefix = "G" + Stamps.compact(this.d0) + "-";
		try (ControlledCsvFile events = new ControlledCsvFile(file, CARD_EVENT_HEADER, true)) {
			StringBuilder row = new StringBuilder(128);
			for (int card = 0; card < this.cards; card++) {
				LocalDate date = switch (kind(card)) {
					case VETERAN -> this.veteranIssueDate;
					case EXPIRED -> this.expiredIssueDate;
					default -> this.d0;
				};
				int second = date.equals(this.d0) ? 7 * 3600 + (card % 50_000) : 9 * 3600 + (card % 40_000);
				row.setLength(0);
				row.append(prefix)
					.append(Rng.pad(card + 1L, 8))
					.append(",ISSUE,")
					.append(Stamps.instant(date, second))
					.append(',')
					.append(cardNo(card))
					.append(',')
					.append(INSTITUTION)
					.append(',')
					.append(studentNo(card))
					.append(',')
					.append(device(card))
					.append(',');
				events.row(row, 0);
			}
			for (int card = this.expiredEnd; card < this.cards; card++) {
				row.setLength(0);
				row.append(prefix)
					.append('L')
					.append(Rng.pad(card + 1L, 8))
					.append(",REPORT_LOST,")
					.append(Stamps.instant(this.d0, lostSecond(card)))
					.append(',')
					.append(cardNo(card))
					.append(',')
					.append(INSTITUTION)
					.append(',')
					.append(studentNo(card))
					.append(',')
					.append(device(card))
					.append(',');
				events.row(row, 0);
			}
			return (int) events.records();
		}
	}

	/**
	 * The instant of a LOST card's REPORT_LOST, as a second of D0.
	 */
	static int lostSecond(int card) {
		return 22 * 3600 + (card % 3600);
	}

	LocalDate d0() {
		return this.d0;
	}

}
