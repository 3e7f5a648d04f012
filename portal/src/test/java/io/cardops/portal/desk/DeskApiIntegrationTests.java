package io.cardops.portal.desk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import io.cardops.portal.PortalTestSupport;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The exception desk over HTTP (shared/spec/desk.md, "Interfaces"): the cases listed and
 * filtered, a case with its source row and trail, every action answered 200, every
 * refusal of desk.md answered 409 with its reason and nothing changed, two people acting
 * on one case at once, the aging worked out from the cases added, and the desk's pages
 * with the forms each person may use.
 */
class DeskApiIntegrationTests extends PortalTestSupport {

	private static final List<String> FIELDS = List.of("id", "clearing_date", "category", "status", "case_state",
			"owner", "partner", "card_no", "card_seq", "source_file", "source_line", "amount_yuan", "detail",
			"resolution", "resolved_on");

	private PortalUser financeA;

	private PortalUser financeB;

	private PortalUser financeC;

	private PortalUser ops;

	@BeforeEach
	void accounts() {
		this.financeA = new PortalUser(account("fin-a", Role.FINANCE, null), Role.FINANCE, null);
		this.financeB = new PortalUser(account("fin-b", Role.FINANCE, null), Role.FINANCE, null);
		this.financeC = new PortalUser(account("fin-c", Role.FINANCE, null), Role.FINANCE, null);
		this.ops = new PortalUser(account("ops-desk", Role.OPS, null), Role.OPS, null);
	}

	@Test
	void casesAreListedWithTheirFieldsAndFiltered() throws Exception {
		LocalDate date = LocalDate.of(2026, 5, 10);
		long held = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", date, "BJBUS", 150);
		long gap = DeskFixture.newCase(this.jdbc, "SEQ_GAP", date, "BJBUS", -300);
		long unknown = DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", date, "BJMTR", 200);
		act(this.financeA, gap, "acknowledge", null).andExpect(status().isOk());

		MvcResult all = this.mvc.perform(get("/api/exceptions?date=2026-05-10").with(as(this.financeA)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.items[*].id").value(contains((int) held, (int) gap, (int) unknown)))
			.andReturn();
		Map<String, Object> first = JsonPath.read(all.getResponse().getContentAsString(), "$.items[0]");
		assertThat(first).containsOnlyKeys(FIELDS);
		assertThat(first).containsEntry("clearing_date", "2026-05-10")
			.containsEntry("category", "SEQ_CONFLICT")
			.containsEntry("status", "OPEN")
			.containsEntry("case_state", "NEW")
			.containsEntry("partner", "BJBUS")
			.containsEntry("card_no", DeskFixture.CARD)
			.containsEntry("source_file", "taps_BJBUS_20260510_01.csv")
			.containsEntry("amount_yuan", "1.50");
		this.mvc.perform(get("/api/exceptions?date=2026-05-10&page=1&size=2").with(as(this.ops)))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].amount_yuan").value("2.00"));
		this.mvc.perform(get("/api/exceptions?date=2026-05-10&state=acknowledged").with(as(this.ops)))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(gap))
			.andExpect(jsonPath("$.items[0].owner").value("fin-a"))
			.andExpect(jsonPath("$.items[0].amount_yuan").value("-3.00"));
		this.mvc
			.perform(get("/api/exceptions?date=2026-05-10&category=UNKNOWN_CARD&partner=BJMTR&status=OPEN")
				.with(as(this.ops)))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(unknown));
		this.mvc.perform(get("/api/exceptions?date=2026-05-10&status=RESOLVED").with(as(this.ops)))
			.andExpect(jsonPath("$.total").value(0));

