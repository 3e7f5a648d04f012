package io.cardops.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.portal.account.AccountStore;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardops demo} runs the sample year end to end; its outcomes are the ones
 * {@code sample-data/README.md} works out by hand.
 */
class DemoIntegrationTests extends CliTestSupport {

	@Test
	void demoRunsTheSampleYearInCalendarOrder() throws IOException {
		CliResult demo = cardops("demo");

		assertThat(demo.code()).as(demo.err()).isZero();
		List<String> runs = demo.out().lines().filter((line) -> line.startsWith("job=")).toList();
		assertThat(
				runs.stream().filter((line) -> line.startsWith("job=roster-import")).map((line) -> line.split(" ")[2]))
			.containsExactly("status=COMPLETED", "status=COMPLETED", "status=REJECTED", "status=NOOP",
					"status=COMPLETED", "status=HELD", "status=COMPLETED");
		assertThat(sum(runs, "job=card-events", "applied")).isEqualTo(200);
		assertThat(sum(runs, "job=card-events", "rejected")).isEqualTo(26);
		assertThat(sum(runs, "job=card-events", "files_waiting")).isEqualTo(1);
		assertThat(sum(runs, "job=card-events", "files_rejected")).isEqualTo(1);
		assertThat(runs).contains("job=expire-cards date=2026-10-01 status=NOOP expired=0",
				"job=expire-cards date=2027-10-01 status=COMPLETED expired=74",
				"job=open-renewal date=2027-07-30 status=COMPLETED window_year=2027 window_opened_on=2027-07-30"
						+ " institutions=3 cards=119 eligible=78 not_eligible=41");
		assertThat(this.database.sql()
			.sql("SELECT state || '=' || COUNT(*) FROM card GROUP BY state ORDER BY state")
			.query(String.class)
			.list()).containsExactly("ACTIVE=51", "EXPIRED=71", "LOST=9", "RETURNED=6");
		assertThat(outbox().resolve("20271008/hotlist_20271008_v20_full.csv")).exists();
		// The sample week: 27 exceptions, two of them listed again on the day they
		// resolve.
		assertThat(runs.stream().filter((line) -> line.startsWith("job=reconcile"))).hasSize(7)
			.allMatch((line) -> line.contains("status=COMPLETED"));
		assertThat(sum(runs, "job=reconcile", "exceptions")).isEqualTo(29);
		assertThat(sum(runs, "job=reconcile", "taps")).isEqualTo(331);
		assertThat(this.database.sql()
			.sql("SELECT status || '=' || COUNT(*) FROM recon_exception GROUP BY status ORDER BY status")
			.query(String.class)
			.list()).containsExactly("OPEN=25", "RESOLVED=2");
		// Settlement of the week, worked out in sample-data/README.md: 358.00 yuan of
		// taps
		// less 7.50 held or dropped; 2,195.00 of top-ups less the unknown card's 20.00
		// and
		// 12.86 of commission; the student discount less the fare mismatches.
		List<String> firstSettlements = runs.stream()
			.filter((line) -> line.startsWith("job=settle") && line.contains(" version=1 "))
			.toList();
		assertThat(firstSettlements).hasSize(7).allMatch((line) -> line.contains("status=COMPLETED version=1"));
		assertThat(sum(firstSettlements, "job=settle", "taps")).isEqualTo(331);
		assertThat(sumYuan(firstSettlements, "job=settle", "payable_yuan")).isEqualTo(35050);
		assertThat(sumYuan(firstSettlements, "job=settle", "net_receivable_yuan")).isEqualTo(216214);
		assertThat(sumYuan(firstSettlements, "job=settle", "claimable_yuan")).isEqualTo(42750);
		// On the embedded database the demo's desk releases the held 0.50 of line 332,
		// and the outbox holds version 2 of the date, which pays it.
		boolean released = !this.database.isPostgres();
		assertThat(outbox().resolve("20261013/settlement_20261013_BJBUS.csv")).content(StandardCharsets.UTF_8)
			.isEqualTo("\uFEFFclearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,charged_yuan,"
					+ "held_yuan,payable_yuan\r\n" + "2026-10-13,BJBUS,BUS,107,1,1,2.00,1.50,0.50,0.00,0.50\r\n"
					+ (released ? "2026-10-13,BJBUS,BUS,332,2,2,4.00,3.00,1.00,0.00,1.00\r\n"
							: "2026-10-13,BJBUS,BUS,332,2,1,4.00,3.00,1.00,0.50,0.50\r\n")
					+ "2026-10-13,BJBUS,BUS,394,4,4,8.00,6.00,2.00,0.00,2.00\r\n"
					+ "2026-10-13,BJBUS,BUS,601,6,5,10.00,7.50,2.50,0.00,2.50\r\n"
					+ (released ? "2026-10-13,BJBUS,TOTAL,,13,12,24.00,18.00,6.00,0.00,6.00\r\n"
							: "2026-10-13,BJBUS,TOTAL,,13,11,24.00,18.00,6.00,0.50,5.50\r\n"));
		// the exceptions' details say amounts in yuan, as their amount column does
		assertThat(outbox().resolve("20261016/exceptions_20261016.csv")).content(StandardCharsets.UTF_8)
			.contains(",10.00,payment WX20261016000001 is 20.00 yuan\r\n",
					",-2.00,\"balance before is 5.00 yuan, card_seq 9 left 7.00 yuan\"\r\n",
					",0.50,\"balance before 0.50 yuan, minimum 1.00 yuan\"\r\n");
		assertThat(outbox().resolve("20261013/exceptions_20261013.csv")).content(StandardCharsets.UTF_8)
			.contains(",1.50,expected 1.50 yuan for METRO STUDENT at 5000 bp\r\n");
		assertThat(demo.out().lines().filter((line) -> line.startsWith("== 20"))).first().isEqualTo("== 2026-08-25");
		assertDemoAccounts(demo);
		assertDesk(demo, runs);
		assertServeInbox(demo);
	}

