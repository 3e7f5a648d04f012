package io.cardops.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cardops.jobs.settle.ClaimToPayable;
import io.cardops.jobs.settle.ClaimToPayable.OperatorClaim;
import io.cardops.jobs.settle.SettlementArchive;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.settle.SettlementBrowser.DateTotals;
import io.cardops.jobs.settle.SettlementBrowser.NotArchivedException;
import io.cardops.jobs.settle.SettlementBrowser.SettlementDate;
import io.cardops.jobs.settle.SettlementDiff;
import io.cardops.jobs.settle.SettlementDiff.Change;
import io.cardops.jobs.settle.SettlementDiff.FileChange;
import io.cardops.jobs.settle.SettlementDiff.MoneyChange;
import io.cardops.jobs.settle.SettlementDiff.RowChange;
import io.cardops.jobs.support.CardopsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Settlement as finance browses it, on the hand-checked scenario of
 * {@link SettleIntegrationTests}: settled twice with a late tap file between, both
 * versions stay downloadable byte for byte, the diff and the claims are worked out to the
 * fen.
 */
class SettlementBrowserIntegrationTests extends CliTestSupport {

	static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	static final String E = ReconcileScenario.E;

	private final ReconcileScenario scenario = new ReconcileScenario(this);

	private SettlementBrowser browser;

	@BeforeEach
	void settledOnce() throws Exception {
		this.scenario.issueCards();
		this.scenario.dayOne();
		CardopsProperties properties = new CardopsProperties(null, this.work.resolve("inbox"), outbox(), null);
		SettlementArchive archive = new SettlementArchive(this.database.sql(), properties);
		this.browser = new SettlementBrowser(this.database.sql(), archive, new ClaimToPayable(this.database.sql()));
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();
		assertThat(cardops("run", "settle", "--date", "2026-09-03").summary()).contains("status=COMPLETED version=1");
	}

