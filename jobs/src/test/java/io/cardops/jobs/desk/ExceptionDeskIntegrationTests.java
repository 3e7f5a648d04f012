package io.cardops.jobs.desk;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.jobs.JobName;
import io.cardops.jobs.JobsContext;
import io.cardops.jobs.SampleNights;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.settle.ClaimToPayable;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.support.JobRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The exception desk on the sample nights up to 2026-10-14, on the build's database: the
 * cases, their actions and trail, and what a release does to the settlement of its date.
 *
 * <p>
 * The figures, worked out by hand from {@code sample-data/inbox}: on 2026-10-14 the only
 * held tap is {@code taps_BJSUBWAY_20261014_01.csv} line 8 (card 3104975456653129063 seq
 * 7, a METRO L2 STUDENT EXIT, full fare 8.00, charged 4.00), a SEQ_CONFLICT with
 * {@code taps_BJMTR_20261014_01.csv} line 11. Released, BJSUBWAY's payable rises by 4.00
 * and its held falls from 4.00 to 0.00; its discount (4.00) stays out of the subsidy
 * claim, which was without it already, so the claim does not move.
 */
class ExceptionDeskIntegrationTests {

	private static final LocalDate DATE = LocalDate.of(2026, 10, 14);

	private static final DeskRules.Person FIONA = new DeskRules.Person("fiona", "FINANCE");

	private static final DeskRules.Person FRANK = new DeskRules.Person("frank", "FINANCE");

	private static final DeskRules.Person OLGA = new DeskRules.Person("olga", "OPS");

	private static final Actor WEB = new Actor("test", "127.0.0.1");

	@TempDir
	Path work;

	private JobsContext context;

	@BeforeEach
	void runTheNights() throws Exception {
		this.context = JobsContext.start(this.work,
				Map.of("cardops.inbox", SampleNights.SAMPLES.resolve("inbox").toString()));
		SampleNights.runUntil(this.context, DATE);
		SampleNights.run(jobs(), JobName.SETTLE, DATE);
	}

	@AfterEach
	void close() throws Exception {
		this.context.close();
	}

	@Test
	void everyExceptionIsANewCaseAndLaterNightsLeaveAWorkedCaseAsItIs() throws Exception {
		assertThat(sql().sql("SELECT DISTINCT case_state FROM recon_exception").query(String.class).list())
			.containsExactly("NEW");
		List<Long> worked = sql().sql("SELECT exception_id FROM recon_exception ORDER BY exception_id")
			.query(Long.class)
			.list();
		for (long id : worked) {
			act(id, OLGA, CaseAction.ACKNOWLEDGE, null, null);
		}

		SampleNights.runUntil(this.context, DATE.plusDays(3));

		assertThat(sql().sql("SELECT COUNT(*) FROM recon_exception WHERE clearing_date <= ?")
			.params(DATE)
			.query(Long.class)
			.single()).isEqualTo(worked.size());
		assertThat(sql()
			.sql("SELECT DISTINCT case_state || ' ' || case_owner FROM recon_exception" + " WHERE clearing_date <= ?")
			.params(DATE)
			.query(String.class)
			.list()).containsExactly("ACKNOWLEDGED olga");
		assertThat(sql().sql("SELECT DISTINCT case_state FROM recon_exception WHERE clearing_date > ?")
			.params(DATE)
			.query(String.class)
			.list()).containsExactly("NEW");
	}

