package io.cardops.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What settlement of a generated inbox must publish, worked out from nothing but the
 * generator's output: the tap and recharge files of each clearing date, the answer key
 * and the generated {@code reference/partners.csv}. It never looks at the database, so it
 * checks the engine's judging and aggregation instead of repeating them.
 *
 * <p>
 * How each row is judged (domain.md, "How the judging runs" and "Settlement"):
 * <ul>
 * <li>MALFORMED_RECORD: the key names the card_no and card_seq as written (the generator
 * garbles the card number); the one tap or recharge row of the date with exactly those
 * cells is malformed: a held tap with no money (its mode and line are readable), or a
 * top-up that the channel is not credited with. Key rows with empty card fields are
 * payment rows, which settlement does not touch.</li>
 * <li>UNKNOWN_CARD: the one row of the date with the key's card_no and card_seq is
 * held.</li>
 * <li>Identity: every other row is judged in processing order (a date's rows by file
 * name, then line; earlier dates first). The first row of a (card_no, card_seq) keeps the
 * seq and is paid (a tap) or accepted (a top-up); a later row with every cell equal to
 * the keeper's is a DUPLICATE (dropped), a later different one a SEQ_CONFLICT (held). The
 * rule is applied to every row, not only to the keyed ones, and the DUPLICATE and
 * SEQ_CONFLICT rows it finds must be exactly the key's, or the expectation refuses to
 * guess.</li>
 * <li>EXPIRED_DISCOUNT: the one paid STUDENT EXIT or SINGLE tap of the date with the
 * key's card_no and card_seq; its discount is clawed back.</li>
 * </ul>
 * Every other category (gaps, balance breaks, fare mismatches, lost-card and late taps,
 * payment findings) leaves a row paid or accepted. A lookup that does not find exactly
 * the rows the key implies throws, naming the key row: the key is then not enough to
 * identify the row and the expectation would be a guess.
 *
 * <p>
 * Rows and files follow files.md: money as yuan with two decimals, an operator's lines
 * sorted by mode then line (as Java strings) and then its TOTAL row, the subsidy fund's
 * lines by operator then mode and then a TOTAL row, the summary's operators, channels
 * (each by code) and then the fund; no file for a partner without activity.
 */
final class GeneratedSettlementExpectation {

	private static final String OPERATOR_HEADER = "clearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,"
			+ "charged_yuan,held_yuan,payable_yuan";

	private static final String CHANNEL_HEADER = "clearing_date,channel,recharges,amount_yuan,commission_bp,commission_yuan,"
			+ "net_receivable_yuan";

	private static final String SUBSIDY_HEADER = "clearing_date,operator,mode,student_taps,discount_yuan,clawback_yuan,"
			+ "claimable_yuan";

	private static final String SUMMARY_HEADER = "clearing_date,partner,role,items,gross_yuan,deductions_yuan,net_yuan,direction";

	private static final String TOTAL = "TOTAL";

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.get();

	private static final Pattern LEDGER_FILE = Pattern.compile("(taps|recharges)_([A-Z0-9_]+)_(\\d{8})_(\\d+)\\.csv");

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	private final Map<LocalDate, Day> days = new LinkedHashMap<>();

	private GeneratedSettlementExpectation() {
	}

	/**
	 * Works out the settlement of each clearing date of a generated inbox.
	 * @param generated the generator's {@code --out} folder
	 * @param dates the clearing dates, in calendar order
	 * @return the expectation
	 * @throws IOException when a generated file cannot be read
	 */
	static GeneratedSettlementExpectation of(Path generated, List<LocalDate> dates) throws IOException {
		Partners partners = Partners.read(generated.resolve("reference").resolve("partners.csv"));
		List<KeyRow> key = readKey(generated.resolve("answer_key.csv"));
		GeneratedSettlementExpectation expectation = new GeneratedSettlementExpectation();
		Map<String, Content> keepers = new HashMap<>();
		for (LocalDate date : dates) {
			List<KeyRow> dayKey = key.stream().filter((row) -> row.date().equals(date)).toList();
			List<Row> rows = readLedgerFiles(generated.resolve("inbox"), date);
			judge(date, rows, dayKey, keepers);
			expectation.days.put(date, Day.settle(date, rows, partners));
		}
		return expectation;
	}

	/**
	 * The settlement files the date must have, by the partner code in their name
	 * ({@code summary} for the summary), each as its rows (header first), cells joined
	 * with commas.
	 * @param date the clearing date
	 * @return the files
	 */
	Map<String, List<String>> files(LocalDate date) {
		return day(date).files;
	}

	/**
	 * The {@code key=value} pairs the settle run must print for the date.
	 * @param date the clearing date
	 * @return the figures: taps, paid, held, dropped, payable, recharges, net receivable
	 * and claimable
	 */
	String runFigures(LocalDate date) {
		return day(date).runFigures;
	}