	/**
	 * The demo leaves the inbox that {@code cardops serve} reads laid out (on the default
	 * set-up, data/inbox; this test's database is not the default, so the demo only says
	 * what the chain reads, and the test lays the inbox out as the demo would): the
	 * nightly chain then runs a night with nothing new instead of failing for want of its
	 * inbox, and a second lay-out leaves the folder as it is.
	 */
	private void assertServeInbox(CliResult demo) throws IOException {
		assertThat(demo.out()).contains(
				"== the nightly chain\nthe nightly chain of `./cardops serve` reads partners' files from its inbox"
						+ " (data/inbox/ unless --inbox says otherwise)");
		String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
		CliResult withoutInbox = cardops("schedules", "trigger", "nightly-chain", "--date", yesterday);
		assertThat(withoutInbox.code()).isEqualTo(1);
		assertThat(withoutInbox.out()).contains("status=FAILED");

		Path inbox = this.work.resolve("inbox");
		assertThat(DemoCommand.layOutInbox(inbox, SAMPLES.resolve("reference"))).contains("made now");
		assertThat(inbox.resolve("reference/partners.csv"))
			.hasSameTextualContentAs(SAMPLES.resolve("reference/partners.csv"));
		CliResult chain = cardops("schedules", "trigger", "nightly-chain", "--date", yesterday);
		assertThat(chain.code()).as(chain.out() + chain.err()).isZero();
		assertThat(chain.out()).contains("job=reconcile date=" + yesterday + " status=NOOP taps=0")
			.contains("schedule=nightly-chain date=" + yesterday + " status=COMPLETED");

		Files.writeString(inbox.resolve("reference/partners.csv"), "edited");
		assertThat(DemoCommand.layOutInbox(inbox, SAMPLES.resolve("reference"))).contains("left as it is");
		assertThat(inbox.resolve("reference/partners.csv")).hasContent("edited");
		try (java.util.stream.Stream<Path> left = Files.list(inbox)) {
			assertThat(left).as("no copying folder left behind").containsExactly(inbox.resolve("reference"));
		}
		// and a file where the folder would go is left as it is: a line, no failure
		Path other = this.work.resolve("other-inbox");
		Files.createDirectories(other);
		Files.writeString(other.resolve("reference"), "not a folder");
		assertThat(DemoCommand.layOutInbox(other, SAMPLES.resolve("reference"))).contains("left as it is");
	}

