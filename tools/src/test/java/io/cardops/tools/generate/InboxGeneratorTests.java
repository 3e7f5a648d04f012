package io.cardops.tools.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.digest.Sha256;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.identity.IdType;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InboxGeneratorTests {

	static final Path REFERENCE = Path.of("..", "sample-data", "reference").toAbsolutePath().normalize();

	@TempDir
	Path temp;

	static GenerationResult generate(Path out, int cards, int days, long seed, String rate) throws IOException {
		return generate(out, cards, days, seed, rate, InboxGenerator.DEFAULT_START);
	}

	static GenerationResult generate(Path out, int cards, int days, long seed, String rate, LocalDate start)
			throws IOException {
		return InboxGenerator
			.generate(new GenerationRequest(out, REFERENCE, cards, days, seed, new BigDecimal(rate), start));
	}

	@Test
	void sameSeedGivesTheSameBytes() throws IOException {
		generate(this.temp.resolve("a"), 300, 3, 7, "0.05");
		generate(this.temp.resolve("b"), 300, 3, 7, "0.05");
		generate(this.temp.resolve("c"), 300, 3, 8, "0.05");
		Map<String, String> a = digests(this.temp.resolve("a"));
		assertThat(a).hasSize(2 + 1 + 2 + 3 * 9 * 2 + 1);
		assertThat(digests(this.temp.resolve("b"))).isEqualTo(a);
		Map<String, String> c = digests(this.temp.resolve("c"));
		assertThat(c.keySet()).isEqualTo(a.keySet());
		assertThat(c.get("inbox/taps_BJSUBWAY_20261012_01.csv"))
			.isNotEqualTo(a.get("inbox/taps_BJSUBWAY_20261012_01.csv"));
	}

	@Test
	void layoutFollowsTheBrief() throws IOException {
		Path out = this.temp.resolve("out");
		GenerationResult result = generate(out, 50, 2, 3, "0.1");
		assertThat(result.rosterDate()).isEqualTo(LocalDate.of(2026, 10, 11));
		assertThat(result.lastClearingDate()).isEqualTo(LocalDate.of(2026, 10, 13));
		assertThat(out.resolve("reference/partners.csv")).hasSameBinaryContentAs(REFERENCE.resolve("partners.csv"));
		assertThat(out.resolve("reference/fare_rules.csv")).hasSameBinaryContentAs(REFERENCE.resolve("fare_rules.csv"));
		Path inbox = out.resolve("inbox");
		assertThat(inbox.resolve("roster_UCAS_20261011.csv")).exists();
		assertThat(inbox.resolve("cardevents_BMAC_APP_20261011_01.csv.ctl")).exists();
		for (String day : List.of("20261012", "20261013")) {
			for (String name : List.of("taps_BJSUBWAY", "taps_BJMTR", "taps_BJBUS", "recharges_BMAC_APP",
					"recharges_HEBAO", "recharges_COUNTER", "payments_ALIPAY", "payments_WECHAT", "payments_CMPAY")) {
				assertThat(inbox.resolve(name + "_" + day + "_01.csv")).exists();
				assertThat(inbox.resolve(name + "_" + day + "_01.csv.ctl")).exists();
			}
		}
		assertThat(Files.readAllLines(out.resolve("answer_key.csv")).get(0))
			.isEqualTo("clearing_date,category,card_no,card_seq");
	}

	@Test
	void controlFilesMatchTheirFiles() throws IOException {
		Path out = this.temp.resolve("out");
		generate(out, 200, 2, 11, "0.2");
		Map<String, Integer> sumColumn = Map.of("taps_", 10, "recharges_", 4, "payments_", 3, "cardevents_", 7);
		int checked = 0;
		try (Stream<Path> list = Files.list(out.resolve("inbox"))) {
			for (Path file : list.filter((path) -> path.toString().endsWith(".csv")).sorted().toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith("roster_")) {
					assertThat(file.resolveSibling(name + ".ctl")).doesNotExist();
					continue;
				}
				int column = sumColumn.entrySet()
					.stream()
					.filter((entry) -> name.startsWith(entry.getKey()))
					.findFirst()
					.orElseThrow()
					.getValue();
				List<String[]> rows = ReferenceJudge.rows(file);
				long sum = rows.stream()
					.mapToLong((cells) -> cells[column].isEmpty() ? 0 : Long.parseLong(cells[column]))
					.sum();
				assertThat(Files.readString(file.resolveSibling(name + ".ctl")))
					.isEqualTo("records=" + rows.size() + "\nsum_fen=" + sum + "\nsha256=" + Sha256.of(file) + "\n");
				checked++;
			}
		}
		assertThat(checked).isEqualTo(1 + 2 * 9);
	}

	@Test
	void aCleanInboxHasConsecutiveSeqsConsistentBalancesAndAnEmptyKey() throws IOException {
		Path out = this.temp.resolve("clean");
		GenerationResult result = generate(out, 400, 4, 5, "0");
		assertThat(Files.readAllLines(out.resolve("answer_key.csv")))
			.containsExactly("clearing_date,category,card_no,card_seq");
		assertThat(result.exceptions()).isZero();
		Map<String, int[]> rules = new HashMap<>();
		for (String[] cells : ReferenceJudge.rows(out.resolve("reference/fare_rules.csv"))) {
			rules.put(cells[0] + "/" + cells[1], new int[] { Integer.parseInt(cells[2]), Integer.parseInt(cells[3]) });
		}
		Map<String, TreeMap<Long, String[]>> byCard = new HashMap<>();
		Map<String, Long> payments = new HashMap<>();
		try (Stream<Path> list = Files.list(out.resolve("inbox"))) {
			for (Path file : list.filter((path) -> path.toString().endsWith(".csv")).sorted().toList()) {
				String name = file.getFileName().toString();
				for (String[] cells : ReferenceJudge.rows(file)) {
					if (name.startsWith("taps_") || name.startsWith("recharges_")) {
						String[] tagged = new String[cells.length + 1];
						System.arraycopy(cells, 0, tagged, 0, cells.length);
						tagged[cells.length] = name;
						String[] previous = byCard.computeIfAbsent(cells[1], (card) -> new TreeMap<>())
							.put(Long.parseLong(cells[2]), tagged);
						assertThat(previous).as("one row per card_seq").isNull();
					}
					else if (name.startsWith("payments_")) {
						assertThat(cells[1]).isEqualTo("PAYMENT");
						assertThat(Long.parseLong(cells[4])).isNotNegative();
						payments.put(cells[0], Long.parseLong(cells[3]));
					}
				}
			}
		}
		int transactions = 0;
		Set<String> operators = new HashSet<>();
		for (Map.Entry<String, TreeMap<Long, String[]>> card : byCard.entrySet()) {
			long expectedSeq = 1;
			long balance = 0;
			String[] openEntry = null;
			for (String[] row : card.getValue().values()) {
				transactions++;
				assertThat(Long.parseLong(row[2])).as("consecutive seq of " + card.getKey()).isEqualTo(expectedSeq++);
				String file = row[row.length - 1];
				if (file.startsWith("recharges_")) {
					assertThat(openEntry).as("no top-up during a journey").isNull();
					long amount = Long.parseLong(row[4]);
					balance += amount;
					assertThat(Long.parseLong(row[5])).as("balance after top-up").isEqualTo(balance);
					if (file.startsWith("recharges_COUNTER")) {
						assertThat(row[6]).isEmpty();
					}
					else {
						assertThat(payments.remove(row[6])).as("payment of " + row[6]).isEqualTo(amount);
					}
					continue;
				}
				assertThat(expectedSeq - 1).as("the first transaction is a top-up").isGreaterThan(1);
				operators.add(file);
				String type = row[8];
				int[] rule = rules.get(row[4] + "/" + row[11]);
				long full = Long.parseLong(row[9]);
				long charged = Long.parseLong(row[10]);
				if (type.equals("EXIT")) {
					assertThat(openEntry).isNotNull();
					assertThat(openEntry[4]).isEqualTo(row[4]);
					openEntry = null;
				}
				else {
					assertThat(openEntry).as("an ENTRY is followed by its EXIT").isNull();
					assertThat(balance).as("minimum balance before " + type).isGreaterThanOrEqualTo(rule[1]);
					if (type.equals("ENTRY")) {
						openEntry = row;
					}
				}
				if (!type.equals("ENTRY")) {
					assertThat(charged).isEqualTo(Money.basisPointsHalfUp(full, rule[0]));
					LocalDate tapDate = AcademicCalendar.businessDate(OffsetDateTime.parse(row[3]).toInstant());
					assertThat(
							LocalDate.parse(file.replaceAll(".*_([0-9]{4})([0-9]{2})([0-9]{2})_01\\.csv", "$1-$2-$3")))
						.isEqualTo(tapDate);
				}
				balance -= charged;
				assertThat(Long.parseLong(row[12])).as("balance after tap").isEqualTo(balance);
			}
			assertThat(openEntry).isNull();
		}
		assertThat(payments).as("every payment was loaded").isEmpty();
		assertThat(operators).hasSize(3 * 4);
		double perCardDay = transactions / (400.0 * 4);
		assertThat(perCardDay).isBetween(4.0, 9.0);
		assertThat(new ReferenceJudge(out).judge()).isEmpty();
	}

	@Test
	void theAnswerKeyListsEveryCategory() throws IOException {
		Path out = this.temp.resolve("out");
		GenerationResult result = generate(out, 200, 3, 1, "0.2");
		Set<ExceptionCategory> listed = EnumSet.noneOf(ExceptionCategory.class);
		for (String line : Files.readAllLines(out.resolve("answer_key.csv"))
			.subList(1, (int) result.exceptions() + 1)) {
			listed.add(ExceptionCategory.valueOf(line.split(",", -1)[1]));
		}
		assertThat(listed).isEqualTo(EnumSet.allOf(ExceptionCategory.class));
		assertThat(result.exceptions()).isBetween(100L, 140L);
	}

	@ParameterizedTest(name = "{0} cards, {1} days, seed {2}, rate {3}, from {4}")
	@CsvSource(textBlock = """
			200, 3, 1, 0.2, 2026-10-12
			300, 3, 7, 0.05, 2026-10-12
			120, 6, 3, 0.5, 2026-09-27
			60, 10, 9, 1, 2027-03-01
			1000, 2, 4, 0.03, 2026-10-12
			40, 75, 5, 0.3, 2027-07-25
			""")
	void theAnswerKeyIsExactlyWhatTheRulesRaise(int cards, int days, long seed, String rate, LocalDate start)
			throws IOException {
		Path out = this.temp.resolve("out");
		GenerationResult result = generate(out, cards, days, seed, rate, start);
		List<String> key = Files.readAllLines(out.resolve("answer_key.csv"));
		assertThat(key).hasSize((int) result.exceptions() + 1);
		List<String> rows = key.subList(1, key.size());
		assertThat(ReferenceJudge.sorted(rows)).as("the key is sorted").isEqualTo(rows);
		assertThat(new ReferenceJudge(out).judge()).isEqualTo(rows);
	}

	@Test
	void rosterAndCardEventsIssueEveryCardToAnEligibleStudent() throws IOException {
		Path out = this.temp.resolve("out");
		generate(out, 500, 1, 2, "0.1");
		Map<String, String[]> roster = new HashMap<>();
		Set<String> idNumbers = new HashSet<>();
		for (String[] cells : ReferenceJudge.rows(out.resolve("inbox/roster_UCAS_20261011.csv"))) {
			assertThat(roster.put(cells[0], cells)).isNull();
			IdType type = cells[2].isEmpty() ? IdType.RESIDENT_ID : IdType.valueOf(cells[2]);
			assertThat(IdNumbers.check(type, cells[3]).valid()).as(cells[3]).isTrue();
			assertThat(idNumbers.add(cells[3])).isTrue();
			assertThat(cells[1].codePointCount(0, cells[1].length())).isBetween(1, 64);
			assertThat(LocalDate.parse(cells[8])).isAfterOrEqualTo(LocalDate.parse(cells[7]));
		}
		Set<String> holders = new HashSet<>();
		Set<String> cards = new HashSet<>();
		int lost = 0;
		for (String[] cells : ReferenceJudge.rows(out.resolve("inbox/cardevents_BMAC_APP_20261011_01.csv"))) {
			String[] student = roster.get(cells[5]);
			LocalDate eventDate = AcademicCalendar.businessDate(OffsetDateTime.parse(cells[2]).toInstant());
			assertThat(eventDate).isBeforeOrEqualTo(LocalDate.of(2026, 10, 11));
			if (cells[1].equals("ISSUE")) {
				assertThat(student[6]).isEqualTo("ENROLLED");
				assertThat(student[5]).isEqualTo("N");
				assertThat(LocalDate.parse(student[8])).isAfterOrEqualTo(eventDate);
				assertThat(holders.add(cells[5])).as("one card per student").isTrue();
				assertThat(cards.add(cells[3])).isTrue();
				assertThat(cells[3]).matches("[0-9]{19}");
			}
			else {
				assertThat(cells[1]).isEqualTo("REPORT_LOST");
				assertThat(cards).contains(cells[3]);
				lost++;
			}
		}
		assertThat(cards).hasSize(500);
		assertThat(lost).isPositive();
		assertThat(roster.size()).isGreaterThan(500);
	}

	@Test
	void requestsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> generate(this.temp, 0, 1, 1, "0.01"));
		assertThatIllegalArgumentException().isThrownBy(() -> generate(this.temp, 10, 0, 1, "0.01"));
		assertThatIllegalArgumentException().isThrownBy(() -> generate(this.temp, 10, 1, 1, "1.5"));
		assertThatIllegalArgumentException().isThrownBy(() -> generate(this.temp, 10, 1, 1, "-0.1"));
	}

	@Test
	void tinyRunsStillWork() throws IOException {
		for (int cards = 1; cards <= 9; cards += 4) {
			Path out = this.temp.resolve("tiny" + cards);
			GenerationResult result = generate(out, cards, 3, cards, "1");
			List<String> key = Files.readAllLines(out.resolve("answer_key.csv"));
			assertThat(new ReferenceJudge(out).judge()).isEqualTo(key.subList(1, key.size()));
			assertThat(result.exceptions()).isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void theReferenceJudgeNoticesATamperedRow() throws IOException {
		// The judge the key is checked against is not blind: one balance changed in a
		// clean inbox breaks the row and the row after it.
		Path out = this.temp.resolve("out");
		generate(out, 20, 1, 3, "0");
		Path file = out.resolve("inbox/taps_BJSUBWAY_20261012_01.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
		String[] cells = lines.get(1).split(",", -1);
		cells[12] = Long.toString(Long.parseLong(cells[12]) + 7);
		lines.set(1, String.join(",", cells));
		Files.write(file, lines, StandardCharsets.UTF_8);
		assertThat(new ReferenceJudge(out).judge()).containsExactly(
				"2026-10-12,BALANCE_BREAK," + cells[1] + "," + cells[2],
				"2026-10-12,BALANCE_BREAK," + cells[1] + "," + (Long.parseLong(cells[2]) + 1));
	}

	private static Map<String, String> digests(Path root) throws IOException {
		Map<String, String> digests = new TreeMap<>();
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).forEach(files::add);
		}
		for (Path file : files) {
			digests.put(root.relativize(file).toString().replace('\\', '/'), Sha256.of(file));
		}
		return digests;
	}

}