	private Day day(LocalDate date) {
		Day day = this.days.get(date);
		if (day == null) {
			throw new IllegalArgumentException("no expectation for " + date);
		}
		return day;
	}

	private static List<KeyRow> readKey(Path path) throws IOException {
		List<KeyRow> key = new ArrayList<>();
		for (CSVRecord record : records(path)) {
			key.add(new KeyRow(LocalDate.parse(record.get("clearing_date")), record.get("category"),
					record.get("card_no"), record.get("card_seq")));
		}
		return key;
	}

	private static List<Row> readLedgerFiles(Path inbox, LocalDate date) throws IOException {
		List<Path> files;
		try (Stream<Path> listing = Files.list(inbox)) {
			// Processing order within a (card_no, card_seq): file name, then line.
			files = listing.sorted(Comparator.comparing((file) -> file.getFileName().toString())).toList();
		}
		List<Row> rows = new ArrayList<>();
		for (Path file : files) {
			Matcher name = LEDGER_FILE.matcher(file.getFileName().toString());
			if (!name.matches() || !name.group(3).equals(COMPACT.format(date))) {
				continue;
			}
			boolean tap = name.group(1).equals("taps");
			for (CSVRecord record : records(file)) {
				rows.add(new Row(file.getFileName().toString(), record.getRecordNumber(), name.group(2),
						new Content(tap, record.toMap())));
			}
		}
		return rows;
	}

