package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception desk from the command line, walking desk.md's "Done when" on the
 * hand-checked reconciliation scenario ({@link ReconcileScenario}, 2026-09-03: fourteen
 * exceptions, every category): two FINANCE accounts release a held tap with four eyes and
 * the next settlement pays exactly its charge; a flag is written off and reopened, each
 * with a note; every refusal exits 2 with its reason and changes nothing; the trail and
 * the aging table show it all.
 */
class ExceptionsCommandIntegrationTests extends CliTestSupport {

	static final String A = ReconcileScenario.A;

	static final String DATE = "2026-09-03";

	private final ReconcileScenario scenario = new ReconcileScenario(this);

	@BeforeEach
	void settledDayWithAccounts() throws Exception {
		this.scenario.issueCards();
		this.scenario.dayOne();
		assertThat(cardops("run", "reconcile", "--date", DATE).code()).isZero();
		assertThat(cardops("run", "settle", "--date", DATE).summary())
			.startsWith("job=settle date=2026-09-03 status=COMPLETED version=1");
		for (String[] account : new String[][] { { "li.ming", "FINANCE" }, { "wang.fang", "FINANCE" },
				{ "zhao.lei", "OPS" }, { "chen.jing", "FINANCE" } }) {
			CliResult added = cardops("users", "add", account[0], "--role", account[1]);
			assertThat(added.code()).as(added.err()).isZero();
		}
		CliResult registry = cardops("users", "add", "ucas-registry", "--role", "UNIVERSITY", "--institution", "UCAS");
		assertThat(registry.code()).as(registry.err()).isZero();
		assertThat(cardops("users", "disable", "chen.jing").code()).isZero();
	}

