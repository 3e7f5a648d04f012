package io.cardops.portal.ops;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.portal.PortalTestSupport;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operations API's answers (runs, schedules, inbox rejects, exceptions, audit) and
 * the board's pages, through the real security filters.
 */
class OpsApiIntegrationTests extends PortalTestSupport {

	private static final PortalUser OPS = new PortalUser("ops-anna", Role.OPS, null);

	@Autowired
	private RecordingScheduleControl schedules;

	@Autowired
	private JobRunRepository owners;

	@Autowired
	private AuditLog auditLog;

	@Autowired
	private OpsRecords records;

	@BeforeEach
	void data() {
		account(OPS.name(), Role.OPS, null);
		OpsFixtures.runs(this.jdbc, this.owners);
		OpsFixtures.inbox(this.jdbc);
		OpsFixtures.exceptions(this.jdbc);
		this.schedules.reset();
	}

	@Test
	void theBoardsChainSecondsAreRoundedToTheTenthAsTheRunsListShowsThem() {
		LocalDate night = LocalDate.of(2026, 7, 1);
		OpsFixtures.chain(this.jdbc, 901, night, 3_960);
		OpsFixtures.chain(this.jdbc, 902, night.plusDays(1), 440);
		try {
			assertThat(this.records.chainSeconds(night, night.plusDays(1))).containsExactly(Map.entry(night, 4.0),
					Map.entry(night.plusDays(1), 0.4));
		}
		finally {
			OpsFixtures.forget(this.jdbc, 901);
			OpsFixtures.forget(this.jdbc, 902);
		}
	}

	@Test
	void runsListsEachRunWithItsStepsAndTheProgressOfOneStillGoing() throws Exception {
		this.mvc.perform(get("/api/runs").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].id").value(102))
			.andExpect(jsonPath("$[0].job").value("reconcile"))
			.andExpect(jsonPath("$[0].status").value("RUNNING"))
			.andExpect(jsonPath("$[0].started_at").value("2026-09-01T03:30:00+08:00"))
			.andExpect(jsonPath("$[0].progress.step").value("judgeStep"))
			.andExpect(jsonPath("$[0].progress.rows_done").value(1234))
			.andExpect(jsonPath("$[0].steps[0].read").value(500))
			.andExpect(jsonPath("$[1].id").value(101))
			.andExpect(jsonPath("$[1].status").value("COMPLETED"))
			.andExpect(jsonPath("$[1].started_at").value("2026-09-01T03:00:00+08:00"))
			.andExpect(jsonPath("$[1].ended_at").value("2026-09-01T03:01:05+08:00"))
			.andExpect(jsonPath("$[1].duration_ms").value(65000))
			.andExpect(jsonPath("$[1].business_key").value("date=2026-08-31"))
			.andExpect(jsonPath("$[1].summary").value("files=3 rows=12"))
			.andExpect(jsonPath("$[1].progress").doesNotExist())
			.andExpect(jsonPath("$[1].steps[0].name").value("settleStep"))
			.andExpect(jsonPath("$[1].steps[0].written").value(12))
			.andExpect(jsonPath("$[1].url").value("/api/runs/101"));
	}