	/**
	 * On the embedded database the demo works the exception desk once, after its last
	 * settlement: finance-demo requests the release of the UNKNOWN_CARD held tap of
	 * 2026-10-13 (sample-data/README.md, exception 5: a BJBUS ride of 0.50 on a card the
	 * card master does not know), finance-checker approves it, and the settlement of
	 * 2026-10-13 publishes version 2 paying the operators exactly 0.50 more; then
	 * finance-demo closes the SEQ_CONFLICT of 2026-10-14 as REFUSED (BJSUBWAY's copy of
	 * an exit BJMTR's paid copy holds), and the SEQ_CONFLICT of 2026-10-16 is left for
	 * the user. On PostgreSQL, without demo accounts, it only says where the desk is.
	 */
	private void assertDesk(CliResult demo, List<String> runs) {
		List<String> lines = demo.out().lines().toList();
		String v1 = "job=settle date=2026-10-13 status=COMPLETED version=1 files=8 taps=64 paid=61 held=2 dropped=1"
				+ " payable_yuan=58.00 recharges=10 net_receivable_yuan=372.80 claimable_yuan=66.00";
		assertThat(runs).contains(v1);
		if (this.database.isPostgres()) {
			assertThat(lines).anyMatch((line) -> line.startsWith("== the exception desk: ./cardops exceptions list"));
			assertThat(runs).noneMatch((line) -> line.startsWith("job=settle") && line.contains(" version=2 "));
			return;
		}
		List<String> desk = lines.subList(lines.indexOf("== the exception desk"), lines.size());
		long tap = caseOf("2026-10-13", "UNKNOWN_CARD", "taps_BJBUS_20261013_01.csv", 3);
		long charged = this.database.sql()
			.sql("SELECT charged_fen FROM ledger_row WHERE source_file = 'taps_BJBUS_20261013_01.csv'"
					+ " AND source_line = 3")
			.query(Long.class)
			.single();
		// 58.00 + the tap's 0.50; one held tap fewer, one paid more; the subsidy claim
		// unchanged (a released tap's discount is not claimed)
		assertThat(charged).isEqualTo(50);
		String v2 = "job=settle date=2026-10-13 status=COMPLETED version=2 files=8 taps=64 paid=62 held=1 dropped=1"
				+ " payable_yuan=58.50 recharges=10 net_receivable_yuan=372.80 claimable_yuan=66.00";
		long refused = caseOf("2026-10-14", "SEQ_CONFLICT", "taps_BJSUBWAY_20261014_01.csv", 8);
		long left = caseOf("2026-10-16", "SEQ_CONFLICT", "taps_BJBUS_20261016_01.csv", 4);
		assertThat(desk).containsSubsequence(
				"$ ./cardops exceptions request-release " + tap + " --as finance-demo --note \"BJBUS confirms the"
						+ " card; its issue reached the card master late\"",
				"case " + tap + " (UNKNOWN_CARD of 2026-10-13, 0.50 yuan): RELEASE_REQUESTED, owner finance-demo,"
						+ " release requested by finance-demo: a second FINANCE account approves or rejects it",
				"$ ./cardops exceptions approve-release " + tap + " --as finance-checker",
				"$ ./cardops run settle --date 2026-10-13", "before: " + v1, v2,
				"payable of 2026-10-13: 58.00 -> 58.50 yuan (+0.50, the released tap's charge); the earlier version"
						+ " stays in the history and downloads as before",
				"$ ./cardops exceptions close " + refused + " --as finance-demo --resolution REFUSED --note \"the"
						+ " same exit as BJMTR's copy, which is paid\"",
				"case " + refused + " (SEQ_CONFLICT of 2026-10-14, 4.00 yuan): CLOSED REFUSED, owner finance-demo"
						+ " (card_seq already held by taps_BJMTR_20261014_01.csv:11)",
				"-- the open cases by age");
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || action || ' ' || to_state FROM case_action WHERE exception_id = ?"
					+ " ORDER BY action_id")
			.params(tap)
			.query(String.class)
			.list()).containsExactly("finance-demo request-release RELEASE_REQUESTED",
					"finance-checker approve-release CLOSED");
		assertThat(this.database.sql()
			.sql("SELECT version FROM settlement_file_content WHERE clearing_date = DATE '2026-10-13'"
					+ " AND file_name = 'settlement_20261013_BJBUS.csv' ORDER BY version")
			.query(Integer.class)
			.list()).containsExactly(1, 2);
		// the 2026-10-14 settlement is not published again: the conflicting copy stays
		// unpaid
		assertThat(runs)
			.noneMatch((line) -> line.startsWith("job=settle date=2026-10-14") && line.contains("version=2"));
		// the aging table: the 27 cases but the released and the refused one, as of
		// today
		assertThat(desk).anyMatch((line) -> line.matches("TOTAL +.* 25 / 242\\.00"));
		assertThat(desk).containsSubsequence(
				"try it: case " + left + ", the SEQ_CONFLICT held tap of 2026-10-16 (0.50 yuan), is NEW: see which"
						+ " copy is paid, then close it",
				"  ./cardops exceptions show " + left, "  ./cardops exceptions close " + left
						+ " --as finance-demo --resolution REFUSED --note \"the same boarding from a second validator\"");
		// and: what the user is told to run shows which copy is paid
		CliResult show = cardops("exceptions", "show", String.valueOf(left));
		assertThat(show.code()).as(show.err()).isZero();
		assertThat(show.out()).contains("  accepted copy          taps_BJBUS_20261016_01.csv line 3 (BJBUS, 0.50 yuan,"
				+ " paid to BJBUS) holds this card_seq: releasing this copy pays a second transaction for it, right"
				+ " only if both were real; otherwise close it (REFUSED)");

		// when: the demo runs again on its database: nothing new to settle, the tap found
		// released
		CliResult again = cardops("demo");

		assertThat(again.code()).as(again.err()).isZero();
		assertThat(again.out()).contains("job=settle date=2026-10-13 status=NOOP version=2",
				"case " + tap + ", the UNKNOWN_CARD held tap of 2026-10-13, was released by an earlier demo",
				"try it: case " + left + ", the SEQ_CONFLICT held tap of 2026-10-16 (0.50 yuan), is NEW:");
		assertThat(again.out()).doesNotContain("status=COMPLETED version=3", "exceptions close " + refused);
		assertThat(again.out().lines()).anyMatch((line) -> line.matches("TOTAL +.* 25 / 242\\.00"));
	}

	private long caseOf(String date, String category, String file, int line) {
		return this.database.sql()
			.sql("SELECT exception_id FROM recon_exception WHERE clearing_date = DATE '" + date + "'"
					+ " AND category = ? AND source_file = ? AND source_line = ?")
			.params(category, file, line)
			.query(Long.class)
			.single();
	}

	/**
	 * On the embedded database the demo makes one account per role, and a second FINANCE
	 * account for the four eyes of a release, and prints each password once; the
	 * passwords sign in, and a second demo's new ones replace them. On PostgreSQL it
	 * makes none and says why. Either way its last line says what to do next.
	 */
	private void assertDemoAccounts(CliResult demo) {
		List<String> lines = demo.out().lines().toList();
		if (this.database.isPostgres()) {
			assertThat(lines).last()
				.isEqualTo("`./cardops serve`, then open http://localhost:8080,"
						+ " and sign in with an account made by ./cardops users add");
			assertThat(demo.out()).contains("no demo accounts on PostgreSQL");
			assertThat(this.database.sql().sql("SELECT COUNT(*) FROM portal_account").query(Long.class).single())
				.isZero();
			return;
		}
		assertThat(lines).last().isEqualTo("`./cardops serve`, then open http://localhost:8080");
		Map<String, String> passwords = passwords(demo.out());
		assertThat(passwords).containsOnlyKeys("ops-demo", "finance-demo", "finance-checker", "ucas-registry");
		assertThat(this.database.sql()
			.sql("SELECT name || ' ' || role || ' ' || COALESCE(institution, '-') FROM portal_account ORDER BY name")
			.query(String.class)
			.list()).containsExactly("finance-checker FINANCE -", "finance-demo FINANCE -", "ops-demo OPS -",
					"ucas-registry UNIVERSITY UCAS");
		try (ConfigurableApplicationContext context = session().open()) {
			Accounts accounts = context.getBean(Accounts.class);
			AccountStore store = context.getBean(AccountStore.class);
			passwords.forEach((name, password) -> assertThat(signsIn(store, name, password)).as(name).isTrue());

			// when: the demo runs again (its accounts exist): new passwords, the old ones
			// no longer sign in
			List<DemoAccounts.Signed> again = DemoAccounts.createOrReset(accounts);
			assertThat(again).allMatch(DemoAccounts.Signed::existed);
			for (DemoAccounts.Signed signed : again) {
				String name = signed.demo().name();
				assertThat(signed.password()).isNotEqualTo(passwords.get(name));
				assertThat(signsIn(store, name, signed.password())).as(name).isTrue();
				assertThat(signsIn(store, name, passwords.get(name))).as(name).isFalse();
			}
		}
	}

	private static boolean signsIn(AccountStore store, String name, String password) {
		return store.credentials(name)
			.filter((credentials) -> credentials.enabled() && Secrets.matches(password, credentials.passwordHash()))
			.isPresent();
	}

	/** The passwords the demo printed, by account. */
	static Map<String, String> passwords(String out) {
		Map<String, String> passwords = new java.util.LinkedHashMap<>();
		Matcher matcher = Pattern.compile("(?m)^(\\S+)\\s+(OPS|FINANCE|UNIVERSITY)\\s.*password: (\\S+)").matcher(out);
		while (matcher.find()) {
			passwords.put(matcher.group(1), matcher.group(3));
		}
		return passwords;
	}

	private static long sumYuan(List<String> runs, String job, String key) {
		return runs.stream()
			.filter((line) -> line.startsWith(job + " "))
			.flatMap((line) -> java.util.Arrays.stream(line.split(" ")))
			.filter((pair) -> pair.startsWith(key + "="))
			.mapToLong((pair) -> Long.parseLong(pair.substring(key.length() + 1).replace(".", "")))
			.sum();
	}

	private static long sum(List<String> runs, String job, String key) {
		return runs.stream()
			.filter((line) -> line.startsWith(job + " "))
			.flatMap((line) -> java.util.Arrays.stream(line.split(" ")))
			.filter((pair) -> pair.startsWith(key + "="))
			.mapToLong((pair) -> Long.parseLong(pair.substring(key.length() + 1)))
			.sum();
	}

}