	@Test
	void anApprovedReleasePaysTheHeldTapFromTheNextSettlementOfItsDate() {
		long held = caseOf("SEQ_CONFLICT", DATE);
		DeskCase tap = cases().find(held).orElseThrow();
		assertThat(tap.sourceFile() + ":" + tap.sourceLine()).isEqualTo("taps_BJSUBWAY_20261014_01.csv:8");
		assertThat(tap.amountFen()).isEqualTo(400);
		long[] v1 = operatorFile(1, "BJSUBWAY");
		long claimable1 = subsidyNet(1);
		assertThat(v1[1]).as("held in version 1").isEqualTo(400);

		act(held, FIONA, CaseAction.REQUEST_RELEASE, null, "the conflicting BJMTR row is a device clock error");
		assertThat(cases().datesToResettle()).as("nothing approved yet").isEmpty();
		act(held, FRANK, CaseAction.APPROVE_RELEASE, null, null);
		assertThat(cases().datesToResettle()).containsExactly(DATE);
		assertThat(claim("BJSUBWAY")).as("claim to payable of version 1, until the date is settled again")
			.containsExactly(v1[0], 400L);
		SampleNights.run(jobs(), JobName.SETTLE, DATE);
		assertThat(claim("BJSUBWAY")).as("claim to payable of version 2").containsExactly(v1[0] + 400, 0L);

		long[] v2 = operatorFile(2, "BJSUBWAY");
		assertThat(v2[0]).as("payable").isEqualTo(v1[0] + 400);
		assertThat(v2[1]).as("held").isZero();
		assertThat(v2[2]).as("gross (charged of paid and held taps)").isEqualTo(v1[2]);
		assertThat(subsidyNet(2)).as("the subsidy claim leaves the released tap's discount out").isEqualTo(claimable1);
		assertThat(cases().datesToResettle()).as("version 2 counts the release").isEmpty();
		assertThat(sql().sql("SELECT COUNT(*) FROM settlement_file_content WHERE clearing_date = ? AND version = 1")
			.params(DATE)
			.query(Long.class)
			.single()).as("version 1 stays downloadable").isPositive();
		assertThat(cases().trail(held)).extracting(TrailEntry::action, TrailEntry::account, TrailEntry::toState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("request-release", "fiona", "RELEASE_REQUESTED"),
					org.assertj.core.groups.Tuple.tuple("approve-release", "frank", "CLOSED"));
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(held, FIONA, CaseAction.REOPEN, null, "changed my mind"))
			.withMessageContaining("a released tap cannot be reopened");
		assertThat(audit("exception.approve-release")).containsExactly("OK");
		assertThat(audit("exception.reopen")).containsExactly("FAILED");
	}

	@Test
	void aReleaseApprovedWhileItsDateIsSettledIsLeftForTheNextSettlementAndTheChainMakesIt() {
		long held = caseOf("SEQ_CONFLICT", DATE);
		long[] v1 = operatorFile(1, "BJSUBWAY");
		act(held, FIONA, CaseAction.REQUEST_RELEASE, null, "a device clock error");
		act(held, FRANK, CaseAction.APPROVE_RELEASE, null, null);
		// given: an approval stamped after the cutoff of a settlement that reads it (an
		// approval that commits while the date is being settled): the stamp is moved an
		// hour ahead, past the cutoff the next settlement takes
		OffsetDateTime stamped = sql().sql("SELECT released_at FROM recon_exception WHERE exception_id = ?")
			.params(held)
			.query(OffsetDateTime.class)
			.single();
		sql().sql("UPDATE recon_exception SET released_at = ? WHERE exception_id = ?")
			.params(stamped.plusHours(1), held)
			.update();

		// when: the date is settled
		SampleNights.run(jobs(), JobName.SETTLE, DATE);

		// then: that settlement does not pay the tap, and says nothing else: its files
		// hold it, its claim to payable holds it, the case is paid by no version yet, and
		// the nightly chain settles the date again (the version used to take the release
		// for paid by its publication time, and the chain never settled the date again)
		assertThat(operatorFile(1, "BJSUBWAY")).as("version 1").containsExactly(v1);
		assertThat(sql().sql("SELECT MAX(version) FROM settlement_version WHERE clearing_date = ?")
			.params(DATE)
			.query(Integer.class)
			.single()).as("the same bytes, and no release counted since version 1: no new version").isOne();
		assertThat(claim("BJSUBWAY")).containsExactly(v1[0], 400L);
		assertThat(this.context.bean(SettlementBrowser.class).firstPublishedAfter(DATE, stamped.plusHours(1)))
			.isEmpty();
		assertThat(cases().datesToResettle()).containsExactly(DATE);

		// and once the settlement's cutoff is past the stamp (here: a release stamped
		// right at version 1's cutoff, which version 1 did not count), it is paid, once
		OffsetDateTime cutoff1 = sql()
			.sql("SELECT releases_before FROM settlement_version WHERE clearing_date = ? AND version = 1")
			.params(DATE)
			.query(OffsetDateTime.class)
			.single();
		sql().sql("UPDATE recon_exception SET released_at = ? WHERE exception_id = ?").params(cutoff1, held).update();
		SampleNights.run(jobs(), JobName.SETTLE, DATE);
		assertThat(operatorFile(2, "BJSUBWAY")[0]).isEqualTo(v1[0] + 400);
		assertThat(claim("BJSUBWAY")).containsExactly(v1[0] + 400, 0L);
		assertThat(cases().datesToResettle()).isEmpty();
		assertThat(this.context.bean(SettlementBrowser.class).firstPublishedAfter(DATE, cutoff1))
			.hasValueSatisfying((version) -> assertThat(version.version()).isEqualTo(2));
	}

	@Test
	void theRequesterCannotApproveAndAnOpsAccountCannotApprove() {
		long held = caseOf("SEQ_CONFLICT", DATE);
		act(held, FIONA, CaseAction.REQUEST_RELEASE, null, null);
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(held, FIONA, CaseAction.APPROVE_RELEASE, null, null))
			.withMessageContaining("fiona requested this release");
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(held, OLGA, CaseAction.APPROVE_RELEASE, null, null))
			.withMessageContaining("only a FINANCE account approves");
		assertThat(cases().find(held).orElseThrow().caseState()).isEqualTo("RELEASE_REQUESTED");
		assertThat(cases().trail(held)).hasSize(1);
	}

	@Test
	void twoPeopleActingOnOneCaseAtOnceOneWinsAndTheTrailHasOneEntry() throws Exception {
		long held = caseOf("SEQ_CONFLICT", DATE);
		act(held, OLGA, CaseAction.REQUEST_RELEASE, null, null);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<String>> attempts = new ArrayList<>();
		attempts.add(attempt(start, held, FIONA, CaseAction.APPROVE_RELEASE, null, null));
		attempts.add(attempt(start, held, FRANK, CaseAction.REJECT_RELEASE, null, "not proven"));
		start.countDown();
		List<String> outcomes = new ArrayList<>();
		for (CompletableFuture<String> attempt : attempts) {
			outcomes.add(attempt.get(60, TimeUnit.SECONDS));
		}
		assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.startsWith("refused")).hasSize(1);
		assertThat(cases().trail(held)).hasSize(2);
	}

	@Test
	void aMalformedRecordCanOnlyBeClosedAndAFlagIsWrittenOffWithANoteAndReopened() {
		long malformed = caseOf("MALFORMED_RECORD", LocalDate.of(2026, 10, 13));
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(malformed, FIONA, CaseAction.REQUEST_RELEASE, null, null))
			.withMessageContaining("MALFORMED_RECORD has no trusted amount");
		long flag = caseOf("UNPAID_RECHARGE", DATE);
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(flag, FIONA, CaseAction.CLOSE, Resolution.WRITTEN_OFF, " "))
			.withMessageContaining("needs a note");
		act(flag, FIONA, CaseAction.CLOSE, Resolution.WRITTEN_OFF, "30.00 not worth chasing");
		DeskCase closed = cases().find(flag).orElseThrow();
		assertThat(closed.caseState() + " " + closed.resolution() + " " + closed.owner())
			.isEqualTo("CLOSED WRITTEN_OFF fiona");
		act(flag, OLGA, CaseAction.REOPEN, null, "HEBAO sent the statement after all: cardholder 110105199803304547");
		assertThat(cases().find(flag).orElseThrow().caseState()).isEqualTo("ACKNOWLEDGED");
		// the identity number is kept masked, as everywhere
		assertThat(cases().trail(flag)).extracting(TrailEntry::note)
			.containsExactly("30.00 not worth chasing",
					"HEBAO sent the statement after all: cardholder **************4547");
	}

	@Test
	void agingCountsTheCasesNotClosedByCategoryAndAge() {
		long flag = caseOf("UNPAID_RECHARGE", DATE);
		act(flag, FIONA, CaseAction.CLOSE, Resolution.FALSE_POSITIVE, null);
		// Counted by hand from the outbox's exceptions files of 2026-10-12 to 2026-10-14,
		// less the one just closed, as of 2026-10-20: ages 8, 7 and 6 days.
		Map<String, Long> open = new java.util.TreeMap<>();
		sql().sql("SELECT category, COUNT(*) FROM recon_exception WHERE case_state <> 'CLOSED' GROUP BY category")
			.query((rs, n) -> open.put(rs.getString(1), rs.getLong(2)))
			.list();
		List<DeskCases.AgingRow> aging = cases().aging(LocalDate.of(2026, 10, 20));
		assertThat(aging).extracting(DeskCases.AgingRow::category).containsExactlyElementsOf(open.keySet());
		DeskCases.AgingRow unpaid = aging.stream()
			.filter((row) -> row.category().equals("UNPAID_RECHARGE"))
			.findFirst()
			.orElseThrow();
		// 2026-10-13's BMAC_APP top-up of 50.00 is 7 days old; 2026-10-14's is closed.
		assertThat(unpaid.cells()).extracting(DeskCases.AgingCell::count).containsExactly(0L, 1L, 0L, 0L);
		assertThat(unpaid.cells().get(1).amountFen()).isEqualTo(5000);
		assertThat(unpaid.total().count()).isEqualTo(open.get("UNPAID_RECHARGE"));
	}

	@Test
	void theTrailCannotBeChangedOnPostgreSql() {
		assumeThat(JobsContext.postgres()).as("the trigger is PostgreSQL's").isTrue();
		long flag = caseOf("UNPAID_RECHARGE", DATE);
		act(flag, FIONA, CaseAction.ACKNOWLEDGE, null, "mine");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> sql().sql("UPDATE case_action SET note = 'edited'").update())
			.withMessageContaining("case_action is append-only");
	}

	private CompletableFuture<String> attempt(CountDownLatch start, long id, DeskRules.Person person, CaseAction action,
			Resolution resolution, String note) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				start.await();
				act(id, person, action, resolution, note);
				return "won";
			}
			catch (CaseActionRefusedException ex) {
				return "refused: " + ex.getMessage();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		});
	}

	private DeskCase act(long id, DeskRules.Person person, CaseAction action, Resolution resolution, String note) {
		return desk().act(id, person, new DeskRules.Request(action, resolution, note), WEB);
	}

	private long caseOf(String category, LocalDate date) {
		return sql().sql("SELECT MIN(exception_id) FROM recon_exception WHERE category = ? AND clearing_date = ?")
			.params(category, date)
			.query(Long.class)
			.single();
	}

	/**
	 * An operator's summary row of a version: net (payable), deductions (held), gross.
	 */
	private long[] operatorFile(int version, String operator) {
		return sql().sql("""
				SELECT net_fen, deductions_fen, gross_fen FROM settlement_file
				WHERE clearing_date = ? AND version = ? AND partner = ? AND role = 'OPERATOR'""")
			.params(DATE, version, operator)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
	}

	/** An operator's payable and held, from claim to payable. */
	private List<Long> claim(String operator) {
		ClaimToPayable.OperatorClaim claim = this.context.bean(ClaimToPayable.class)
			.of(DATE)
			.stream()
			.filter((each) -> each.operator().equals(operator))
			.findFirst()
			.orElseThrow();
		return List.of(claim.payableFen(), claim.heldFen());
	}

	private long subsidyNet(int version) {
		return sql().sql(
				"SELECT SUM(net_fen) FROM settlement_file WHERE clearing_date = ? AND version = ? AND role = 'SUBSIDY'")
			.params(DATE, version)
			.query(Long.class)
			.single();
	}

	private List<String> audit(String action) {
		return sql().sql("SELECT outcome FROM audit_event WHERE action = ? ORDER BY event_id")
			.params(action)
			.query(String.class)
			.list();
	}

	private ExceptionDesk desk() {
		return this.context.bean(ExceptionDesk.class);
	}

	private DeskCases cases() {
		return this.context.bean(DeskCases.class);
	}

	private JobRunner jobs() {
		return this.context.bean(JobRunner.class);
	}

	private JdbcClient sql() {
		return this.context.sql();
	}

}