	@Test
	void everyVersionStaysDownloadableByteForByteAfterTheNextReplacedItInTheOutbox() throws Exception {
		Map<String, byte[]> first = outboxFiles();
		assertThat(first).hasSize(14);

		lateTapFileAndSettleAgain();
		Map<String, byte[]> second = outboxFiles();

		assertThat(second).hasSize(16);
		assertThat(second.get("settlement_20260903_summary.csv"))
			.isNotEqualTo(first.get("settlement_20260903_summary.csv"));
		for (Map.Entry<String, byte[]> file : first.entrySet()) {
			if (!file.getKey().endsWith(".ctl")) {
				SettlementBrowser.Download download = this.browser.file(DATE, 1, file.getKey()).orElseThrow();
				assertThat(download.content()).as(file.getKey()).isEqualTo(file.getValue());
				assertThat(download.sha256()).isEqualTo(sha256(file.getValue()));
			}
		}
		for (Map.Entry<String, byte[]> file : second.entrySet()) {
			if (!file.getKey().endsWith(".ctl")) {
				assertThat(this.browser.file(DATE, null, file.getKey()).orElseThrow().content()).as(file.getKey())
					.isEqualTo(file.getValue());
			}
		}
		assertThat(zip(1)).containsOnlyKeys(first.keySet());
		zip(1).forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(first.get(name)));
		assertThat(zip(null)).containsOnlyKeys(second.keySet());
		zip(null).forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(second.get(name)));
		assertThat(this.browser.file(DATE, 1, "settlement_20260903_BJMTR.csv")).isEmpty();
		assertThat(this.browser.file(DATE, 3, "settlement_20260903_summary.csv")).isEmpty();
		assertThat(this.browser.file(DATE.plusDays(1), null, "settlement_20260903_summary.csv")).isEmpty();
		assertThat(this.browser.zip(DATE, 3, new ByteArrayOutputStream())).isEmpty();
	}

	@Test
	void theZipsEntriesAreDatedWhenTheVersionWasPublishedInBeijingTime() throws Exception {
		LocalDateTime published = this.database.sql()
			.sql("SELECT published_at FROM settlement_version WHERE clearing_date = ? AND version = 1")
			.params(DATE)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.single()
			.atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
			.toLocalDateTime();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.browser.zip(DATE, 1, out);
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				// a zip keeps a local time to the even second
				assertThat(Duration.between(entry.getTimeLocal(), published)).as(entry.getName())
					.isBetween(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void theDateListsEveryVersionNewestFirstWithFilesAndTotals() throws Exception {
		lateTapFileAndSettleAgain();

		SettlementDate day = this.browser.date(DATE).orElseThrow();

		assertThat(day.versions()).extracting(SettlementBrowser.Version::version).containsExactly(2, 1);
		// Version 1: payable 6.50 + 2.50, receivable 89.46 + 19.84 + 11.50, claimable
		// 13.00 (SettleIntegrationTests); version 2 adds BJMTR's 2.00, and 2.00 of
		// student discount.
		assertThat(day.versions().get(1).totals()).isEqualTo(new SettlementBrowser.Totals(900, 12080, 1300));
		assertThat(day.versions().get(0).totals()).isEqualTo(new SettlementBrowser.Totals(1100, 12080, 1500));
		assertThat(day.versions().get(1).files()).hasSize(7);
		SettlementBrowser.File bjmtr = day.versions()
			.get(0)
			.files()
			.stream()
			.filter((file) -> file.partner() != null && file.partner().equals("BJMTR"))
			.findFirst()
			.orElseThrow();
		Path published = outbox().resolve("20260903").resolve("settlement_20260903_BJMTR.csv");
		assertThat(bjmtr.name()).isEqualTo("settlement_20260903_BJMTR.csv");
		assertThat(bjmtr.role()).isEqualTo("OPERATOR");
		assertThat(bjmtr.rows()).isEqualTo(2);
		assertThat(bjmtr.sha256()).isEqualTo(sha256(Files.readAllBytes(published)));
		assertThat(bjmtr.bytes()).isEqualTo(Files.size(published));
		assertThat(day.versions()).allMatch(SettlementBrowser.Version::archived);

		List<DateTotals> list = this.browser.list(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));

		assertThat(list).hasSize(1);
		assertThat(list.get(0).version()).isEqualTo(2);
		assertThat(list.get(0).versions()).isEqualTo(2);
		assertThat(list.get(0).totals()).isEqualTo(new SettlementBrowser.Totals(1100, 12080, 1500));
		assertThat(this.browser.recent(30)).isEqualTo(list);
		assertThat(this.browser.list(LocalDate.of(2026, 9, 4), LocalDate.of(2026, 9, 30))).isEmpty();
		assertThat(this.browser.date(DATE.plusDays(1))).isEmpty();
	}

	@Test
	void theDiffShowsWhyVersionTwoExistsToTheFen() throws Exception {
		lateTapFileAndSettleAgain();

		SettlementDiff diff = this.browser.diff(DATE, 1, 2).orElseThrow();

		// The channel files and the two operators' files did not change.
		assertThat(diff.files()).extracting(FileChange::name, FileChange::change)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("settlement_20260903_BJMTR.csv", Change.ADDED),
					org.assertj.core.groups.Tuple.tuple("settlement_20260903_BJ_SUBSIDY.csv", Change.CHANGED),
					org.assertj.core.groups.Tuple.tuple("settlement_20260903_summary.csv", Change.CHANGED));
		// BJMTR: M2 paid 400/200, M1 an entry, M3 malformed (held, no money).
		FileChange bjmtr = diff.files().get(0);
		assertThat(bjmtr.rows()).extracting(RowChange::key)
			.containsExactly(key("operator", "BJMTR", "mode", "METRO", "line", "大兴线"),
					key("operator", "BJMTR", "mode", "TOTAL", "line", ""));
		assertThat(money(bjmtr.rows().get(0))).containsExactly("full_fare_yuan null→400 +400",
				"discount_yuan null→200 +200", "charged_yuan null→200 +200", "held_yuan null→0 +0",
				"payable_yuan null→200 +200");
		assertThat(bjmtr.rows().get(0).change()).isEqualTo(Change.ADDED);
		// The subsidy fund: BJMTR's student discount of 2.00 added to the total.
		FileChange subsidy = diff.files().get(1);
		assertThat(subsidy.rows()).extracting(RowChange::key, RowChange::change)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(key("operator", "", "mode", "TOTAL"), Change.CHANGED),
					org.assertj.core.groups.Tuple.tuple(key("operator", "BJMTR", "mode", "METRO"), Change.ADDED));
		assertThat(money(subsidy.rows().get(0))).containsExactly("discount_yuan 1300→1500 +200", "clawback_yuan 0→0 +0",
				"claimable_yuan 1300→1500 +200");
		assertThat(subsidy.rows().get(0).values())
			.containsExactly(new SettlementDiff.ValueChange("student_taps", "8", "9"));
		assertThat(money(subsidy.rows().get(1))).containsExactly("discount_yuan null→200 +200",
				"clawback_yuan null→0 +0", "claimable_yuan null→200 +200");
		FileChange summary = diff.files().get(2);
		assertThat(summary.rows()).extracting(RowChange::key, RowChange::change)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(key("partner", "BJ_SUBSIDY", "role", "SUBSIDY"),
							Change.CHANGED),
					org.assertj.core.groups.Tuple.tuple(key("partner", "BJMTR", "role", "OPERATOR"), Change.ADDED));
		assertThat(money(summary.rows().get(0))).containsExactly("gross_yuan 1300→1500 +200", "deductions_yuan 0→0 +0",
				"net_yuan 1300→1500 +200");
		assertThat(money(summary.rows().get(1))).containsExactly("gross_yuan null→200 +200",
				"deductions_yuan null→0 +0", "net_yuan null→200 +200");
		// Backwards, the same changes with the signs turned.
		SettlementDiff back = this.browser.diff(DATE, 2, 1).orElseThrow();
		assertThat(back.files().get(0).change()).isEqualTo(Change.REMOVED);
		// Rows in the earlier version's order: version 2 lists BJMTR before the total.
		assertThat(back.files().get(1).rows().get(0).change()).isEqualTo(Change.REMOVED);
		assertThat(money(back.files().get(1).rows().get(1))).containsExactly("discount_yuan 1500→1300 -200",
				"clawback_yuan 0→0 +0", "claimable_yuan 1500→1300 -200");
		assertThat(this.browser.diff(DATE, 1, 1).orElseThrow().files()).isEmpty();
		assertThat(this.browser.diff(DATE, 1, 3)).isEmpty();
	}

	@Test
	void fromClaimToPayableEachOperatorsMoneyIsAccountedFor() throws Exception {
		lateTapFileAndSettleAgain();

		List<OperatorClaim> claims = this.browser.date(DATE).orElseThrow().claims();

		assertThat(claims).extracting(OperatorClaim::operator).containsExactly("BJBUS", "BJMTR", "BJSUBWAY");
		// BJBUS: five paid single fares of 0.50.
		assertThat(claims.get(0)).isEqualTo(
				new OperatorClaim("BJBUS", 1, 0, 5, BigInteger.valueOf(250), 5, 250, 0, 0, 0, 0, 0, BigInteger.ZERO));
		// BJMTR: claimed 2.00 + 3.00; M1 and M2 paid (2.00), M3 malformed: its 3.00 is
		// what the control sum claims beyond the well-formed rows.
		assertThat(claims.get(1)).isEqualTo(new OperatorClaim("BJMTR", 1, 0, 3, BigInteger.valueOf(500), 2, 200, 0, 0,
				0, 0, 1, BigInteger.valueOf(300)));
		// BJSUBWAY: charged 0+200+200+200+0+250+0+0+200+0 = 10.50 claimed. Paid S1, S2,
		// S3, S4, S6, S7 (6.50); held S9 (a conflict, 2.00) and S5 (unknown card, 0);
		// dropped the second S2 (2.00); S8 malformed (0).
		assertThat(claims.get(2)).isEqualTo(new OperatorClaim("BJSUBWAY", 1, 0, 10, BigInteger.valueOf(1050), 6, 650, 2,
				200, 1, 200, 1, BigInteger.ZERO));
		for (OperatorClaim claim : claims) {
			assertThat(claim.paidTaps() + claim.heldTaps() + claim.droppedTaps() + claim.malformedTaps())
				.isEqualTo(claim.taps());
			assertThat(BigInteger.valueOf(claim.payableFen() + claim.heldFen() + claim.droppedFen())
				.add(claim.malformedFen())).isEqualTo(claim.claimedFen());
		}
		// What is payable here is what the latest version pays each operator.
		assertThat(this.database.sql()
			.sql("SELECT partner || ' ' || net_fen FROM settlement_file WHERE clearing_date = ? AND version = 2"
					+ " AND role = 'OPERATOR' ORDER BY partner")
			.params(DATE)
			.query(String.class)
			.list()).containsExactly("BJBUS 250", "BJMTR 200", "BJSUBWAY 650");
	}

	@Test
	void aFileLoadedBeforeClaimsWereRecordedWithAMalformedRowLeavesTheClaimUnknown() {
		this.database.sql()
			.sql("UPDATE inbox_file SET control_sum_fen = NULL WHERE file_name = 'taps_BJSUBWAY_20260903_01.csv'")
			.update();

		OperatorClaim subway = this.browser.date(DATE).orElseThrow().claims().get(1);

		assertThat(subway.operator()).isEqualTo("BJSUBWAY");
		assertThat(subway.filesWithoutClaim()).isEqualTo(1);
		assertThat(subway.claimedFen()).isNull();
		assertThat(subway.malformedFen()).isNull();
		assertThat(subway.payableFen()).isEqualTo(650);
	}

	@Test
	void aVersionPublishedBeforeTheArchiveIsArchivedFromTheOutboxWhileItHoldsItsBytes() throws Exception {
		Map<String, byte[]> first = outboxFiles();
		this.database.sql().sql("DELETE FROM settlement_file_content").update();

		// Read while the outbox still holds version 1: archived then.
		assertThat(this.browser.file(DATE, 1, "settlement_20260903_HEBAO.csv").orElseThrow().content())
			.isEqualTo(first.get("settlement_20260903_HEBAO.csv"));
		assertThat(this.browser.date(DATE).orElseThrow().versions().get(0).archived()).isTrue();
		lateTapFileAndSettleAgain();

		assertThat(zip(1)).containsOnlyKeys(first.keySet());
		zip(1).forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(first.get(name)));
	}

	@Test
	void aVersionNeitherArchivedNorInTheOutboxIsSaidToBeNotArchived() throws Exception {
		this.database.sql().sql("DELETE FROM settlement_file_content").update();
		Files.write(outbox().resolve("20260903").resolve("settlement_20260903_HEBAO.csv"), new byte[] { 'x' });

		assertThatExceptionOfType(NotArchivedException.class)
			.isThrownBy(() -> this.browser.file(DATE, 1, "settlement_20260903_HEBAO.csv"))
			.withMessage("version 1 of 2026-09-03 was published before its bytes were archived, and the outbox"
					+ " no longer holds them");
		assertThat(this.browser.date(DATE).orElseThrow().versions().get(0).archived()).isFalse();
		assertThatExceptionOfType(NotArchivedException.class)
			.isThrownBy(() -> this.browser.zip(DATE, 1, new ByteArrayOutputStream()));
	}

	@Test
	void aReRunThatPublishesNothingNewArchivesTheLatestVersionFromTheOutbox() throws Exception {
		Map<String, byte[]> first = outboxFiles();
		this.database.sql().sql("DELETE FROM settlement_file_content").update();

		assertThat(cardops("run", "settle", "--date", "2026-09-03").summary()).contains("status=NOOP version=1");

		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM settlement_file_content").query(Long.class).single())
			.isEqualTo(14);
		Files.delete(outbox().resolve("20260903").resolve("settlement_20260903_summary.csv"));
		assertThat(this.browser.file(DATE, 1, "settlement_20260903_summary.csv").orElseThrow().content())
			.isEqualTo(first.get("settlement_20260903_summary.csv"));
	}

	private void lateTapFileAndSettleAgain() throws Exception {
		// A late tap file of the same clearing date: an entry, a paid 400/200 exit, and a
		// row whose card number is too short (malformed) claiming 3.00.
		this.scenario.inboxFile("taps_BJMTR_20260903_01.csv", ReconcileScenario.TAPS, 10,
				"M1," + E + ",4,2026-09-03T20:00:00+08:00,METRO,大兴线,Xingong,M01,ENTRY,0,0,STUDENT,-50",
				"M2," + E + ",5,2026-09-03T20:30:00+08:00,METRO,大兴线,Tiangongyuan,M02,EXIT,400,200,STUDENT,-250",
				"M3,3104,1,2026-09-03T21:00:00+08:00,METRO,大兴线,Tiangongyuan,M02,EXIT,600,300,STUDENT,0");
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();
		CliResult again = cardops("run", "settle", "--date", "2026-09-03");
		assertThat(again.summary()).as(again.err()).contains("status=COMPLETED version=2");
	}

	private Map<String, byte[]> outboxFiles() throws Exception {
		Map<String, byte[]> files = new TreeMap<>();
		try (var list = Files.list(outbox().resolve("20260903"))) {
			for (Path path : list.filter((p) -> p.getFileName().toString().startsWith("settlement_")).toList()) {
				files.put(path.getFileName().toString(), Files.readAllBytes(path));
			}
		}
		return files;
	}

	private Map<String, byte[]> zip(Integer version) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(this.browser.zip(DATE, version, out)).contains((version != null) ? version : 2);
		Map<String, byte[]> entries = new TreeMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}

	private static Map<String, String> key(String... pairs) {
		Map<String, String> key = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			key.put(pairs[i], pairs[i + 1]);
		}
		return key;
	}

	private static List<String> money(RowChange row) {
		return row.money()
			.stream()
			.map((MoneyChange m) -> m.column() + " " + m.beforeFen() + "→" + m.afterFen() + " "
					+ ((m.differenceFen() >= 0) ? "+" : "") + m.differenceFen())
			.toList();
	}

	private static String sha256(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(io.cardops.domain.digest.Sha256.newDigest().digest(bytes));
	}

}