	private static List<CSVRecord> records(Path path) throws IOException {
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
				CSVParser parser = FORMAT.parse(reader)) {
			return parser.getRecords();
		}
	}

	/**
	 * Decides each row's fate from the key and the identity rule (see the class comment).
	 * @param keepers the rows that keep their (card_no, card_seq) on earlier dates, by
	 * card_no and card_seq; grows with this date's
	 */
	private static void judge(LocalDate date, List<Row> rows, List<KeyRow> key, Map<String, Content> keepers) {
		for (KeyRow keyed : key) {
			switch (keyed.category()) {
				case "MALFORMED_RECORD" -> {
					if (!keyed.cardNo().isEmpty()) {
						only(keyed, rows, (row) -> row.fate == null && keyed.matches(row)).fate = Fate.MALFORMED;
					}
				}
				case "UNKNOWN_CARD" ->
					only(keyed, rows, (row) -> row.fate == null && keyed.matches(row)).fate = Fate.HELD;
				default -> {
				}
			}
		}
		Map<String, Long> found = new TreeMap<>();
		for (Row row : rows) {
			if (row.fate != null) {
				continue;
			}
			Content keeper = keepers.putIfAbsent(row.identity(), row.content);
			if (keeper == null) {
				row.fate = Fate.PAID;
			}
			else if (keeper.equals(row.content)) {
				row.fate = Fate.DROPPED;
				found.merge("DUPLICATE," + row.identity(), 1L, Long::sum);
			}
			else {
				row.fate = Fate.HELD;
				found.merge("SEQ_CONFLICT," + row.identity(), 1L, Long::sum);
			}
		}
		Map<String, Long> keyed = new TreeMap<>();
		key.stream()
			.filter((row) -> row.category().equals("DUPLICATE") || row.category().equals("SEQ_CONFLICT"))
			.forEach((row) -> keyed.merge(row.category() + "," + row.cardNo() + "," + row.cardSeq(), 1L, Long::sum));
		if (!found.equals(keyed)) {
			throw new IllegalStateException("on " + date + " the identity rule finds " + found
					+ " but the answer key lists " + keyed + "; the key is not enough to tell the rows apart");
		}
		for (KeyRow expired : key.stream().filter((row) -> row.category().equals("EXPIRED_DISCOUNT")).toList()) {
			Row tap = only(expired, rows, (row) -> row.tap && row.fate == Fate.PAID && expired.matches(row));
			if (!tap.get("discount").equals("STUDENT") || tap.get("tap_type").equals("ENTRY")) {
				throw new IllegalStateException(expired + " is not a STUDENT EXIT or SINGLE: " + tap);
			}
			tap.clawback = true;
		}
	}

	private static Row only(KeyRow keyed, List<Row> rows, Predicate<Row> test) {
		List<Row> matches = rows.stream().filter(test).toList();
		if (matches.size() != 1) {
			throw new IllegalStateException(
					"answer key row " + keyed + " matches " + matches.size() + " rows, not one: " + matches);
		}
		return matches.get(0);
	}

	private static String yuan(long fen) {
		return BigDecimal.valueOf(fen, 2).toPlainString();
	}

	/** files.md: a text cell a spreadsheet would run is written with a leading quote. */
	private static String text(String cell) {
		return (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) ? "'" + cell : cell;
	}

	private enum Fate {

		/** Accepted: a paid tap or a top-up the channel is credited with. */
		PAID,

		/** SEQ_CONFLICT or UNKNOWN_CARD: held with its money. */
		HELD,

		/**
		 * MALFORMED_RECORD: held, no money (a malformed row's figures are not trusted).
		 */
		MALFORMED,

		/** DUPLICATE: dropped. */
		DROPPED

	}

	/**
	 * What DUPLICATE compares: whether the row is a tap or a top-up, and every cell by
	 * column name (txn_id or recharge_id included).
	 */
	private record Content(boolean tap, Map<String, String> cells) {
	}

	private record KeyRow(LocalDate date, String category, String cardNo, String cardSeq) {

		boolean matches(Row row) {
			return this.cardNo.equals(row.get("card_no")) && this.cardSeq.equals(row.get("card_seq"));
		}

	}

	/** One data row of a tap or recharge file, and what the judging must make of it. */
	private static final class Row {

		final String file;

		final long line;

		final String partner;

		final boolean tap;

		final Content content;

		Fate fate;

		boolean clawback;

		Row(String file, long line, String partner, Content content) {
			this.file = file;
			this.line = line;
			this.partner = partner;
			this.tap = content.tap();
			this.content = content;
		}

		String get(String column) {
			return this.content.cells().get(column);
		}

		long fen(String column) {
			return Long.parseLong(get(column));
		}

		String identity() {
			return get("card_no") + "," + get("card_seq");
		}

		@Override
		public String toString() {
			return this.file + " record " + this.line + " " + this.content.cells();
		}

	}

	private record Partners(Map<String, Integer> commissionBp, String subsidyFund) {

		static Partners read(Path path) throws IOException {
			Map<String, Integer> commission = new HashMap<>();
			List<String> funds = new ArrayList<>();
			for (CSVRecord record : records(path)) {
				if (record.get("role").equals("CHANNEL")) {
					commission.put(record.get("partner_code"), Integer.valueOf(record.get("commission_bp")));
				}
				else if (record.get("role").equals("SUBSIDY")) {
					funds.add(record.get("partner_code"));
				}
			}
			if (funds.size() != 1) {
				throw new IllegalStateException("expected one SUBSIDY partner, found " + funds);
			}
			return new Partners(commission, funds.get(0));
		}

	}

	/** An operator's mode and line, or the fund's operator and mode, added up. */
	private static final class Figures {

		long taps;

		long trips;

		long fullFare;

		long charged;

		long held;

		long payable;

		long paid;

		long heldTaps;

		long dropped;

		long studentTaps;

		long discount;

		long clawback;

		void add(Figures other) {
			this.taps += other.taps;
			this.trips += other.trips;
			this.fullFare += other.fullFare;
			this.charged += other.charged;
			this.held += other.held;
			this.payable += other.payable;
			this.paid += other.paid;
			this.heldTaps += other.heldTaps;
			this.dropped += other.dropped;
			this.studentTaps += other.studentTaps;
			this.discount += other.discount;
			this.clawback += other.clawback;
		}

	}

	/** A channel's accepted top-ups. */
	private static final class Channel {

		long recharges;

		long amount;

	}

	/** One date's expected files and run figures. */
	private static final class Day {

		final Map<String, List<String>> files = new LinkedHashMap<>();

		String runFigures;

		static Day settle(LocalDate date, List<Row> rows, Partners partners) {
			// operator -> mode -> line, each level sorted as Java strings
			Map<String, Map<String, Map<String, Figures>>> operators = new TreeMap<>();
			// operator -> mode
			Map<String, Map<String, Figures>> subsidy = new TreeMap<>();
			Map<String, Channel> channels = new TreeMap<>();
			for (Row row : rows) {
				if (!row.tap) {
					if (row.fate == Fate.PAID) {
						Channel channel = channels.computeIfAbsent(row.partner, (code) -> new Channel());
						channel.recharges++;
						channel.amount += row.fen("amount_fen");
					}
					continue;
				}
				String mode = row.get("mode").trim().toUpperCase(Locale.ROOT);
				if (!Set.of("METRO", "BUS").contains(mode)) {
					throw new IllegalStateException("the generator garbles card numbers only; unreadable mode: " + row);
				}
				Figures line = operators.computeIfAbsent(row.partner, (code) -> new TreeMap<>())
					.computeIfAbsent(mode, (code) -> new TreeMap<>())
					.computeIfAbsent(row.get("line").trim(), (code) -> new Figures());
				line.taps++;
				switch (row.fate) {
					case PAID -> {
						long charged = row.fen("charged_fen");
						long full = row.fen("full_fare_fen");
						boolean fare = !row.get("tap_type").equals("ENTRY");
						line.paid++;
						line.trips += fare ? 1 : 0;
						line.fullFare += full;
						line.charged += charged;
						line.payable += charged;
						if (fare && row.get("discount").equals("STUDENT")) {
							Figures fund = subsidy.computeIfAbsent(row.partner, (code) -> new TreeMap<>())
								.computeIfAbsent(mode, (code) -> new Figures());
							fund.studentTaps++;
							fund.discount += full - charged;
							fund.clawback += row.clawback ? full - charged : 0;
						}
					}
					case HELD -> {
						line.heldTaps++;
						line.fullFare += row.fen("full_fare_fen");
						line.charged += row.fen("charged_fen");
						line.held += row.fen("charged_fen");
					}
					// A malformed row is held but carries no money: its cells are not
					// trusted (its amount at stake is 0), and the generator's are garbled
					// copies of rows paid in their own right.
					case MALFORMED -> line.heldTaps++;
					case DROPPED -> line.dropped++;
				}
			}
			Day day = new Day();
			List<String> summary = new ArrayList<>(List.of(SUMMARY_HEADER));
			Figures all = new Figures();
			for (var operator : operators.entrySet()) {
				List<String> file = new ArrayList<>(List.of(OPERATOR_HEADER));
				Figures total = new Figures();
				for (var mode : operator.getValue().entrySet()) {
					for (var line : mode.getValue().entrySet()) {
						file.add(operatorRow(date, operator.getKey(), mode.getKey(), text(line.getKey()),
								line.getValue()));
						total.add(line.getValue());
					}
				}
				file.add(operatorRow(date, operator.getKey(), TOTAL, "", total));
				day.files.put(operator.getKey(), file);
				summary.add(String.join(",", date.toString(), operator.getKey(), "OPERATOR", Long.toString(total.taps),
						yuan(total.charged), yuan(total.held), yuan(total.payable), "ISSUER_PAYS"));
				all.add(total);
			}
			long recharges = 0;
			long receivable = 0;
			for (var channel : channels.entrySet()) {
				int bp = partners.commissionBp().get(channel.getKey());
				long amount = channel.getValue().amount;
				long commission = BigDecimal.valueOf(amount)
					.multiply(BigDecimal.valueOf(bp))
					.divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
					.longValueExact();
				day.files.put(channel.getKey(),
						List.of(CHANNEL_HEADER,
								String.join(",", date.toString(), channel.getKey(),
										Long.toString(channel.getValue().recharges), yuan(amount), Integer.toString(bp),
										yuan(commission), yuan(amount - commission))));
				summary.add(String.join(",", date.toString(), channel.getKey(), "CHANNEL",
						Long.toString(channel.getValue().recharges), yuan(amount), yuan(commission),
						yuan(amount - commission), "ISSUER_RECEIVES"));
				recharges += channel.getValue().recharges;
				receivable += amount - commission;
			}
			Figures fundTotal = new Figures();
			if (!subsidy.isEmpty()) {
				List<String> file = new ArrayList<>(List.of(SUBSIDY_HEADER));
				for (var operator : subsidy.entrySet()) {
					for (var mode : operator.getValue().entrySet()) {
						file.add(subsidyRow(date, operator.getKey(), mode.getKey(), mode.getValue()));
						fundTotal.add(mode.getValue());
					}
				}
				file.add(subsidyRow(date, "", TOTAL, fundTotal));
				day.files.put(partners.subsidyFund(), file);
				summary.add(String.join(",", date.toString(), partners.subsidyFund(), "SUBSIDY",
						Long.toString(fundTotal.studentTaps), yuan(fundTotal.discount), yuan(fundTotal.clawback),
						yuan(fundTotal.discount - fundTotal.clawback), "FUND_PAYS_OPERATORS"));
			}
			day.files.put("summary", summary);
			day.runFigures = "taps=" + all.taps + " paid=" + all.paid + " held=" + all.heldTaps + " dropped="
					+ all.dropped + " payable_yuan=" + yuan(all.payable) + " recharges=" + recharges
					+ " net_receivable_yuan=" + yuan(receivable) + " claimable_yuan="
					+ yuan(fundTotal.discount - fundTotal.clawback);
			return day;
		}

		private static String operatorRow(LocalDate date, String operator, String mode, String line, Figures f) {
			return String.join(",", date.toString(), operator, mode, line, Long.toString(f.taps),
					Long.toString(f.trips), yuan(f.fullFare), yuan(f.fullFare - f.charged), yuan(f.charged),
					yuan(f.held), yuan(f.payable));
		}

		private static String subsidyRow(LocalDate date, String operator, String mode, Figures f) {
			return String.join(",", date.toString(), operator, mode, Long.toString(f.studentTaps), yuan(f.discount),
					yuan(f.clawback), yuan(f.discount - f.clawback));
		}

	}

}