	@Test
	void aHeldTapReleasedWithFourEyesIsPaidByTheNextSettlementOfItsDate() throws Exception {
		// the SEQ_CONFLICT of the scenario: S9, BJSUBWAY L1, an EXIT of 4.00 charged 2.00
		long conflict = caseOf("SEQ_CONFLICT");
		List<String> v1Operator = rows("BJSUBWAY");

		CliResult requested = cardops("exceptions", "request-release", String.valueOf(conflict), "--as", "li.ming",
				"--note", "BJBUS reported the same boarding");

		assertThat(requested.code()).as(requested.err()).isZero();
		assertThat(requested.out().strip()).isEqualTo("case " + conflict
				+ " (SEQ_CONFLICT of 2026-09-03, 2.00 yuan): RELEASE_REQUESTED, owner li.ming, release requested by"
				+ " li.ming: a second FINANCE account approves or rejects it");
		// the requester approving, and an OPS account approving: refused, nothing changed
		assertRefused(new String[] { "exceptions", "approve-release", String.valueOf(conflict), "--as", "li.ming" },
				"li.ming requested this release: a second FINANCE account must approve it (four eyes)");
		assertRefused(new String[] { "exceptions", "approve-release", String.valueOf(conflict), "--as", "zhao.lei" },
				"only a FINANCE account approves a release; zhao.lei is OPS");

		CliResult approved = cardops("exceptions", "approve-release", String.valueOf(conflict), "--as", "wang.fang");

		assertThat(approved.code()).as(approved.err()).isZero();
		assertThat(approved.out().strip()).startsWith("case " + conflict
				+ " (SEQ_CONFLICT of 2026-09-03, 2.00 yuan): CLOSED RELEASED, owner li.ming; paid from the next"
				+ " settlement of 2026-09-03");
		// the card's trace says the tap was released, and the case's state beside the
		// exception's system status
		String card = this.database.sql()
			.sql("SELECT card_no FROM recon_exception WHERE exception_id = ?")
			.params(conflict)
			.query(String.class)
			.single();
		List<String> trace = cardops("trace", "--card", card).out().lines().toList();
		assertThat(trace).filteredOn((line) -> line.contains("CONFLICT/HELD"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("(taps_BJSUBWAY_20260903_01.csv:5)  released 20")
			.endsWith(", paid from then on");
		assertThat(trace).filteredOn((line) -> line.contains("SEQ_CONFLICT"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.endsWith("case " + conflict + " CLOSED RELEASED");
		// a released tap cannot be reopened
		assertRefused(new String[] { "exceptions", "reopen", String.valueOf(conflict), "--as", "wang.fang", "--note",
				"changed my mind" }, "a released tap cannot be reopened");

		CliResult settled = cardops("run", "settle", "--date", DATE);

		// then: version 2, S9 paid: 11 + 1 paid, 3 - 1 held, payable 9.00 + 2.00; the
		// subsidy claim stays 13.00 (a released tap's discount is not claimed)
		assertThat(settled.code()).as(settled.err()).isZero();
		assertThat(settled.summary()).isEqualTo("job=settle date=2026-09-03 status=COMPLETED version=2 files=7 taps=15"
				+ " paid=12 held=2 dropped=1 payable_yuan=11.00 recharges=6 net_receivable_yuan=120.80"
				+ " claimable_yuan=13.00");
		// v1, L1: held S9 200 (S5 0, S8 malformed), payable S2 200 + S7 200 = 400, two
		// trips. v2: S9 paid, a third trip: held 0, payable 600.
		assertThat(v1Operator).containsExactly(SettleIntegrationTests.OPERATOR,
				"2026-09-03,BJSUBWAY,METRO,L1,8,2,12.00,6.00,6.00,2.00,4.00",
				"2026-09-03,BJSUBWAY,METRO,L2,2,1,4.00,1.50,2.50,0.00,2.50",
				"2026-09-03,BJSUBWAY,TOTAL,,10,3,16.00,7.50,8.50,2.00,6.50");
		assertThat(rows("BJSUBWAY")).containsExactly(SettleIntegrationTests.OPERATOR,
				"2026-09-03,BJSUBWAY,METRO,L1,8,3,12.00,6.00,6.00,0.00,6.00",
				"2026-09-03,BJSUBWAY,METRO,L2,2,1,4.00,1.50,2.50,0.00,2.50",
				"2026-09-03,BJSUBWAY,TOTAL,,10,4,16.00,7.50,8.50,0.00,8.50");
		assertThat(rows("summary")).contains("2026-09-03,BJSUBWAY,OPERATOR,10,8.50,0.00,8.50,ISSUER_PAYS",
				"2026-09-03,BJBUS,OPERATOR,5,2.50,0.00,2.50,ISSUER_PAYS");
		assertThat(rows("BJ_SUBSIDY")).containsExactly(SettleIntegrationTests.SUBSIDY,
				"2026-09-03,BJBUS,BUS,5,7.50,0.00,7.50", "2026-09-03,BJSUBWAY,METRO,3,5.50,0.00,5.50",
				"2026-09-03,,TOTAL,8,13.00,0.00,13.00");
		// the payable moved by exactly the tap's charge, read from its source row
		long charged = this.database.sql()
			.sql("SELECT charged_fen FROM ledger_row WHERE source_file = 'taps_BJSUBWAY_20260903_01.csv'"
					+ " AND source_line = 5")
			.query(Long.class)
			.single();
		assertThat(charged).isEqualTo(200);
		assertThat(net("BJSUBWAY", 2) - net("BJSUBWAY", 1)).isEqualTo(charged);
		assertThat(net("BJBUS", 2)).isEqualTo(net("BJBUS", 1));
		// version 1 is kept, byte for byte, and still reads as it was published
		assertThat(this.database.sql()
			.sql("SELECT version FROM settlement_version WHERE clearing_date = DATE '2026-09-03' ORDER BY version")
			.query(Integer.class)
			.list()).containsExactly(1, 2);
		assertThat(storedRows(1, "BJSUBWAY")).isEqualTo(v1Operator);
		assertThat(storedRows(2, "BJSUBWAY")).isEqualTo(rows("BJSUBWAY"));
		// the trail, in order, and the audit log naming the accounts from the command
		// line
		CliResult shown = cardops("exceptions", "show", String.valueOf(conflict));
		assertThat(shown.code()).as(shown.err()).isZero();
		assertThat(shown.out()).contains("case_state             CLOSED", "resolution             RELEASED",
				"source row (taps_BJSUBWAY_20260903_01.csv line 5, as received)", "charged_yuan           2.00",
				"txn_id                 S9");
		assertThat(shown.out()).doesNotContain("ext_id", "happened_at", "line_name", "amount_yuan");
		assertThat(trail(shown.out())).containsExactly(
				"li.ming request-release NEW -> RELEASE_REQUESTED note: BJBUS reported the same boarding",
				"wang.fang approve-release RELEASE_REQUESTED -> CLOSED RELEASED");
		assertThat(shown.out()).contains("no action can be taken on it");
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || outcome FROM audit_event"
					+ " WHERE object = ? ORDER BY event_id")
			.params("exception " + conflict)
			.query(String.class)
			.list()
			.stream()
			// (the command line's source names the system user and host who ran it)
			.map((row) -> row.replaceFirst(" cli \\S+@\\S+ ", " cli "))
			.toList()).containsExactly("li.ming cli exception.request-release OK",
					"li.ming cli exception.approve-release FAILED", "zhao.lei cli exception.approve-release FAILED",
					"wang.fang cli exception.approve-release OK", "wang.fang cli exception.reopen FAILED");
	}

	@Test
	void aReleaseThatChangesNoAmountStillPublishesAVersionAndTheDateIsSettled() {
		// given: the held ENTRY of an unknown card, charged 0.00, released: no file of
		// the date changes by a byte
		long zero = this.database.sql()
			.sql("SELECT exception_id FROM recon_exception WHERE category = 'UNKNOWN_CARD' AND amount_fen = 0"
					+ " AND source_file LIKE 'taps_%' AND clearing_date = DATE '2026-09-03'")
			.query(Long.class)
			.single();
		assertThat(cardops("exceptions", "request-release", String.valueOf(zero), "--as", "li.ming", "--note",
				"the card was issued the day before")
			.code()).isZero();
		assertThat(cardops("exceptions", "approve-release", String.valueOf(zero), "--as", "wang.fang").code()).isZero();

		// when
		CliResult settled = cardops("run", "settle", "--date", DATE);

		// then: version 2 counts it as paid (desk.md: a release publishes a new version),
		// with the same bytes as version 1; settled again, nothing changes
		assertThat(settled.summary()).as(settled.err())
			.startsWith("job=settle date=2026-09-03 status=COMPLETED version=2 files=7 taps=15 paid=12 held=2");
		assertThat(this.database.sql()
			.sql("SELECT COUNT(DISTINCT fingerprint) FROM settlement_version WHERE clearing_date = DATE '2026-09-03'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(cardops("run", "settle", "--date", DATE).summary())
			.startsWith("job=settle date=2026-09-03 status=NOOP version=2");
	}

	@Test
	void theNextNightsChainSettlesAgainTheDateOfAnApprovedRelease() {
		// given: the held tap of 2026-09-03 released with four eyes after its version 1
		long conflict = caseOf("SEQ_CONFLICT");
		assertThat(cardops("exceptions", "request-release", String.valueOf(conflict), "--as", "li.ming").code())
			.isZero();
		assertThat(cardops("exceptions", "approve-release", String.valueOf(conflict), "--as", "wang.fang").code())
			.isZero();
		System.setProperty("cardops.chain.steps", "reconcile,settle");
		try {
			// when: the chain of the next night runs
			CliResult chain = cardops("schedules", "trigger", "nightly-chain", "--date", "2026-09-04");

			// then: after its own date's settlement it settles 2026-09-03 again, paying
			// the released tap (payable 9.00 + 2.00), and the next night finds nothing to
			// do for 2026-09-03
			assertThat(chain.code()).as(chain.out() + chain.err()).isZero();
			assertThat(chain.out()).contains("job=settle date=2026-09-04 status=")
				.contains("job=settle date=2026-09-03 status=COMPLETED version=2 files=7 taps=15 paid=12 held=2"
						+ " dropped=1 payable_yuan=11.00");
			CliResult again = cardops("schedules", "trigger", "nightly-chain", "--date", "2026-09-05");
			assertThat(again.code()).as(again.out() + again.err()).isZero();
			assertThat(again.out()).doesNotContain("date=2026-09-03");
			// the runs of the first chain are recorded as its own, the settlement of the
			// earlier date among them (the board lists them by it); the demo's runs,
			// started by hand, belong to no chain
			assertThat(this.database.sql()
				.sql("SELECT r.job || ' ' || r.business_key FROM job_run r JOIN job_run c"
						+ " ON c.job_execution_id = r.chain_run WHERE c.job = 'nightly-chain'"
						+ " AND c.business_key LIKE '%2026-09-04%' ORDER BY r.job_execution_id")
				.query(String.class)
				.list())
				.containsExactly("reconcile date=2026-09-04", "settle date=2026-09-04", "settle date=2026-09-03");
			assertThat(this.database.sql()
				.sql("SELECT COUNT(*) FROM job_run WHERE chain_run IS NULL AND job <> 'nightly-chain'")
				.query(Long.class)
				.single()).isPositive();
		}
		finally {
			System.clearProperty("cardops.chain.steps");
		}
	}

	@Test
	void aFlagIsWrittenOffWithANoteAndReopenedWithANote() {
		long lost = caseOf("LOST_CARD_TAP");
		String id = String.valueOf(lost);
		assertRefused(new String[] { "exceptions", "close", id, "--as", "zhao.lei", "--resolution", "WRITTEN_OFF" },
				"closing as WRITTEN_OFF needs a note saying why");

		CliResult closed = cardops("exceptions", "close", id, "--as", "zhao.lei", "--resolution", "written_off",
				"--note", "0.50 on a card reported lost: not worth a claim");

		assertThat(closed.code()).as(closed.err()).isZero();
		assertThat(closed.out().strip())
			.isEqualTo("case " + id + " (LOST_CARD_TAP of 2026-09-03, 0.50 yuan): CLOSED WRITTEN_OFF, owner zhao.lei");
		assertRefused(new String[] { "exceptions", "close", id, "--as", "li.ming", "--resolution", "FALSE_POSITIVE" },
				"the case is already CLOSED (WRITTEN_OFF); reopen it first");
		assertRefused(new String[] { "exceptions", "reopen", id, "--as", "li.ming" }, "reopen needs a note saying why");
		assertRefused(new String[] { "exceptions", "reopen", id, "--as", "li.ming", "--note", "   " },
				"reopen needs a note saying why");

		CliResult reopened = cardops("exceptions", "reopen", id, "--as", "li.ming", "--note",
				"the cardholder disputes the tap");

		assertThat(reopened.code()).as(reopened.err()).isZero();
		assertThat(reopened.out().strip())
			.isEqualTo("case " + id + " (LOST_CARD_TAP of 2026-09-03, 0.50 yuan): ACKNOWLEDGED, owner li.ming");
		// ACKNOWLEDGED: acknowledging again is the wrong state
		assertRefused(new String[] { "exceptions", "acknowledge", id, "--as", "wang.fang" },
				"acknowledge needs a case that is NEW; this one is ACKNOWLEDGED");
		CliResult shown = cardops("exceptions", "show", id);
		assertThat(trail(shown.out())).containsExactly(
				"zhao.lei close NEW -> CLOSED WRITTEN_OFF note: 0.50 on a card reported lost: not worth a claim",
				"li.ming reopen CLOSED -> ACKNOWLEDGED note: the cardholder disputes the tap");
		assertThat(shown.out()).contains("next: close (cardops exceptions ACTION " + id + " --as NAME;")
			.contains("owner                  li.ming", "case_state             ACKNOWLEDGED",
					"resolution             -", "card                   " + ReconcileScenario.B + " card_seq 2");
		assertThat(cardops("exceptions", "list", "--state", "ACKNOWLEDGED").out()).contains("page 1 of 1 (1 case)")
			.containsPattern("(?m)^" + id + " +2026-09-03 LOST_CARD_TAP +OPEN +ACKNOWLEDGED +li\\.ming +BJBUS +"
					+ ReconcileScenario.B + " +2 taps_BJBUS_20260903_01\\.csv:5 +0\\.50  card blocked since");
	}

	@Test
	void everyRefusalOfTheDeskExitsTwoWithItsReasonAndChangesNothing() {
		String conflict = String.valueOf(caseOf("SEQ_CONFLICT"));
		String unknownCard = String.valueOf(caseOf("UNKNOWN_CARD"));
		String malformed = String.valueOf(caseOf("MALFORMED_RECORD"));
		String unpaid = String.valueOf(caseOf("UNPAID_RECHARGE"));
		String lost = String.valueOf(caseOf("LOST_CARD_TAP"));
		// wrong state: nothing to approve or reject, nothing to reopen
		assertRefused(new String[] { "exceptions", "approve-release", conflict, "--as", "wang.fang" },
				"approve-release needs a case that is RELEASE_REQUESTED; this one is NEW");
		assertRefused(new String[] { "exceptions", "reject-release", conflict, "--as", "wang.fang", "--note", "no" },
				"reject-release needs a case that is RELEASE_REQUESTED; this one is NEW");
		assertRefused(new String[] { "exceptions", "reopen", conflict, "--as", "wang.fang", "--note", "why" },
				"reopen needs a case that is CLOSED; this one is NEW");
		// a missing note where one is required
		for (String resolution : List.of("WRITTEN_OFF", "REFUSED", "OTHER")) {
			assertRefused(
					new String[] { "exceptions", "close", unknownCard, "--as", "li.ming", "--resolution", resolution },
					"closing as " + resolution + " needs a note saying why");
		}
		// what is no choice of a close
		assertRefused(new String[] { "exceptions", "close", unknownCard, "--as", "li.ming" },
				"close needs --resolution: one of FALSE_POSITIVE, PARTNER_CORRECTED, REFUNDED_TO_CARDHOLDER,"
						+ " RECOVERED_FROM_CHANNEL, WRITTEN_OFF, REFUSED, OTHER");
		assertRefused(
				new String[] { "exceptions", "close", unknownCard, "--as", "li.ming", "--resolution", "RELEASED" },
				"RELEASED is set by approve-release, not chosen in a close");
		assertRefused(new String[] { "exceptions", "close", unknownCard, "--as", "li.ming", "--resolution", "PAID" },
				"unknown resolution 'PAID': one of FALSE_POSITIVE");
		// only a held tap is released
		assertRefused(new String[] { "exceptions", "request-release", malformed, "--as", "li.ming" },
				"a MALFORMED_RECORD has no trusted amount: it cannot be released, only closed");
		assertRefused(new String[] { "exceptions", "request-release", unpaid, "--as", "li.ming" },
				"only a held tap (SEQ_CONFLICT or UNKNOWN_CARD) can be released; this case is a UNPAID_RECHARGE");
		assertRefused(new String[] { "exceptions", "request-release", lost, "--as", "li.ming" },
				"only a held tap (SEQ_CONFLICT or UNKNOWN_CARD) can be released; this case is a LOST_CARD_TAP");
		// who may act
		assertRefused(new String[] { "exceptions", "acknowledge", conflict, "--as", "ucas-registry" },
				"ucas-registry is a UNIVERSITY account: only FINANCE and OPS accounts work the exception desk");
		assertRefused(new String[] { "exceptions", "acknowledge", conflict, "--as", "nobody" },
				"--as nobody: no portal account has that name");
		assertRefused(new String[] { "exceptions", "acknowledge", conflict, "--as", "chen.jing" },
				"--as chen.jing: the account is disabled");
		assertRefused(new String[] { "exceptions", "acknowledge", "999999", "--as", "li.ming" },
				"no exception case 999999");
		assertRefused(
				new String[] { "exceptions", "acknowledge", conflict, "--as", "li.ming", "--note", "x".repeat(2001) },
				"the note is 2001 characters long: at most 2000");
		// each refusal is in the audit log, the account's too, with the system user who
		// ran it
		String user = System.getProperty("user.name");
		assertThat(this.database.sql()
			.sql("SELECT account || '|' || action || '|' || object || '|' || outcome || '|' || detail FROM audit_event"
					+ " WHERE action = 'exception.acknowledge' AND source_address LIKE ? ORDER BY event_id")
			.params("cli " + user + "@%")
			.query(String.class)
			.list())
			.contains("nobody|exception.acknowledge|exception " + conflict + "|FAILED|no portal account has that name",
					"chen.jing|exception.acknowledge|exception " + conflict + "|FAILED|the account is disabled",
					"li.ming|exception.acknowledge|exception 999999|FAILED|no case 999999");
		// a requested release turned down needs a note, and then the tap stays held
		assertThat(cardops("exceptions", "request-release", conflict, "--as", "zhao.lei").code()).isZero();
		assertRefused(new String[] { "exceptions", "reject-release", conflict, "--as", "wang.fang" },
				"reject-release needs a note saying why");
		assertRefused(new String[] { "exceptions", "request-release", conflict, "--as", "li.ming" },
				"request-release needs a case that is NEW or ACKNOWLEDGED; this one is RELEASE_REQUESTED");
		CliResult rejected = cardops("exceptions", "reject-release", conflict, "--as", "wang.fang", "--note",
				"BJBUS confirms two boardings");
		assertThat(rejected.code()).as(rejected.err()).isZero();
		assertThat(rejected.out().strip())
			.isEqualTo("case " + conflict + " (SEQ_CONFLICT of 2026-09-03, 2.00 yuan): ACKNOWLEDGED, owner zhao.lei");
		assertThat(cardops("exceptions", "show", "999999").err()).contains("no exception case 999999");
		assertThat(cardops("exceptions", "show", "999999").code()).isEqualTo(2);
		// the rejected tap stays held: the same settlement again publishes nothing new
		assertThat(cardops("run", "settle", "--date", DATE).summary())
			.startsWith("job=settle date=2026-09-03 status=NOOP version=1");
		assertThat(cardops("exceptions", "show", conflict).out())
			.contains("next: close, request-release (cardops exceptions ACTION " + conflict);
		assertThat(cardops("exceptions", "show", malformed).out())
			.contains("next: acknowledge, close (cardops exceptions ACTION " + malformed);
	}

	@Test
	void listPagesAndFiltersAndAgingCountsTheOpenCasesByAge() {
		CliResult all = cardops("exceptions", "list", "--size", "5");
		assertThat(all.code()).as(all.err()).isZero();
		assertThat(all.out()).contains("page 1 of 3 (14 cases)");
		assertThat(dataRows(all.out())).hasSize(5);
		CliResult last = cardops("exceptions", "list", "--size", "5", "--page", "3");
		assertThat(last.out()).contains("page 3 of 3 (14 cases)");
		assertThat(dataRows(last.out())).hasSize(4);
		CliResult subway = cardops("exceptions", "list", "--partner", "BJSUBWAY", "--date", DATE, "--status", "open");
		// BJSUBWAY's file raised DUPLICATE, SEQ_CONFLICT, INCOMPLETE_TRIP, FARE_MISMATCH,
		// UNKNOWN_CARD, BELOW_MIN_BALANCE and MALFORMED_RECORD
		assertThat(dataRows(subway.out())).hasSize(7).allMatch((row) -> row.contains(" BJSUBWAY "));
		assertThat(cardops("exceptions", "list", "--category", "seq_conflict").out())
			.containsPattern("(?m)^\\d+ +2026-09-03 SEQ_CONFLICT +OPEN +NEW +- +BJSUBWAY +" + A
					+ " +4 taps_BJSUBWAY_20260903_01\\.csv:5 +2\\.00  card_seq already held by")
			.contains("page 1 of 1 (1 case)");
		assertThat(cardops("exceptions", "list", "--date", "2026-09-04").out().strip()).isEqualTo("no cases match");
		CliResult category = cardops("exceptions", "list", "--category", "HELD");
		assertThat(category.code()).isEqualTo(2);
		assertThat(category.err()).contains("--category must be one of DUPLICATE, SEQ_CONFLICT, UNKNOWN_CARD",
				"MALFORMED_RECORD, not HELD");
		CliResult state = cardops("exceptions", "list", "--state", "OPEN");
		assertThat(state.code()).isEqualTo(2);
		assertThat(state.err())
			.contains("--state must be one of NEW, ACKNOWLEDGED, RELEASE_REQUESTED, CLOSED, NOT_CLOSED, not OPEN");
		assertThat(cardops("exceptions", "list", "--date", "2026-9-3").err())
			.contains("--date must be YYYY-MM-DD, not 2026-9-3");

		// when: one case is closed (LOST_CARD_TAP, 0.50) and the ages are taken on four
		// days
		cardops("exceptions", "close", String.valueOf(caseOf("LOST_CARD_TAP")), "--as", "zhao.lei", "--resolution",
				"FALSE_POSITIVE");

		// then: 13 open cases, their amounts' magnitudes by hand: UNLOADED_PAYMENT 12.00,
		// UNPAID_RECHARGE 30.00, REFUNDED_BUT_LOADED 10.00, AMOUNT_MISMATCH 1.00, SEQ_GAP
		// 0.50, BALANCE_BREAK 9.50 (-9.50), DUPLICATE 2.00, SEQ_CONFLICT 2.00,
		// INCOMPLETE_TRIP 0, FARE_MISMATCH 0.50, UNKNOWN_CARD 0, BELOW_MIN_BALANCE 0.50,
		// MALFORMED_RECORD 0: 68.00
		assertAging("2026-09-04", 0);
		assertAging("2026-09-05", 1);
		assertAging("2026-09-10", 1);
		assertAging("2026-09-11", 2);
		assertAging("2026-10-03", 2);
		assertAging("2026-10-04", 3);
		List<String> table = cardops("exceptions", "aging", "--date", "2026-09-04").out().lines().toList();
		assertThat(table).contains(agingRow("BALANCE_BREAK", 0, 1, "9.50"), agingRow("UNPAID_RECHARGE", 0, 1, "30.00"),
				agingRow("SEQ_CONFLICT", 0, 1, "2.00"), agingRow("UNKNOWN_CARD", 0, 1, "0.00"));
		assertThat(table).noneMatch((line) -> line.startsWith("LOST_CARD_TAP"));
		assertThat(table).filteredOn((line) -> line.startsWith("category ") || line.startsWith("TOTAL ")).hasSize(2);
		assertThat(cardops("exceptions", "aging", "--date", "2026-09-31").code()).isEqualTo(2);
		// a day before the cases' clearing date: none of them was found yet (they were
		// counted as 0-1 days old)
		CliResult before = cardops("exceptions", "aging", "--date", "2026-09-02");
		assertThat(before.code()).as(before.err()).isZero();
		assertThat(before.out().strip())
			.isEqualTo("no open cases as of 2026-09-02: every case found by then is CLOSED");
	}

	/** The aging table as of a day: every open case in one bucket. */
	private void assertAging(String asOf, int bucket) {
		CliResult aging = cardops("exceptions", "aging", "--date", asOf);
		assertThat(aging.code()).as(aging.err()).isZero();
		assertThat(aging.out()).contains("as of " + asOf);
		assertThat(aging.out().lines()).as(asOf).contains(agingRow("TOTAL", bucket, 13, "68.00"));
	}

	private static String agingRow(String category, int bucket, long count, String yuan) {
		StringBuilder row = new StringBuilder(String.format("%-20s", category));
		for (int i = 0; i < 4; i++) {
			row.append(String.format(" %16s", (i == bucket) ? count + " / " + yuan : "0 / 0.00"));
		}
		return row.append(String.format(" %16s", count + " / " + yuan)).toString();
	}

	/**
	 * Runs a command that the desk must refuse: exit 2, the reason on standard error, and
	 * no case, trail or settlement changed.
	 */
	private void assertRefused(String[] command, String reason) {
		List<String> before = snapshot();
		CliResult result = cardops(command);
		assertThat(result.code()).as(String.join(" ", command) + ": " + result.err()).isEqualTo(2);
		assertThat(result.err()).as(String.join(" ", command)).contains(reason);
		assertThat(result.out()).as(String.join(" ", command)).doesNotContain("case ");
		assertThat(snapshot()).as(String.join(" ", command)).isEqualTo(before);
	}

	private List<String> snapshot() {
		List<String> state = new ArrayList<>(this.database.sql()
			.sql("SELECT exception_id || ' ' || case_state || ' ' || COALESCE(case_owner, '-') || ' '"
					+ " || COALESCE(resolution, '-') || ' ' || COALESCE(release_requested_by, '-') || ' '"
					+ " || CASE WHEN released_at IS NULL THEN '-' ELSE 'released' END || ' '"
					+ " || CASE WHEN case_changed_at IS NULL THEN '-' ELSE CAST(case_changed_at AS VARCHAR(64)) END"
					+ " FROM recon_exception ORDER BY exception_id")
			.query(String.class)
			.list());
		state.add("trail " + this.database.sql().sql("SELECT COUNT(*) FROM case_action").query(Long.class).single());
		state.add("versions "
				+ this.database.sql().sql("SELECT COUNT(*) FROM settlement_version").query(Long.class).single());
		return state;
	}

	private long caseOf(String category) {
		return this.database.sql()
			.sql("SELECT exception_id FROM recon_exception WHERE category = ? AND clearing_date = DATE '2026-09-03'")
			.params(category)
			.query(Long.class)
			.single();
	}

	/** The trail lines of {@code exceptions show}, without their times. */
	private static List<String> trail(String out) {
		Pattern entry = Pattern.compile("^  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}  (.*)$");
		List<String> lines = new ArrayList<>();
		for (String line : out.lines().toList()) {
			Matcher matcher = entry.matcher(line);
			if (matcher.matches()) {
				lines.add(matcher.group(1).replaceAll(" +", " ").strip());
			}
		}
		return lines;
	}

	/** The rows of an {@code exceptions list} table. */
	private static List<String> dataRows(String out) {
		return out.lines().filter((line) -> line.matches("^\\d+ +\\d{4}-\\d{2}-\\d{2} .*")).toList();
	}

	private List<String> rows(String partner) throws Exception {
		return outboundRows(outbox().resolve("20260903").resolve("settlement_20260903_" + partner + ".csv"));
	}

	/** A settlement file of a version as the database keeps it. */
	private List<String> storedRows(int version, String partner) throws Exception {
		byte[] content = this.database.sql()
			.sql("SELECT content FROM settlement_file_content WHERE clearing_date = DATE '2026-09-03' AND version = ?"
					+ " AND file_name = ?")
			.params(version, "settlement_20260903_" + partner + ".csv")
			.query(byte[].class)
			.single();
		Path copy = this.work.resolve("v" + version + "_" + partner + ".csv");
		Files.write(copy, content);
		return outboundRows(copy);
	}

	private long net(String partner, int version) {
		return this.database.sql()
			.sql("SELECT net_fen FROM settlement_file WHERE clearing_date = DATE '2026-09-03' AND version = ?"
					+ " AND partner = ? AND role = 'OPERATOR'")
			.params(version, partner)
			.query(Long.class)
			.single();
	}

}