		badRequest("/api/exceptions?category=NOPE", "category must be one of DUPLICATE, SEQ_CONFLICT, UNKNOWN_CARD");
		badRequest("/api/exceptions?state=OPEN", "state must be one of NEW, ACKNOWLEDGED, RELEASE_REQUESTED, CLOSED");
		badRequest("/api/exceptions?status=CLOSED", "status must be one of OPEN, RESOLVED");
		badRequest("/api/exceptions?date=2026-02-30", "date must be a date YYYY-MM-DD");
		badRequest("/api/exceptions?partner=B%27X", "partner must be a partner code (1 to 16 letters");
		// a direction override is not echoed to turn the rest of the answer around
		this.mvc.perform(get("/api/exceptions").param("partner", "\u202EX").with(as(this.financeA)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("not '\uFFFDX'")));
		badRequest("/api/exceptions?size=501", "size must be between 1 and 500");
		badRequest("/api/exceptions?page=-1", "page must be 0 or more");
		badRequest("/api/exceptions/aging?date=tomorrow", "date must be a date YYYY-MM-DD");
	}

	@Test
	void aCaseComesWithItsSourceRowAndItsTrail() throws Exception {
		long id = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150);
		act(this.financeA, id, "acknowledge", "{\"note\": \"looking at it\"}").andExpect(status().isOk());
		this.clock.advance(java.time.Duration.ofMinutes(5));
		act(this.financeA, id, "request-release", "{\"note\": \"the operator sent the missing tap\"}")
			.andExpect(status().isOk());

		this.mvc.perform(get("/api/exceptions/" + id).with(as(this.ops)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.case_state").value("RELEASE_REQUESTED"))
			.andExpect(jsonPath("$.owner").value("fin-a"))
			.andExpect(jsonPath("$.source_row.card_no").value(DeskFixture.CARD))
			.andExpect(jsonPath("$.source_row.charged_yuan").value("1.50"))
			.andExpect(jsonPath("$.source_row.full_fare_yuan").value("6.00"))
			// the fields are named as in the operator's tap file, and a top-up's fields
			// (its amount, its payment) are not a tap's
			.andExpect(jsonPath("$.source_row", org.hamcrest.Matchers.hasKey("txn_id")))
			// as in the file: ISO-8601 with seconds and offset, on both databases
			.andExpect(jsonPath("$.source_row.tapped_at").value("2026-08-31T08:00:00+08:00"))
			.andExpect(jsonPath("$.source_row", org.hamcrest.Matchers.hasKey("line")))
			.andExpect(jsonPath("$.source_row.ext_id").doesNotExist())
			.andExpect(jsonPath("$.source_row.kind").doesNotExist())
			.andExpect(jsonPath("$.source_row.amount_yuan").doesNotExist())
			.andExpect(jsonPath("$.source_row.payment_ref").doesNotExist())
			.andExpect(jsonPath("$.source_row.amount_fen").doesNotExist())
			.andExpect(jsonPath("$.trail", hasSize(2)))
			.andExpect(jsonPath("$.trail[0].acted_at").value("2026-09-01T09:00:00+08:00"))
			.andExpect(jsonPath("$.trail[0].account").value("fin-a"))
			.andExpect(jsonPath("$.trail[0].action").value("acknowledge"))
			.andExpect(jsonPath("$.trail[0].from_state").value("NEW"))
			.andExpect(jsonPath("$.trail[0].to_state").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.trail[0].note").value("looking at it"))
			.andExpect(jsonPath("$.trail[1].acted_at").value("2026-09-01T09:05:00+08:00"))
			.andExpect(jsonPath("$.trail[1].action").value("request-release"))
			.andExpect(jsonPath("$.trail[1].to_state").value("RELEASE_REQUESTED"))
			.andExpect(jsonPath("$.trail[1].note").value("the operator sent the missing tap"));

		long malformed = DeskFixture.newCase(this.jdbc, "MALFORMED_RECORD", LocalDate.of(2026, 8, 31), "BJBUS", 0);
		this.mvc.perform(get("/api/exceptions/" + malformed).with(as(this.financeA)))
			.andExpect(jsonPath("$.source_row.reason").value("card_seq is not a number"))
			.andExpect(jsonPath("$.trail", hasSize(0)));
		this.mvc.perform(get("/api/exceptions/999999").with(as(this.financeA)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("no exception case 999999"));
	}

	@Test
	void aDeskActionRefusedForTheAccountsRoleIsAuditedToo() throws Exception {
		long id = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150);
		PortalUser registrar = new PortalUser(account("uni-desk", Role.UNIVERSITY, "UCAS"), Role.UNIVERSITY, "UCAS");

		act(registrar, id, "acknowledge", "{}").andExpect(status().isForbidden());
		this.mvc.perform(post("/desk/" + id + "/close").param("note", "x").with(as(registrar)).with(csrf()))
			.andExpect(status().isForbidden());
		// (an address that is no desk action is refused and not recorded as one)
		this.mvc.perform(post("/api/exceptions/" + id + "/explode").with(as(registrar)))
			.andExpect(status().isForbidden());

		assertThat(this.jdbc.sql("""
				SELECT action || ' ' || object || ' ' || outcome || ' ' || detail FROM audit_event
				WHERE account = 'uni-desk' ORDER BY event_id""").query(String.class).list()).containsExactly(
				"exception.acknowledge exception " + id
						+ " FAILED the account's role may not work the exception desk (FINANCE and OPS do)",
				"exception.close exception " + id
						+ " FAILED the account's role may not work the exception desk (FINANCE and OPS do)");
		assertThat(this.jdbc.sql("SELECT case_state FROM recon_exception WHERE exception_id = ?")
			.params(id)
			.query(String.class)
			.single()).isEqualTo("NEW");
	}

	@Test
	void everyActionAnswersTheCaseAfterwardsAndIsAudited() throws Exception {
		long id = DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", LocalDate.of(2026, 8, 31), "BJBUS", 200);
		act(this.ops, id, "acknowledge", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.owner").value("ops-desk"));
		act(this.financeA, id, "close", "{\"resolution\": \"written_off\", \"note\": \"not worth chasing\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("CLOSED"))
			.andExpect(jsonPath("$.resolution").value("WRITTEN_OFF"));
		act(this.financeA, id, "reopen", "{\"note\": \"the operator asks again\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.resolution").doesNotExist());
		act(this.ops, id, "request-release", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("RELEASE_REQUESTED"));
		act(this.financeB, id, "reject-release", "{\"note\": \"the card is not ours\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("ACKNOWLEDGED"));
		act(this.financeA, id, "request-release", "{}").andExpect(status().isOk());
		// the case's page says what happens next: a second account, then the next
		// settlement
		this.mvc.perform(get("/desk/" + id).with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("Waits for a second finance account (not fin-a)")));
		act(this.financeB, id, "approve-release", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.case_state").value("CLOSED"))
			.andExpect(jsonPath("$.resolution").value("RELEASED"))
			.andExpect(jsonPath("$.amount_yuan").value("2.00"));

		assertThat(trail(id)).containsExactly("ops-desk acknowledge NEW>ACKNOWLEDGED",
				"fin-a close ACKNOWLEDGED>CLOSED WRITTEN_OFF", "fin-a reopen CLOSED>ACKNOWLEDGED",
				"ops-desk request-release ACKNOWLEDGED>RELEASE_REQUESTED",
				"fin-b reject-release RELEASE_REQUESTED>ACKNOWLEDGED",
				"fin-a request-release ACKNOWLEDGED>RELEASE_REQUESTED",
				"fin-b approve-release RELEASE_REQUESTED>CLOSED RELEASED");
		assertThat(audit("exception.approve-release")).contains("fin-b|127.0.0.1|exception " + id + "|OK");
		this.mvc.perform(get("/desk/" + id).with(as(this.financeB)).header("Accept-Language", "zh-CN"))
			.andExpect(content().string(containsString("将在 2026-08-31 的下一次结算中支付")))
			.andExpect(content().string(not(containsString("等待另一名财务账户"))));
		assertThat(this.jdbc.sql("SELECT released_at FROM recon_exception WHERE exception_id = ?")
			.params(id)
			.query(java.time.OffsetDateTime.class)
			.single()).isNotNull();
	}

	@Test
	void refusalsAnswer409WithTheReasonAndChangeNothing() throws Exception {
		LocalDate date = LocalDate.of(2026, 8, 31);
		long held = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", date, "BJBUS", 150);
		act(this.financeA, held, "request-release", null).andExpect(status().isOk());
		refused(this.financeA, held, "approve-release", null, "fin-a requested this release");
		refused(this.ops, held, "approve-release", null, "only a FINANCE account approves a release");
		refused(this.financeB, held, "request-release", null,
				"request-release needs a case that is NEW or ACKNOWLEDGED; this one is RELEASE_REQUESTED");
		refused(this.financeB, held, "reject-release", null, "reject-release needs a note");
		assertThat(trail(held)).hasSize(1);
		assertThat(audit("exception.approve-release")).contains("fin-a|127.0.0.1|exception " + held + "|FAILED");

		long malformed = DeskFixture.newCase(this.jdbc, "MALFORMED_RECORD", date, "BJBUS", 0);
		refused(this.financeA, malformed, "request-release", null, "a MALFORMED_RECORD has no trusted amount");
		long gap = DeskFixture.newCase(this.jdbc, "SEQ_GAP", date, "BJBUS", -300);
		refused(this.financeA, gap, "request-release", null, "only a held tap (SEQ_CONFLICT or UNKNOWN_CARD)");
		refused(this.financeA, gap, "approve-release", null, "approve-release needs a case that is RELEASE_REQUESTED");
		refused(this.financeA, gap, "close", null, "close needs a resolution: one of FALSE_POSITIVE");
		refused(this.financeA, gap, "close", "{\"resolution\": \"OTHER\", \"note\": \"  \"}",
				"closing as OTHER needs a note saying why");
		refused(this.financeA, gap, "close", "{\"resolution\": \"RELEASED\"}", "RELEASED is set by approve-release");
		refused(this.financeA, gap, "acknowledge", "{\"resolution\": \"OTHER\"}",
				"a resolution is given only with close");
		refused(this.financeA, gap, "reopen", "{\"note\": \"why not\"}", "reopen needs a case that is CLOSED");
		act(this.financeA, gap, "close", "{\"resolution\": \"FALSE_POSITIVE\"}").andExpect(status().isOk());
		refused(this.financeA, gap, "reopen", null, "reopen needs a note");
		refused(this.financeA, gap, "close", "{\"resolution\": \"FALSE_POSITIVE\"}", "the case is already CLOSED");
		assertThat(trail(gap)).containsExactly("fin-a close NEW>CLOSED FALSE_POSITIVE");

		act(this.financeB, held, "approve-release", null).andExpect(status().isOk());
		refused(this.financeA, held, "reopen", "{\"note\": \"paid by mistake\"}", "a released tap cannot be reopened");

		// Not refusals of the rules: no such action or case, a body that is not JSON, no
		// such resolution, a note longer than the trail keeps.
		act(this.financeA, gap, "delete", null).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("acknowledge, close, reopen")));
		act(this.financeA, 999999, "acknowledge", null).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no exception case 999999"));
		act(this.financeA, gap, "reopen", "{\"note\": ").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		act(this.financeA, gap, "reopen", "{\"resolution\": \"LOST\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("resolution must be one of FALSE_POSITIVE")));
		act(this.financeA, gap, "reopen", "{\"note\": \"" + "x".repeat(2001) + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("note must be at most 2000 characters, not 2001"));
		// a NUL character, which no text column keeps (PostgreSQL refuses it)
		act(this.financeA, gap, "reopen", "{\"note\": \"a\\u0000b\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("note carries a NUL character (\\u0000), which no note keeps:" + " send it without one"));
		// characters no one sees: a zero-width space, a direction override that would
		// make the trail read otherwise than written, a lone surrogate
		for (String[] bad : new String[][] { { "\\u200b", "U+200B" }, { "ok \\u202eFFO NETTIRW", "U+202E" },
				{ "x\\ud800y", "U+D800" } }) {
			act(this.financeA, gap, "reopen", "{\"note\": \"" + bad[0] + "\"}").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail")
					.value("note contains an invisible character " + bad[1] + ": send it without one"));
		}
		// a note of no-break or ideographic spaces is no note; a blank Braille pattern is
		// refused as a character no one sees
		refused(this.financeA, gap, "reopen", "{\"note\": \"\\u00a0\\u3000\\u202f\"}", "reopen needs a note");
		act(this.financeA, gap, "reopen", "{\"note\": \"\\u2800\"}").andExpect(status().isBadRequest());
		// a field the body does not take (a mistyped Note) is refused, not dropped with
		// the note it carries
		act(this.financeA, gap, "reopen", "{\"Note\": \"paid twice\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("the body takes only \"resolution\" and \"note\", not 'Note': nothing was done"));
		// Every refusal is in the audit log, the request's own mistakes (400, a body that
		// is no JSON included) as the rules' (409): three of the rules, nine of the
		// requests.
		assertThat(audit("exception.reopen")).filteredOn(("fin-a|127.0.0.1|exception " + gap + "|FAILED")::equals)
			.hasSize(12);
		// a line break and a tab are a note's own
		act(this.financeA, gap, "reopen", "{\"note\": \"first\\n\\tsecond\"}").andExpect(status().isOk());
		assertThat(trail(gap)).hasSize(2);
	}

	@Test
	void twoPeopleActingOnOneCaseAtOnceOneWinsTheOtherIsRefused() throws Exception {
		for (int round = 0; round < 3; round++) {
			long id = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150);
			List<Integer> closes = race(id, "close", this.financeA, this.ops, "{\"resolution\": \"FALSE_POSITIVE\"}");
			assertThat(closes).containsExactlyInAnyOrder(200, 409);
			assertThat(trail(id)).hasSize(1);

			long held = DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", LocalDate.of(2026, 8, 31), "BJBUS", 200);
			act(this.financeA, held, "request-release", null).andExpect(status().isOk());
			List<Integer> approvals = race(held, "approve-release", this.financeB, this.financeC, null);
			assertThat(approvals).containsExactlyInAnyOrder(200, 409);
			assertThat(trail(held)).hasSize(2).last().asString().endsWith("RELEASE_REQUESTED>CLOSED RELEASED");
		}
	}

	@Test
	void agingCountsTheOpenCasesByCategoryAndAge() throws Exception {
		String asOf = "2026-09-10";
		Map<String, long[]> before = aging(asOf);
		DeskFixture.newCase(this.jdbc, "SEQ_GAP", LocalDate.of(2026, 9, 9), "BJBUS", -300);
		DeskFixture.newCase(this.jdbc, "SEQ_GAP", LocalDate.of(2026, 9, 10), "BJBUS", 120);
		DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", LocalDate.of(2026, 9, 3), "BJBUS", 200);
		DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", LocalDate.of(2026, 9, 8), "BJBUS", 250);
		DeskFixture.newCase(this.jdbc, "BALANCE_BREAK", LocalDate.of(2026, 8, 11), "BJBUS", 1234);
		DeskFixture.newCase(this.jdbc, "DUPLICATE", LocalDate.of(2026, 8, 10), "BJMTR", 950);
		long closed = DeskFixture.newCase(this.jdbc, "DUPLICATE", LocalDate.of(2026, 9, 9), "BJMTR", 400);
		long released = DeskFixture.newCase(this.jdbc, "UNKNOWN_CARD", LocalDate.of(2026, 9, 9), "BJBUS", 700);
		act(this.ops, closed, "close", "{\"resolution\": \"PARTNER_CORRECTED\"}").andExpect(status().isOk());
		act(this.financeA, released, "request-release", null).andExpect(status().isOk());
		act(this.financeB, released, "approve-release", null).andExpect(status().isOk());

		Map<String, long[]> after = aging(asOf);
		Map<String, long[]> added = new HashMap<>();
		after.forEach((key, cell) -> {
			long[] was = before.getOrDefault(key, new long[2]);
			if (cell[0] != was[0] || cell[1] != was[1]) {
				added.put(key, new long[] { cell[0] - was[0], cell[1] - was[1] });
			}
		});
		// Ages on 2026-09-10: 09-09 and 09-10 are 0-1 days, 09-08 (2) and 09-03 (7) are
		// 2-7, 08-11 (30) is 8-30, 08-10 (31) is over 30; the closed and the released are
		// not open. Money at stake is the magnitude: the gap of -3.00 counts 3.00.
		assertThat(added).containsOnlyKeys("SEQ_GAP|0-1", "SEQ_GAP|total", "UNKNOWN_CARD|2-7", "UNKNOWN_CARD|total",
				"BALANCE_BREAK|8-30", "BALANCE_BREAK|total", "DUPLICATE|over 30", "DUPLICATE|total", "TOTAL|0-1",
				"TOTAL|2-7", "TOTAL|8-30", "TOTAL|over 30", "TOTAL|total");
		assertThat(added.get("SEQ_GAP|0-1")).containsExactly(2, 420);
		assertThat(added.get("UNKNOWN_CARD|2-7")).containsExactly(2, 450);
		assertThat(added.get("BALANCE_BREAK|8-30")).containsExactly(1, 1234);
		assertThat(added.get("DUPLICATE|over 30")).containsExactly(1, 950);
		assertThat(added.get("TOTAL|0-1")).containsExactly(2, 420);
		assertThat(added.get("TOTAL|total")).containsExactly(6, 420 + 450 + 1234 + 950);
		// the aging row's link lists the cases it counts: every case not CLOSED, the
		// closed
		// and the released left out
		long notClosed = after.get("DUPLICATE|total")[0];
		this.mvc.perform(get("/api/exceptions?category=DUPLICATE&state=NOT_CLOSED&size=200").with(as(this.financeA)))
			.andExpect(jsonPath("$.total").value(notClosed))
			.andExpect(jsonPath("$.items[*].id")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) closed))));
		this.mvc.perform(get("/desk").with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("href=\"/desk?category=DUPLICATE&amp;state=NOT_CLOSED\"")));
		this.mvc.perform(get("/api/exceptions/aging?date=" + asOf).with(as(this.financeA)))
			.andExpect(jsonPath("$.as_of").value(asOf))
			.andExpect(jsonPath("$.rows[0].buckets[*].label").value(contains("0-1", "2-7", "8-30", "over 30")));
		this.mvc.perform(get("/api/exceptions/aging").with(as(this.financeA)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.as_of").value("2026-09-01"));
	}

	@Test
	void aLaterNightReconciledWithoutACaseIsTheLatestNightAndThePageSaysSo() throws Exception {
		DeskFixture.newCase(this.jdbc, "DUPLICATE", LocalDate.of(2026, 9, 2), "BJBUS", 100);
		LocalDate withCases = this.jdbc.sql("SELECT MAX(clearing_date) FROM recon_exception")
			.query(LocalDate.class)
			.single();
		LocalDate quiet = withCases.plusDays(1);
		String run = "INSERT INTO job_run (job_execution_id, job, business_key, owner_host, owner_pid, heartbeat_at,"
				+ " outcome) VALUES (?, 'reconcile', ?, 'elsewhere', 1, ?, ?)";
		this.jdbc.sql(run).params(990001L, "date=" + quiet, OffsetDateTime.now(), "NOOP").update();
		// a run that failed reconciled nothing
		this.jdbc.sql(run).params(990002L, "date=" + quiet.plusDays(1), OffsetDateTime.now(), "FAILED").update();
		try {
			this.mvc.perform(get("/desk").with(as(this.financeA)).header("Accept-Language", "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("No case on " + quiet + ", the latest night reconciled")))
				.andExpect(content().string(containsString("The latest cases are of " + withCases + ":")))
				.andExpect(content().string(not(containsString("the latest night</h2>"))));
			this.mvc.perform(get("/desk").with(as(this.ops)).header("Accept-Language", "zh-CN"))
				.andExpect(content().string(containsString(quiet + "（最近对账的一晚）没有案件")))
				.andExpect(content().string(containsString("最近的案件是 " + withCases + " 的：")));
		}
		finally {
			this.jdbc.sql("DELETE FROM job_run WHERE job_execution_id IN (990001, 990002)").update();
		}
		this.mvc.perform(get("/desk").with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(content().string(not(containsString("No case on " + quiet))));
	}

	@Test
	void aPagePastTheLastSaysSoAndLeadsToTheLast() throws Exception {
		DeskFixture.newCase(this.jdbc, "DUPLICATE", LocalDate.of(2026, 9, 3), "BJBUS", 100);
		this.mvc.perform(get("/desk?page=99").with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is no page 100: the list has ")))
			.andExpect(content().string(containsString(">Go to the last page</a>")))
			// no Previous link to the page before, as empty as this one
			.andExpect(content().string(not(containsString("page=98"))));
		this.mvc.perform(get("/desk?page=99").with(as(this.ops)).header("Accept-Language", "zh-CN"))
			.andExpect(content().string(containsString("没有第 100 页：列表共 ")));
		this.mvc.perform(get("/desk").with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(content().string(not(containsString("There is no page"))));
	}

	@Test
	void theRequestersOwnRejectReleaseIsReportedAsTheWithdrawalThePageOffered() throws Exception {
		long id = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 30), "BJBUS", 150);
		for (PortalUser rejecting : new PortalUser[] { this.financeA, this.financeB }) {
			this.mvc
				.perform(post("/desk/" + id + "/request-release").param("note", "paid by the operator")
					.with(as(this.financeA))
					.with(csrf()))
				.andExpect(flash().attribute("flashKind", "ok"));
			String said = (rejecting == this.financeA) ? "Withdraw the request" : "Reject release";
			this.mvc
				.perform(post("/desk/" + id + "/reject-release").param("note", "not yet")
					.with(as(rejecting))
					.header("Accept-Language", "en")
					.with(csrf()))
				.andExpect(flash().attribute("flashKind", "ok"))
				.andExpect(flash().attribute("flashArgs", org.hamcrest.Matchers.hasItemInArray(said)));
		}
	}

	@Test
	void theDeskPagesShowTheFormsEachPersonMayUse() throws Exception {
		long id = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150);
		this.mvc.perform(get("/desk/" + id).with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"action-acknowledge\"")))
			.andExpect(content().string(containsString("id=\"action-request-release\"")))
			.andExpect(content().string(containsString("id=\"action-close\"")))
			.andExpect(content().string(not(containsString("id=\"action-approve-release\""))))
			.andExpect(content().string(containsString("card " + DeskFixture.CARD)))
			.andExpect(content().string(not(containsString("??"))));
		// a hand-made form with two notes is refused, not stored as both
		// joined by a comma
		this.mvc
			.perform(post("/desk/" + id + "/request-release").param("note", "paid by the operator", "second")
				.with(as(this.financeA))
				.with(csrf()))
			.andExpect(redirectedUrl("/desk/" + id + "#action-request-release"))
			.andExpect(flash().attribute("flashKind", "error"));
		this.mvc
			.perform(post("/desk/" + id + "/request-release").param("note", "paid by the operator")
				.with(as(this.financeA))
				.with(csrf()))
			.andExpect(redirectedUrl("/desk/" + id))
			.andExpect(flash().attribute("flashKind", "ok"));
		// The requester and OPS see no approve button; a second finance account does.
		for (PortalUser user : new PortalUser[] { this.financeA, this.ops }) {
			this.mvc.perform(get("/desk/" + id).with(as(user)))
				.andExpect(content().string(not(containsString("id=\"action-approve-release\""))))
				.andExpect(content().string(containsString("id=\"action-reject-release\"")));
		}
		this.mvc.perform(get("/desk/" + id).with(as(this.financeB)).header("Accept-Language", "zh-CN"))
			.andExpect(content().string(containsString("id=\"action-approve-release\"")))
			.andExpect(content().string(containsString("paid by the operator")))
			.andExpect(content().string(not(containsString("??"))));
		// A refusal comes back to the case with its reason, not an error page.
		this.mvc.perform(post("/desk/" + id + "/approve-release").with(as(this.financeA)).with(csrf()))
			.andExpect(redirectedUrl("/desk/" + id + "#action-approve-release"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("fin-a requested this release"))));
		// in the page's language
		this.mvc
			.perform(post("/desk/" + id + "/approve-release").with(as(this.financeA))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("fin-a 提出了此放款申请：须由另一名财务账户批准"))));
		// the requester's own reject-release is refused by the name of the button pressed
		this.mvc
			.perform(post("/desk/" + id + "/reject-release").with(as(this.financeA))
				.with(csrf())
				.header("Accept-Language", "en"))
			.andExpect(flash().attribute("flashArgs", org.hamcrest.Matchers.arrayContaining(
					org.hamcrest.Matchers.is("Withdraw the request"), containsString("\"Withdraw the request\""))));
		this.mvc
			.perform(post("/desk/" + id + "/close").param("resolution", "RELEASED")
				.param("note", "x")
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("只有批准放款申请才会以“已放款”关闭案件"))));
		this.mvc.perform(post("/desk/" + id + "/approve-release").with(as(this.financeB)).with(csrf()))
			.andExpect(flash().attribute("flashKind", "ok"));
		// closed as released, it stays so: the refusal does not send the user to a
		// reopen that is refused too
		this.mvc
			.perform(post("/desk/" + id + "/close").param("resolution", "FALSE_POSITIVE")
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("该案件已以“已放款”关闭"))));
		assertThat(trail(id)).last().asString().isEqualTo("fin-b approve-release RELEASE_REQUESTED>CLOSED RELEASED");
		this.mvc
			.perform(post("/desk/" + id + "/approve-release").with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("要求案件处于待批准放款状态；此案件当前为已关闭"))));
		this.mvc
			.perform(post("/desk/" + id + "/reopen").param("note", "x".repeat(2001))
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("备注长 2001 个字符，最多保存 2000 个"))));
		this.mvc
			.perform(post("/desk/" + id + "/reopen").param("note", "a\u0000b")
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "en"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("The note carries a NUL character"))))
			// the note typed again into the form, without the NUL no page may carry
			.andExpect(flash().attribute("refusedNote", "ab"));
		this.mvc
			.perform(post("/desk/" + id + "/reopen").param("note", "\u200b")
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("备注含有看不见的字符（U+200B"))));
		this.mvc
			.perform(post("/desk/" + id + "/close").param("resolution", "BOGUS")
				.param("note", "x")
				.with(as(this.financeB))
				.with(csrf())
				.header("Accept-Language", "zh-CN"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("flashArgs",
					org.hamcrest.Matchers.hasItemInArray(containsString("请从列表中选择处理结论"))));
		// refused before the rules, and in the audit log as the rules' refusals are
		assertThat(this.jdbc.sql("""
				SELECT action, detail FROM audit_event
				WHERE account = 'fin-b' AND object = ? AND outcome = 'FAILED'
				  AND (detail LIKE '%2000%' OR detail LIKE '%NUL%' OR detail LIKE '%U+200B%' OR detail LIKE '%BOGUS%')
				ORDER BY event_id""")
			.params("exception " + id)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
			.list()).containsExactly("exception.reopen note must be at most 2000 characters, not 2001",
					"exception.reopen note carries a NUL character (\\u0000), which no note keeps: send it without one",
					"exception.reopen note contains an invisible character U+200B: send it without one",
					"exception.close resolution must be one of FALSE_POSITIVE, PARTNER_CORRECTED, REFUNDED_TO_CARDHOLDER,"
							+ " RECOVERED_FROM_CHANNEL, WRITTEN_OFF, REFUSED, OTHER, not 'BOGUS'");
		this.mvc.perform(get("/desk?date=31-08-2026").with(as(this.ops)).header("Accept-Language", "zh-CN"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("筛选条件未生效：日期须为日历上存在的日期，格式为 YYYY-MM-DD</span>")))
			// the message quotes what was typed (a browser's date box would not show it),
			// and the sentence ends after it
			.andExpect(content().string(containsString("YYYY-MM-DD</span><span>（您输入的是“31-08-2026”）。")));
		// A close refused for its missing note keeps the resolution chosen and the note
		// typed.
		long other = DeskFixture.newCase(this.jdbc, "SEQ_CONFLICT", LocalDate.of(2026, 8, 31), "BJBUS", 150);
		this.mvc
			.perform(post("/desk/" + other + "/close").param("resolution", "WRITTEN_OFF")
				.param("note", " ")
				.with(as(this.financeB))
				.with(csrf()))
			.andExpect(redirectedUrl("/desk/" + other + "#action-close"))
			.andExpect(flash().attribute("flashKind", "error"))
			.andExpect(flash().attribute("refusedAction", "close"))
			.andExpect(flash().attribute("refusedResolution", "WRITTEN_OFF"));
		String page = this.mvc
			.perform(get("/desk/" + other).with(as(this.financeB))
				.header("Accept-Language", "en")
				.flashAttr("flashKind", "error")
				.flashAttr("flashKey", "desk.flash.refused")
				.flashAttr("flashArgs", new Object[] { "Close", "a close needs a note" })
				.flashAttr("refusedAction", "close")
				.flashAttr("refusedResolution", "WRITTEN_OFF")
				.flashAttr("refusedNote", "half a sentence"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).containsPattern("<option value=\"WRITTEN_OFF\"\\s+selected=\"selected\"")
			.contains("half a sentence");
		// the refusal is said in the close form, not at the top of the page
		int close = page.indexOf("id=\"action-close\"");
		assertThat(page.substring(close, page.indexOf("</form>", close))).contains("id=\"flash\"",
				"a close needs a note");
		assertThat(page.indexOf("id=\"flash\"")).isGreaterThan(close);
		// an action the case no longer offers (someone else acted meanwhile): said at
		// the top, with the note typed, which no form takes any more
		String gone = this.mvc
			.perform(get("/desk/" + other).with(as(this.financeB))
				.header("Accept-Language", "en")
				.flashAttr("flashKind", "error")
				.flashAttr("flashKey", "desk.flash.refused")
				.flashAttr("flashArgs", new Object[] { "Reject release", "this one is ACKNOWLEDGED" })
				.flashAttr("refusedAction", "reject-release")
				.flashAttr("refusedNote", "the operator confirmed two boardings"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(gone.indexOf("id=\"flash\"")).isLessThan(gone.indexOf("id=\"actions\""));
		assertThat(gone).contains("The note you typed was not saved: the operator confirmed two boardings");
		// acknowledge takes a note too, as every action does (desk.md)
		int acknowledge = page.indexOf("id=\"action-acknowledge\"");
		assertThat(page.substring(acknowledge, page.indexOf("</form>", acknowledge)))
			.contains("<textarea name=\"note\"");
		this.mvc.perform(post("/desk/" + id + "/explode").with(as(this.financeB)).with(csrf()))
			.andExpect(status().isNotFound());

		this.mvc
			.perform(get("/desk?category=SEQ_CONFLICT&state=CLOSED").with(as(this.ops)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"case-" + id + "\"")))
			.andExpect(content().string(containsString("Open cases by age")))
			.andExpect(content().string(not(containsString("??"))));
		this.mvc.perform(get("/desk?category=NOPE").with(as(this.ops)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("The filter was not applied: the category is not one of the list</span>")))
			.andExpect(content().string(containsString("</span><span> (you typed “NOPE”).")));
		this.mvc.perform(get("/finance").with(as(this.financeA)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("id=\"desk-link\"")));
	}

	private ResultActions act(PortalUser user, long id, String action, String body) throws Exception {
		var request = post("/api/exceptions/" + id + "/" + action).with(as(user));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(request);
	}

	private void refused(PortalUser user, long id, String action, String body, String reason) throws Exception {
		String before = state(id);
		act(user, id, action, body).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.detail").value(containsString(reason)));
		assertThat(state(id)).as("nothing changed").isEqualTo(before);
	}

	private void badRequest(String url, String detail) throws Exception {
		this.mvc.perform(get(url).with(as(this.financeA)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

	private List<Integer> race(long id, String action, PortalUser one, PortalUser other, String body) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (PortalUser user : new PortalUser[] { one, other }) {
				answers.add(threads.submit(() -> {
					start.await();
					return act(user, id, action, body).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private Map<String, long[]> aging(String asOf) throws Exception {
		String json = this.mvc.perform(get("/api/exceptions/aging?date=" + asOf).with(as(this.financeA)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<String, long[]> cells = new HashMap<>();
		List<Map<String, Object>> rows = JsonPath.read(json, "$.rows");
		for (Map<String, Object> row : rows) {
			cells(cells, (String) row.get("category"), row);
		}
		cells(cells, "TOTAL", JsonPath.read(json, "$.totals"));
		return cells;
	}

	@SuppressWarnings("unchecked")
	private static void cells(Map<String, long[]> cells, String category, Map<String, Object> row) {
		for (Map<String, Object> bucket : (List<Map<String, Object>>) row.get("buckets")) {
			cells.put(category + "|" + bucket.get("label"),
					new long[] { ((Number) bucket.get("count")).longValue(), fen((String) bucket.get("amount_yuan")) });
		}
		cells.put(category + "|total",
				new long[] { ((Number) row.get("count")).longValue(), fen((String) row.get("amount_yuan")) });
	}

	private static long fen(String yuan) {
		return new BigDecimal(yuan).movePointRight(2).longValueExact();
	}

	private String state(long id) {
		return this.jdbc.sql("""
				SELECT case_state || '/' || COALESCE(case_owner, '-') || '/' || COALESCE(resolution, '-') || '/'
				  || COALESCE(release_requested_by, '-') || '/' || (SELECT COUNT(*) FROM case_action a
				  WHERE a.exception_id = e.exception_id)
				FROM recon_exception e WHERE exception_id = ?""").params(id).query(String.class).single();
	}

	private List<String> trail(long id) {
		return this.jdbc.sql("""
				SELECT account, action, from_state, to_state, resolution FROM case_action WHERE exception_id = ?
				ORDER BY action_id""")
			.params(id)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + ">" + rs.getString(4)
					+ ((rs.getString(5) != null) ? " " + rs.getString(5) : ""))
			.list();
	}

}