	@Test
	void runsFilterByJobStatusDateAndLimitAsTheCommandLineDoes() throws Exception {
		this.mvc.perform(get("/api/runs?job=settle").with(as(OPS))).andExpect(jsonPath("$[*].id").value(101));
		this.mvc.perform(get("/api/runs?status=running").with(as(OPS))).andExpect(jsonPath("$[*].id").value(102));
		this.mvc.perform(get("/api/runs?date=2026-08-30").with(as(OPS))).andExpect(jsonPath("$", hasSize(0)));
		this.mvc.perform(get("/api/runs?limit=1").with(as(OPS))).andExpect(jsonPath("$", hasSize(1)));
		this.mvc.perform(get("/api/runs?job=nope").with(as(OPS)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		// an answer that is not a problem is not labelled one, whatever Accept asks
		this.mvc.perform(get("/api/runs?limit=1").with(as(OPS)).accept("application/problem+json"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/json"));
		this.mvc.perform(get("/api/runs?status=GOOD").with(as(OPS)).accept("application/problem+json"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/api/runs?status=GOOD").with(as(OPS))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/runs?limit=0").with(as(OPS))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/runs?date=2026-02-30").with(as(OPS))).andExpect(status().isBadRequest());
	}

	@Test
	void oneRunOrA404() throws Exception {
		this.mvc.perform(get("/api/runs/101").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.steps[0].status").value("COMPLETED"));
		this.mvc.perform(get("/api/runs/999").with(as(OPS)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void schedulesPauseResumeAndTriggerWithTheCommandLinesRules() throws Exception {
		this.mvc.perform(get("/api/schedules").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("nightly-chain"))
			.andExpect(jsonPath("$[0].state").value("NORMAL"))
			.andExpect(jsonPath("$[0].next_fire").doesNotExist());
		this.mvc.perform(post("/api/schedules/nightly-chain/pause").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("PAUSED"));
		this.mvc.perform(post("/api/schedules/nightly-chain/resume").with(as(OPS)))
			.andExpect(jsonPath("$.state").value("NORMAL"));
		this.mvc
			.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"2026-08-31\"}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/runs?job=nightly-chain&date=2026-08-31"))
			.andExpect(jsonPath("$.schedule").value("nightly-chain"))
			.andExpect(jsonPath("$.status").value("ACCEPTED"))
			.andExpect(jsonPath("$.runs_url").value("/api/runs?job=nightly-chain&date=2026-08-31"));
		assertThat(this.schedules.calls()).containsExactly("pause nightly-chain by ops-anna",
				"resume nightly-chain by ops-anna", "trigger nightly-chain 2026-08-31 by ops-anna");
	}

	@Test
	void schedulesRefuseAnUnknownNameABadDateAndARunInProgress() throws Exception {
		this.mvc.perform(post("/api/schedules/nightly/pause").with(as(OPS))).andExpect(status().isNotFound());
		this.mvc.perform(post("/api/schedules/expire-cards/pause").with(as(OPS))).andExpect(status().isConflict());
		this.mvc
			.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"31/08/2026\"}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))).andExpect(status().isBadRequest());
		// a blank date is no date: nothing runs
		for (String blank : new String[] { "", "   " }) {
			this.mvc
				.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"date\": \"" + blank + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("the body must be {\"date\": \"YYYY-MM-DD\"}"));
		}
		this.mvc
			.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"" + RecordingScheduleControl.BUSY_DATE + "\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("in progress")));
		this.mvc
			.perform(post("/api/schedules/nope/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"2026-08-31\"}"))
			.andExpect(status().isNotFound());
		// a body that may not say what its sender meant starts nothing: a field of
		// another name, a field given twice
		this.mvc
			.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"2026-08-31\", \"x\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the body takes only \"date\", not 'x': nothing was done"));
		this.mvc
			.perform(post("/api/schedules/nightly-chain/trigger").with(as(OPS))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"date\": \"2026-08-30\", \"date\": \"2026-08-31\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("each field once")));
		// nothing started; the refusals this controller made itself are recorded (the
		// schedules record theirs)
		assertThat(this.schedules.calls()).noneMatch((call) -> call.startsWith("trigger "))
			.filteredOn((call) -> call.startsWith("refused schedule.trigger nightly-chain by ops-anna: "))
			.hasSize(5);
	}

	@Test
	void theApiTakesHttpBasicWithoutASession() throws Exception {
		this.mvc.perform(get("/api/schedules").with(httpBasic(OPS.name(), PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Set-Cookie"));
	}

	@Test
	void inboxRejectsAreTheRowsOfThePublishedFile() throws Exception {
		this.mvc.perform(get("/api/inbox-rejects?date=2026-08-31").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.date").value("2026-08-31"))
			.andExpect(jsonPath("$.rejects", hasSize(1)))
			.andExpect(jsonPath("$.rejects[0].file_name").value("taps_BJBUS_20260831_01.csv"))
			.andExpect(jsonPath("$.rejects[0].reason").value("no control file"));
		this.mvc.perform(get("/api/inbox-rejects?date=2026-08-30").with(as(OPS)))
			.andExpect(jsonPath("$.rejects", hasSize(0)));
		this.mvc.perform(get("/api/inbox-rejects").with(as(OPS)))
			.andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.detail").value("date is required: the clearing date, YYYY-MM-DD (?date=2026-10-13)"));
	}

	@Test
	void exceptionsArePagedAndFiltered() throws Exception {
		this.mvc.perform(get("/api/exceptions?size=2").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].clearing_date").value("2026-08-31"))
			.andExpect(jsonPath("$.items[1].amount_yuan").value("9.50"));
		this.mvc.perform(get("/api/exceptions?size=2&page=1").with(as(OPS)))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].amount_yuan").value("58.00"))
			.andExpect(jsonPath("$.items[0].status").value("RESOLVED"));
		this.mvc
			.perform(get("/api/exceptions?date=2026-08-31&category=SEQ_GAP&partner=BJBUS&status=OPEN").with(as(OPS)))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].source_line").value(1));
		this.mvc.perform(get("/api/exceptions?size=501").with(as(OPS))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/exceptions?page=-1").with(as(OPS))).andExpect(status().isBadRequest());
		PortalUser finance = new PortalUser(account("fin-li", Role.FINANCE, null), Role.FINANCE, null);
		this.mvc.perform(get("/api/exceptions").with(as(finance))).andExpect(status().isOk());
	}

	@Test
	void auditIsNewestFirstAndFiltered() throws Exception {
		this.auditLog.record(new Actor("ops-anna", "10.0.0.7"), "schedule.pause", "nightly-chain", AuditLog.OK,
				"NORMAL -> PAUSED");
		this.auditLog.record(new Actor("ops-anna", "10.0.0.7"), "schedule.resume", "nightly-chain", AuditLog.OK,
				"PAUSED -> NORMAL");
		this.mvc.perform(get("/api/audit?user=ops-anna&size=500").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].action").value("schedule.resume"))
			.andExpect(jsonPath("$.items[0].source_address").value("10.0.0.7"))
			.andExpect(jsonPath("$.items[0].occurred_at").value("2026-09-01T09:00:00+08:00"))
			.andExpect(jsonPath("$.items[1].action").value("schedule.pause"));
		this.mvc.perform(get("/api/audit?action=schedule.pause&since=2026-09-01").with(as(OPS)))
			.andExpect(jsonPath("$.items[*].action").value("schedule.pause"));
		// typed as a person would, in capitals
		this.mvc.perform(get("/api/audit?action=SCHEDULE.PAUSE&since=2026-09-01").with(as(OPS)))
			.andExpect(jsonPath("$.items[*].action").value("schedule.pause"));
		this.mvc.perform(get("/api/audit?action=schedule.pause&since=2026-09-02").with(as(OPS)))
			.andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(get("/api/audit?since=2026-09-02T00:00:00+08:00").with(as(OPS)))
			.andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(get("/api/audit?since=yesterday").with(as(OPS))).andExpect(status().isBadRequest());
		// offsets as far as ISO-8601 goes (PostgreSQL's own stop at 15:59), years at the
		// ends
		this.mvc.perform(get("/api/audit").param("since", "2026-09-01T16:00:00+16:00").with(as(OPS)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].action").value("schedule.resume"));
		this.mvc.perform(get("/api/audit").param("since", "2026-09-02T00:00:00+18:00").with(as(OPS)))
			.andExpect(status().isOk());
		for (String far : new String[] { "9999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+18:00",
				"+999999999-12-31T23:59:59+08:00", "-999999999-01-01T00:00:00+08:00" }) {
			this.mvc.perform(get("/api/audit").param("since", far).with(as(OPS)))
				.andExpect(status().isBadRequest())
				.andExpect(
						jsonPath("$.detail").value("since must be an instant of the years 0001 to 9999, not " + far));
		}
	}

	@Test
	void theBoardShowsTheRunsTheSchedulesAndTheRejects() throws Exception {
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Recent runs")))
			.andExpect(content().string(containsString("1,234 rows done so far")))
			.andExpect(content().string(containsString("taps_BJBUS_20260831_01.csv")))
			.andExpect(content().string(containsString("nightly-chain")))
			.andExpect(content().string(containsString("/ops/rosters")))
			.andExpect(content().string(containsString("data-chart=")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(not(containsString("??"))));
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "zh-CN"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("最近的运行")))
			.andExpect(content().string(not(containsString("id=\"rejects-bad\""))))
			.andExpect(content().string(not(containsString("??"))));
		// a rejects date that is none is said, and the latest shown instead
		this.mvc.perform(get("/ops?rejects=2026-09-31").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"rejects-bad\"")))
			.andExpect(content().string(containsString("taps_BJBUS_20260831_01.csv")));
		this.mvc.perform(get("/ops/rosters?institution=zzz").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("No upload from the institution coded ZZZ yet")));
	}

	@Test
	void aRunWhoseProcessDiedShowsTheStepItStoppedIn() throws Exception {
		// the reconcile's process is gone (no process of that number on this host)
		this.jdbc.sql("UPDATE job_run SET owner_pid = ? WHERE job_execution_id = ?")
			.params(Integer.MAX_VALUE, OpsFixtures.RECONCILE)
			.update();
		try {
			this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("stopped in judgeStep after 1,234 rows")))
				.andExpect(content().string(not(containsString("1,234 rows done so far"))));
			this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "zh-CN"))
				.andExpect(content().string(containsString("处理 1,234 行后停在 judgeStep")));
		}
		finally {
			this.jdbc.sql("UPDATE job_run SET owner_pid = ? WHERE job_execution_id = ?")
				.params(ProcessHandle.current().pid(), OpsFixtures.RECONCILE)
				.update();
		}
	}

	@Test
	void afterAChainThatStoppedRunNowOffersItsDateAgainAndSaysSo() throws Exception {
		OffsetDateTime started = OffsetDateTime.parse("2026-09-01T03:00:00+08:00");
		this.schedules.lastChain(new ScheduleControl.LastRun(OpsFixtures.SETTLE, OpsFixtures.DATE, "SCHEDULE", "FAILED",
				"reference", started, started.plusSeconds(1)));
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("id=\"date-nightly-chain\" value=\"2026-08-31\"")))
			.andExpect(content().string(containsString("run the chain again for 2026-08-31")))
			// the last run says when it ran and for which business date
			.andExpect(content().string(containsString("Last run 2026-09-01 03:00, for business date 2026-08-31: ")));
		// after one that completed, the date after it, but not today (2026-09-01, whose
		// files are still arriving)
		this.schedules.lastChain(new ScheduleControl.LastRun(OpsFixtures.SETTLE, OpsFixtures.DATE, "SCHEDULE",
				"COMPLETED", null, started, started.plusSeconds(65)));
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("id=\"date-nightly-chain\" value=\"2026-08-31\"")))
			.andExpect(content().string(not(containsString("run the chain again"))))
			.andExpect(content().string(not(containsString("id=\"chain-note\""))));
		// a completed chain whose reference data was refused says why, as a warning
		this.jdbc.sql("UPDATE job_run SET summary = ? WHERE job_execution_id = ?")
			.params("files=3 rows=12\nreference: partners.csv: line 16: role '' must be one of [ISSUER]",
					OpsFixtures.SETTLE)
			.update();
		try {
			this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "zh-CN"))
				.andExpect(content().string(containsString("参考数据被拒收，链条沿用现行参考数据继续运行：")))
				.andExpect(
						content().string(containsString("reference: partners.csv: line 16: role &#39;&#39; must be")))
				.andExpect(content().string(not(containsString("id=\"chain-reason\""))));
		}
		finally {
			this.jdbc.sql("UPDATE job_run SET summary = 'files=3 rows=12' WHERE job_execution_id = ?")
				.params(OpsFixtures.SETTLE)
				.update();
		}
		this.schedules.lastChain(new ScheduleControl.LastRun(OpsFixtures.SETTLE, OpsFixtures.DATE.minusDays(10),
				"SCHEDULE", "COMPLETED", null, started, started.plusSeconds(65)));
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("id=\"date-nightly-chain\" value=\"2026-08-22\"")));
	}

	@Test
	void theBoardShowsTheLatestHotlists() throws Exception {
		this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("No hotlist has been published yet")));
		for (int version = 1; version <= 6; version++) {
			this.jdbc.sql("""
					INSERT INTO hotlist_version (version, clearing_date, published_at, blocked, added, removed)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(version, LocalDate.parse("2026-08-25").plusDays(version),
						OffsetDateTime.parse("2026-08-26T03:00:12+08:00").plusDays(version), 10 + version, version, 1)
				.update();
		}
		String board = this.mvc.perform(get("/ops").with(as(OPS)).header("Accept-Language", "zh-CN"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String hotlist = board.substring(board.indexOf("id=\"hotlist\""), board.indexOf("id=\"inbox-rejects\""));
		// the five latest, newest first, with their dates, counts and publication times
		assertThat(hotlist).contains("闸机黑名单", ">6<", "2026-08-31", "2026-09-01 03:00:12", ">16<", ">2<")
			.doesNotContain("2026-08-26");
		assertThat(hotlist.indexOf(">6<")).isLessThan(hotlist.indexOf(">5<"));
	}

	@Test
	void theBoardShowsTheInboxRejectsOfTheDateAsked() throws Exception {
		this.mvc.perform(get("/ops").param("rejects", "2026-08-30").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"rejects-date\" name=\"rejects\" value=\"2026-08-30\"")))
			// the date picked is answered where it was picked, far down a phone's page
			.andExpect(content().string(containsString("action=\"/ops#inbox-rejects\" method=\"get\"")))
			.andExpect(content().string(containsString("No file of this date was rejected.")))
			// and the last date that has one, a click away
			.andExpect(content().string(containsString("href=\"/ops?rejects=2026-08-31#inbox-rejects\"")))
			.andExpect(content().string(containsString("The last date with a rejected file: 2026-08-31.")))
			.andExpect(content().string(not(containsString("taps_BJBUS_20260831_01.csv"))));
		this.mvc.perform(get("/ops").param("rejects", "not-a-date").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("taps_BJBUS_20260831_01.csv")));
	}

	@Test
	void aStoppedChainsReasonIsShownWithoutItsCounts() {
		assertThat(OpsHomeController.withoutCounts("runs=1 rejected=0 held=0 the inbox folder /x does not exist"))
			.isEqualTo("the inbox folder /x does not exist");
		assertThat(OpsHomeController.withoutCounts("files=3 rows=12")).isEqualTo("files=3 rows=12");
		assertThat(OpsHomeController.withoutCounts("the reference data is missing"))
			.isEqualTo("the reference data is missing");
	}

	@Test
	void runNowWithoutADateSaysADateIsNeeded() throws Exception {
		this.mvc.perform(post("/ops/schedules/nightly-chain/trigger").param("date", "").with(as(OPS)).with(csrf()))
			.andExpect(redirectedUrl("/ops#schedule-nightly-chain"))
			.andExpect(flash().attribute("flashKey", "ops.flash.noDate"));
		assertThat(this.schedules.calls()).containsExactly(
				"refused schedule.trigger nightly-chain by ops-anna: no date: a run needs a date YYYY-MM-DD");
	}

	@Test
	void runNowOfAScheduleTheBoardDoesNotHaveIsRefusedAtTheTop() throws Exception {
		// a schedule removed from the settings while a board stood open, or an address
		// typed: no form to answer beside, and no name in the answer's address
		for (String[] name : new String[][] { { "nope", "nope" }, { "%E4%B8%AD%E6%96%87", "中文" },
				{ "a%22%3E%3Cb", "a\"><b" } }) {
			this.mvc
				.perform(post(URI.create("/ops/schedules/" + name[0] + "/trigger")).param("date", "2026-08-31")
					.with(as(OPS))
					.with(csrf()))
				.andExpect(redirectedUrl("/ops"))
				.andExpect(flash().attribute("flashKey", "ops.flash.unknown"))
				.andExpect(flash().attributeCount(3));
			this.mvc.perform(post(URI.create("/ops/schedules/" + name[0] + "/trigger")).with(as(OPS)).with(csrf()))
				.andExpect(redirectedUrl("/ops"))
				.andExpect(flash().attribute("flashKey", "ops.flash.unknown"));
		}
		assertThat(this.schedules.calls()).containsExactly(
				"refused schedule.trigger nope by ops-anna: no schedule named nope",
				"refused schedule.trigger nope by ops-anna: no schedule named nope",
				"refused schedule.trigger 中文 by ops-anna: no schedule named 中文",
				"refused schedule.trigger 中文 by ops-anna: no schedule named 中文",
				"refused schedule.trigger a\"><b by ops-anna: no schedule named a\"><b",
				"refused schedule.trigger a\"><b by ops-anna: no schedule named a\"><b");
	}

	@Test
	void runNowOfARunThatCannotBeTakenBackAsksToBeConfirmed() throws Exception {
		for (String name : new String[] { "open-renewal", "expire-cards" }) {
			this.mvc.perform(
					post("/ops/schedules/" + name + "/trigger").param("date", "2026-08-31").with(as(OPS)).with(csrf()))
				.andExpect(redirectedUrl("/ops#schedule-" + name))
				.andExpect(flash().attribute("flashKey", "ops.flash.unconfirmed"))
				.andExpect(flash().attribute("refusedSchedule", name))
				.andExpect(flash().attribute("refusedDate", "2026-08-31"));
			this.mvc
				.perform(post("/ops/schedules/" + name + "/trigger").param("date", "2026-08-31")
					.param("confirm", "on")
					.with(as(OPS))
					.with(csrf()))
				.andExpect(flash().attribute("flashKey", "ops.flash.unconfirmed"));
		}
		// the board opens at the form, says why there (not at the top), and offers the
		// date typed
		this.mvc
			.perform(get("/ops").with(as(OPS))
				.header("Accept-Language", "en")
				.flashAttr("flashKind", "error")
				.flashAttr("flashKey", "ops.flash.noDate")
				.flashAttr("flashArgs", new Object[] { "nightly-chain" })
				.flashAttr("refusedSchedule", "nightly-chain")
				.flashAttr("refusedDate", "2027-01-01"))
			.andExpect(content().string(containsString("id=\"date-nightly-chain\" value=\"2027-01-01\"")))
			.andExpect(content().string(org.hamcrest.Matchers
				.matchesPattern("(?s).*id=\"schedule-nightly-chain\".*id=\"flash\".*id=\"date-nightly-chain\".*")));
		assertThat(this.schedules.calls()).as("nothing started unconfirmed")
			.allMatch((call) -> call.startsWith("refused schedule.trigger ") && call
				.endsWith(": date=2026-08-31: not confirmed (the board's tick box): it cannot be taken back"))
			.hasSize(4);
		this.schedules.reset();
		this.mvc
			.perform(post("/ops/schedules/expire-cards/trigger").param("date", "2026-08-31")
				.param("confirm", "yes")
				.with(as(OPS))
				.with(csrf()))
			.andExpect(redirectedUrl("/ops"))
			.andExpect(flash().attribute("flashKey", OpsScheduleFormsController.TRIGGERED));
		assertThat(this.schedules.calls()).containsExactly("trigger expire-cards 2026-08-31 by ops-anna");
	}

	@Test
	void theBoardsFormsPauseAndTriggerThenComeBack() throws Exception {
		this.mvc.perform(post("/ops/schedules/nightly-chain/pause").with(as(OPS)).with(csrf()))
			.andExpect(redirectedUrl("/ops"));
		this.mvc
			.perform(
					post("/ops/schedules/nightly-chain/trigger").param("date", "2026-08-31").with(as(OPS)).with(csrf()))
			.andExpect(redirectedUrl("/ops"));
		this.mvc.perform(post("/ops/schedules/nightly-chain/resume").with(as(OPS))).andExpect(status().isForbidden());
		assertThat(this.schedules.calls()).containsExactly("pause nightly-chain by ops-anna",
				"trigger nightly-chain 2026-08-31 by ops-anna");
	}

	@Test
	void theSmallPagesShowARunTheDesksExceptionsAndTheAuditLog() throws Exception {
		// a step that counted items shows its counts; one that counts none a dash, and
		// the page says where what it did is
		String run = this.mvc.perform(get("/ops/runs/101").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("settleStep")))
			.andExpect(content().string(not(containsString("??"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String settleRow = run.substring(run.indexOf(">settleStep<"),
				run.indexOf("</tr>", run.indexOf(">settleStep<")));
		String archiveRow = run.substring(run.indexOf(">archiveStep<"),
				run.indexOf("</tr>", run.indexOf(">archiveStep<")));
		assertThat(settleRow).contains(">12<").doesNotContain("—");
		assertThat(archiveRow).contains(">—<").doesNotContain(">0<");
		assertThat(run).contains("id=\"steps-uncounted\"", "counts no items");
		this.mvc.perform(get("/ops/runs/999").with(as(OPS))).andExpect(status().isNotFound());
		this.mvc.perform(get("/desk?category=DUPLICATE").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("9.50")))
			.andExpect(content().string(not(containsString("5800"))))
			.andExpect(content().string(not(containsString("??"))));
		this.mvc.perform(get("/ops/audit").with(as(OPS)).header("Accept-Language", "zh-CN"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("审计日志")))
			.andExpect(content().string(not(containsString("??"))));
		// a since the page cannot read is said beside the filter, kept to correct; one
		// it reads limits the log as the API's does
		this.mvc.perform(get("/ops/audit?since=yesterday").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Since must be a date YYYY-MM-DD")))
			.andExpect(content().string(containsString("name=\"since\" inputmode=\"numeric\"")))
			.andExpect(content().string(containsString("value=\"yesterday\"")));
		this.mvc.perform(get("/ops/audit?since=9999-12-31").with(as(OPS)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Since must be"))))
			.andExpect(content().string(containsString("since=9999-12-31")));
		// a page far past the end offers no next page (the product of page and size
		// overflowed an int, and the link went to a negative page)
		for (String far : new String[] { "/ops/audit?page=2147483646", "/ops/audit?page=2147483647",
				"/desk?page=2147483647" }) {
			this.mvc.perform(get(far).with(as(OPS)).header("Accept-Language", "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString(">Next<"))))
				.andExpect(content().string(not(containsString("page=-"))));
		}
	}

}
