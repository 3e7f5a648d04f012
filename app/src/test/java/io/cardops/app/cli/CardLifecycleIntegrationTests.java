package io.cardops.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.cardops.domain.digest.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card-events, expire-cards and open-renewal jobs end to end through the command
 * line, on the build's database, with UCAS's sample roster of 2026-08-25 applied.
 */
class CardLifecycleIntegrationTests extends CliTestSupport {

	/** Eligible students of the sample UCAS roster (graduating 2028 or later). */
	static final String ALICE = "2023E8015361474";

	static final String BOB = "2024E8014621291";

	static final String CAROL = "2025E8017703005";

	/** Not eligible: SUSPENDED, salaried, graduating 2027-06-30. */
	static final String SUSPENDED = "2024E8014621355";

	static final String SALARIED = "2025E8017703092";

	static final String GRADUATING = "2024E8013282832";

	static final String CARD_A = "3104000000000000001";

	static final String CARD_B = "3104000000000000002";

	static final String CARD_C = "3104000000000000003";

	static final String CARD_D = "3104000000000000004";

	static final String HEADER = "event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen\n";

	@BeforeEach
	void rosterApplied() {
		loadReference();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString()).code())
			.isZero();
	}

	@Test
	void issuesCardsAndRejectsIneligibleOrMalformedEventsWithReasons() throws Exception {
		eventFile("cardevents_BMAC_APP_20260901_01.csv",
				"E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n"
						+ "E2,ISSUE,2026-09-01T09:05:00+08:00," + CARD_B + ",UCAS," + BOB + ",ANDROID,\n"
						+ "E3,ISSUE,2026-09-01T09:10:00+08:00," + CARD_C + ",UCAS," + SUSPENDED + ",IOS,\n"
						+ "E4,ISSUE,2026-09-01T09:15:00+08:00,31040000000000000,UCAS," + CAROL + ",IOS,\n"
						+ "E5,ISSUE,2026-09-01T09:20:00+08:00," + CARD_D + ",UCAS," + SALARIED + ",IOS,\n"
						+ "E6,ISSUE,2026-09-01T09:25:00+08:00," + CARD_C + ",UCAS," + ALICE + ",IOS,\n"
						+ "E7,ISSUE,2026-09-01T09:30:00+08:00," + CARD_D + ",UCAS,NOBODY1,ANDROID,\n");

		CliResult result = cardops("run", "card-events", "--date", "2026-09-01");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary())
			.isEqualTo("job=card-events date=2026-09-01 status=COMPLETED files=1 files_waiting=0"
					+ " files_rejected=0 events=7 applied=2 rejected=5 issued=2 renewed=0 reported_lost=0 returned=0"
					+ " hotlist_version=1 hotlist_published=Y blocked=0 newly_blocked=0");
		assertThat(card(CARD_A)).containsEntry("state", "ACTIVE")
			.containsEntry("valid_until", java.sql.Date.valueOf("2027-09-30"))
			.containsEntry("channel", "BMAC_APP")
			.containsEntry("device", "IOS");
		assertThat(this.database.sql()
			.sql("SELECT last_seq, balance_fen FROM card_ledger WHERE card_no = ?")
			.params(CARD_A)
			.query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2))
			.single()).isEqualTo("0/0");
		assertThat(published("20260901/cardevent_rejects_20260901.csv"))
			.isEqualTo("source_file,line,event_id,card_no,reason\r\n" + "cardevents_BMAC_APP_20260901_01.csv,4,E3,"
					+ CARD_C + ",student not eligible: NOT_ENROLLED\r\n"
					+ "cardevents_BMAC_APP_20260901_01.csv,5,E4,31040000000000000,card_no must be exactly 19 digits\r\n"
					+ "cardevents_BMAC_APP_20260901_01.csv,6,E5," + CARD_D + ",student not eligible: SALARIED\r\n"
					+ "cardevents_BMAC_APP_20260901_01.csv,7,E6," + CARD_C + ",student already holds ACTIVE card "
					+ CARD_A + "\r\n" + "cardevents_BMAC_APP_20260901_01.csv,8,E7," + CARD_D
					+ ",student not eligible: NOT_ON_ROSTER\r\n");
		assertThat(published("20260901/hotlist_20260901_v1_full.csv"))
			.isEqualTo("version,card_no,action,reason,since\r\n");
		assertThat(published("20260901/hotlist_20260901_v1_delta.csv"))
			.isEqualTo("version,card_no,action,reason,since\r\n");
	}

	@Test
	void lossAndReturnBlockCardsInANewHotlistVersionAndARerunChangesNothing() throws Exception {
		eventFile("cardevents_BMAC_APP_20260901_01.csv", "E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS,"
				+ ALICE + ",IOS,\n" + "E2,ISSUE,2026-09-01T09:05:00+08:00," + CARD_B + ",UCAS," + BOB + ",ANDROID,\n");
		cardops("run", "card-events", "--date", "2026-09-01");
		// Events of both files are applied together in occurred_at order: the loss comes
		// before the new issue.
		eventFile("cardevents_HEBAO_20260903_01.csv", "H1,ISSUE,2026-09-03T10:00:00+08:00," + CARD_C + ",UCAS," + ALICE
				+ ",ANDROID,\n" + "H2,RETURN,2026-09-02T18:00:00+08:00," + CARD_B + ",UCAS," + BOB + ",ANDROID,1500\n");
		eventFile("cardevents_COUNTER_20260903_01.csv",
				"C1,REPORT_LOST,2026-09-03T08:30:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n");

		CliResult result = cardops("run", "card-events", "--date", "2026-09-03");
		CliResult rerun = cardops("run", "card-events", "--date", "2026-09-03");

		assertThat(result.summary()).contains("status=COMPLETED", "files=2", "applied=3", "rejected=0", "issued=1",
				"reported_lost=1", "returned=1", "hotlist_version=2", "blocked=2", "newly_blocked=2");
		assertThat(card(CARD_A)).containsEntry("state", "LOST");
		assertThat(card(CARD_B)).containsEntry("state", "RETURNED").containsEntry("refund_fen", 1500L);
		assertThat(card(CARD_C)).containsEntry("state", "ACTIVE");
		String blocked = "2,3104000000000000001,BLOCK,LOST,2026-09-03T08:30:00+08:00\r\n"
				+ "2,3104000000000000002,BLOCK,RETURNED,2026-09-02T18:00:00+08:00\r\n";
		assertThat(published("20260903/hotlist_20260903_v2_full.csv"))
			.isEqualTo("version,card_no,action,reason,since\r\n" + blocked);
		assertThat(published("20260903/hotlist_20260903_v2_delta.csv"))
			.isEqualTo("version,card_no,action,reason,since\r\n" + blocked);
		assertThat(rerun.code()).isZero();
		assertThat(rerun.summary()).contains("status=NOOP", "files=0", "hotlist_version=2", "hotlist_published=N");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card_event").query(Long.class).single()).isEqualTo(5);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM hotlist_version").query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void aCardIssuedAndReturnedInOneRunKeepsItsRefund() throws Exception {
		// Issued on 09-01 and returned the day after, both in the file of 09-03: the card
		// is created already RETURNED, and its refund must not be lost on the way.
		eventFile("cardevents_BMAC_APP_20260903_01.csv", "E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_B + ",UCAS," + BOB
				+ ",ANDROID,\n" + "E2,RETURN,2026-09-02T09:00:00+08:00," + CARD_B + ",UCAS," + BOB + ",ANDROID,1234\n");

		CliResult result = cardops("run", "card-events", "--date", "2026-09-03");
		CliResult trace = cardops("trace", "--card", CARD_B);

		assertThat(result.summary()).contains("status=COMPLETED", "applied=2", "issued=1", "returned=1");
		assertThat(card(CARD_B)).containsEntry("state", "RETURNED").containsEntry("refund_fen", 1234L);
		assertThat(trace.out()).contains("refunded     12.34 yuan");
	}

	@Test
	void traceTellsACardsStoryWithFilesAndLines() throws Exception {
		eventFile("cardevents_BMAC_APP_20260901_01.csv", "E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS,"
				+ ALICE + ",IOS,\n" + "E2,RETURN,2026-09-01T10:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,0\n");
		cardops("run", "card-events", "--date", "2026-09-01");
		eventFile("cardevents_COUNTER_20260903_01.csv",
				"C1,REPORT_LOST,2026-09-03T08:30:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n");
		cardops("run", "card-events", "--date", "2026-09-03");

		CliResult trace = cardops("trace", "--card", CARD_A);
		CliResult unknown = cardops("trace", "--card", CARD_D);
		CliResult malformed = cardops("trace", "--card", "123");

		assertThat(trace.code()).isZero();
		assertThat(trace.out()).contains("card " + CARD_A, "holder       UCAS / " + ALICE,
				"ENROLLED on the latest roster", "state        LOST since 2026-09-03T08:30:00+08:00",
				"valid until  2027-09-30", "issued       2026-09-01T09:00:00+08:00 via BMAC_APP, IOS",
				"ledger       card_seq 0, balance 0.00 yuan (as of 2026-09-01)",
				"2026-09-01T09:00:00+08:00  ISSUE       BMAC_APP E1", "(cardevents_BMAC_APP_20260901_01.csv:2)",
				"2026-09-03T08:30:00+08:00  REPORT_LOST COUNTER  C1", "ACTIVE -> LOST",
				"cardevents_BMAC_APP_20260901_01.csv:3  E2  an IOS card can be returned from 2026-10-01",
				"v2 (2026-09-03)  BLOCK LOST since 2026-09-03T08:30:00+08:00");
		assertThat(unknown.code()).isEqualTo(3);
		assertThat(unknown.err()).contains("no record of card " + CARD_D);
		assertThat(malformed.code()).isEqualTo(2);
	}

	@Test
	void renewalWindowExpiryAndRenewalAfterExpiry() throws Exception {
		eventFile("cardevents_BMAC_APP_20260901_01.csv",
				"E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n"
						+ "E2,ISSUE,2026-09-01T09:05:00+08:00," + CARD_B + ",UCAS," + GRADUATING + ",ANDROID,\n"
						+ "E3,ISSUE,2026-09-01T09:10:00+08:00," + CARD_C + ",UCAS," + BOB + ",ANDROID,\n");
		cardops("run", "card-events", "--date", "2026-09-01");
		eventFile("cardevents_BMAC_APP_20270720_01.csv",
				"E4,RENEW,2027-07-20T10:00:00+08:00," + CARD_C + ",UCAS," + BOB + ",ANDROID,\n");
		CliResult early = cardops("run", "card-events", "--date", "2027-07-20");

		CliResult tooEarly = cardops("run", "open-renewal", "--date", "2027-07-29");
		CliResult open = cardops("run", "open-renewal", "--date", "2027-07-30", "--force");
		CliResult openAgain = cardops("run", "open-renewal", "--date", "2027-07-30", "--force");

		assertThat(early.summary()).contains("applied=0", "rejected=1");
		assertThat(published("20270720/cardevent_rejects_20270720.csv"))
			.contains(",E4," + CARD_C + ",renewal window for 2027 is not open\r\n");
		assertThat(tooEarly.code()).isEqualTo(2);
		assertThat(tooEarly.err()).contains("--date 2027-07-29 is before 2027-07-30");
		assertThat(open.code()).isZero();
		assertThat(open.summary()).isEqualTo("job=open-renewal date=2027-07-30 status=COMPLETED window_year=2027"
				+ " window_opened_on=2027-07-30 institutions=3 cards=3 eligible=2 not_eligible=1");
		assertThat(openAgain.summary()).isEqualTo("job=open-renewal date=2027-07-30 status=NOOP window_year=2027"
				+ " window_opened_on=2027-07-30 institutions=3 cards=3 eligible=2 not_eligible=1");
		String ucas = published("20270730/renewal_eligibility_20270730_UCAS.csv");
		assertThat(ucas).startsWith("card_no,student_no,name,valid_until,eligible,reason\r\n")
			.contains(CARD_A + "," + ALICE + ",")
			.contains(",2027-09-30,Y,\r\n")
			.contains(CARD_B + "," + GRADUATING + ",")
			.contains(",2027-09-30,N,GRADUATING\r\n");
		assertThat(published("20270730/renewal_eligibility_20270730_PKU.csv"))
			.isEqualTo("card_no,student_no,name,valid_until,eligible,reason\r\n");

		eventFile("cardevents_HEBAO_20270815_01.csv",
				"R1,RENEW,2027-08-15T10:00:00+08:00," + CARD_C + ",UCAS," + BOB + ",ANDROID,\n"
						+ "R2,RENEW,2027-08-15T10:05:00+08:00," + CARD_B + ",UCAS," + GRADUATING + ",ANDROID,\n");
		CliResult renewed = cardops("run", "card-events", "--date", "2027-08-15");
		CliResult expired = cardops("run", "expire-cards", "--date", "2027-10-01", "--force");
		CliResult expiredAgain = cardops("run", "expire-cards", "--date", "2027-10-01", "--force");

		assertThat(renewed.summary()).contains("applied=1", "rejected=1", "renewed=1");
		// The lists stay as published on July 30, the renewed card on them.
		assertThat(cardops("run", "open-renewal", "--date", "2027-07-30", "--force").summary()).contains("status=NOOP",
				"cards=3 eligible=2");
		assertThat(published("20270730/renewal_eligibility_20270730_UCAS.csv")).isEqualTo(ucas);
		assertThat(card(CARD_C)).containsEntry("valid_until", java.sql.Date.valueOf("2028-09-30"));
		assertThat(expired.summary()).isEqualTo("job=expire-cards date=2027-10-01 status=COMPLETED expired=2");
		assertThat(published("20271001/expired_cards_20271001.csv"))
			.isEqualTo("card_no,institution,student_no,valid_until\r\n" + CARD_A + ",UCAS," + ALICE + ",2027-09-30\r\n"
					+ CARD_B + ",UCAS," + GRADUATING + ",2027-09-30\r\n");
		assertThat(expiredAgain.code()).isZero();
		assertThat(expiredAgain.summary()).isEqualTo("job=expire-cards date=2027-10-01 status=NOOP expired=0");
		assertThat(card(CARD_A)).containsEntry("state", "EXPIRED");
		assertThat(card(CARD_C)).containsEntry("state", "ACTIVE");

		eventFile("cardevents_COUNTER_20271008_01.csv",
				"K1,RENEW,2027-10-08T10:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n");
		CliResult afterExpiry = cardops("run", "card-events", "--date", "2027-10-08");

		assertThat(afterExpiry.summary()).contains("applied=1", "renewed=1");
		assertThat(card(CARD_A)).containsEntry("state", "ACTIVE")
			.containsEntry("valid_until", java.sql.Date.valueOf("2028-09-30"));
	}

	@Test
	void theCalendarsJobsForADateStillToComeAreRefusedUnlessForced() throws Exception {
		// Two days on, so that a midnight in Asia/Shanghai between here and the command
		// still leaves it ahead.
		LocalDate ahead = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
		LocalDate nextWindow = LocalDate.of(ahead.getYear() + 1, 7, 30);

		CliResult expiry = cardops("run", "expire-cards", "--date", ahead.toString());
		CliResult renewal = cardops("run", "open-renewal", "--date", nextWindow.toString());

		assertThat(expiry.code()).isEqualTo(2);
		assertThat(expiry.err()).contains("expire-cards --date " + ahead + " is after today (",
				"Asia/Shanghai): an expiry run early expires cards that are still valid; the schedule runs it on its"
						+ " day. Add --force to run it for " + ahead + " anyway");
		assertThat(renewal.code()).isEqualTo(2);
		assertThat(renewal.err()).contains("open-renewal --date " + nextWindow + " is after today (",
				"a renewal window opened early publishes lists judged on today's rosters");
		assertThat(cardops("runs").out()).doesNotContain("expire-cards").doesNotContain("open-renewal");
		CliResult forced = cardops("run", "expire-cards", "--date", ahead.toString(), "--force");
		assertThat(forced.code()).isZero();
		assertThat(forced.summary()).startsWith("job=expire-cards date=" + ahead + " status=");
	}

	@Test
	void controlFilesDecideWhatIsLoaded() throws Exception {
		eventFile("cardevents_BMAC_APP_20260901_01.csv",
				"E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",IOS,\n");
		// It carries a column files.md does not know: ignored with a warning.
		Path waiting = write("cardevents_BMAC_APP_20260901_02.csv", HEADER.replace("\n", ",note\n") + "E2,ISSUE,"
				+ "2026-09-01T09:05:00+08:00," + CARD_B + ",UCAS," + BOB + ",ANDROID,,sent twice\n");
		Path mismatched = eventFile("cardevents_HEBAO_20260901_01.csv",
				"H1,ISSUE,2026-09-01T09:10:00+08:00," + CARD_C + ",UCAS," + CAROL + ",ANDROID,\n");
		Files.writeString(mismatched.resolveSibling(mismatched.getFileName() + ".ctl"),
				Files.readString(mismatched.resolveSibling(mismatched.getFileName() + ".ctl"))
					.replace("records=1", "records=2"));

		CliResult first = cardops("run", "card-events", "--date", "2026-09-01");

		assertThat(first.summary()).contains("files=2", "files_waiting=1", "files_rejected=1", "applied=1");
		assertThat(published("20260901/inbox_rejects_20260901.csv")).isEqualTo("source_file,reason\r\n"
				+ "cardevents_HEBAO_20260901_01.csv,\"control file says records=2, the file has 1\"\r\n");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single()).isEqualTo(1);

		// The waiting file's control file arrives; the first file is changed under its
		// old name.
		writeControl(waiting);
		eventFile("cardevents_BMAC_APP_20260901_01.csv",
				"E1,ISSUE,2026-09-01T09:00:00+08:00," + CARD_A + ",UCAS," + ALICE + ",ANDROID,\n");
		CliResult second = cardops("run", "card-events", "--date", "2026-09-01");

		assertThat(second.summary()).contains("files=2", "files_waiting=0", "files_rejected=1", "applied=1",
				"issued=1");
		assertThat(second.err())
			.contains("warning: cardevents_BMAC_APP_20260901_02.csv: line 1: unknown column note ignored\n");
		assertThat(published("20260901/inbox_rejects_20260901.csv")).contains(
				"cardevents_BMAC_APP_20260901_01.csv,a file of this name was already received with other content\r\n");
		assertThat(card(CARD_A)).containsEntry("device", "IOS");
		assertThat(card(CARD_B)).containsEntry("state", "ACTIVE");
	}

	@Test
	void aFileRejectedForItsControlFileIsTakenOnceTheControlFileIsCorrected() throws Exception {
		Path file = eventFile("cardevents_HEBAO_20260902_01.csv",
				"H1,ISSUE,2026-09-02T09:10:00+08:00," + CARD_C + ",UCAS," + CAROL + ",ANDROID,\n");
		Path control = file.resolveSibling(file.getFileName() + ".ctl");
		Files.writeString(control, Files.readString(control).replace("records=1", "records=2"));

		CliResult rejected = cardops("run", "card-events", "--date", "2026-09-02");
		CliResult again = cardops("run", "card-events", "--date", "2026-09-02");
		writeControl(file);
		CliResult corrected = cardops("run", "card-events", "--date", "2026-09-02");
		CliResult rerun = cardops("run", "card-events", "--date", "2026-09-02");

		assertThat(rejected.summary()).contains("files=1", "files_rejected=1", "applied=0");
		// The same data and the same control file: nothing new.
		assertThat(again.summary()).contains("status=NOOP", "files=0");
		assertThat(corrected.summary()).contains("status=COMPLETED", "files=1", "files_rejected=0", "applied=1",
				"issued=1");
		assertThat(card(CARD_C)).containsEntry("state", "ACTIVE");
		// The list published after the rejection is published again, without the file.
		assertThat(published("20260902/inbox_rejects_20260902.csv")).isEqualTo("source_file,reason\r\n");
		assertThat(rerun.summary()).contains("status=NOOP", "files=0", "applied=0");
	}

	private Map<String, Object> card(String cardNo) {
		return this.database.sql()
			.sql("SELECT state, valid_until, channel, device, refund_fen FROM card WHERE card_no = ?")
			.params(cardNo)
			.query()
			.singleRow();
	}

	private String published(String relative) throws IOException {
		byte[] bytes = Files.readAllBytes(outbox().resolve(relative));
		String control = Files.readString(outbox().resolve(relative + ".ctl"));
		assertThat(control).endsWith("sha256=" + HexFormat.of().formatHex(sha256(bytes)) + "\n");
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		return text.substring(1);
	}

	private Path eventFile(String name, String rows) throws Exception {
		Path file = write(name, HEADER + rows);
		writeControl(file);
		return file;
	}

	private void writeControl(Path file) throws Exception {
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.remove(0);
		long sum = 0;
		for (String line : lines) {
			String[] cells = line.split(",", -1);
			sum += cells[7].isEmpty() ? 0 : Long.parseLong(cells[7]);
		}
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"), "records=" + lines.size() + "\nsum_fen="
				+ sum + "\nsha256=" + HexFormat.of().formatHex(sha256(Files.readAllBytes(file))) + "\n");
	}

	private static byte[] sha256(byte[] bytes) {
		return Sha256.newDigest().digest(bytes);
	}

}
