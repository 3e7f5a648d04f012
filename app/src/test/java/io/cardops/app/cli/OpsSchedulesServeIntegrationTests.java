package io.cardops.app.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedules over HTTP on a real {@code cardops serve} node: an OPS account pauses and
 * resumes the nightly chain in the shared Quartz store and triggers it for a night of the
 * sample data; the chain runs in the background on the node, its jobs appear under the
 * trigger's link, and the audit log names the account and its address.
 */
class OpsSchedulesServeIntegrationTests extends NodeTestSupport {

	private static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	private static final String PASSWORD = "correct-horse-battery";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private int port;

	@Test
	void opsPausesResumesAndTriggersTheNightlyChainOverHttp() throws Exception {
		// given: a node up with its schedules registered, a night in the inbox, an OPS
		// and a FINANCE account
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		this.port = startNode();
		Accounts accounts = this.node.getBean(Accounts.class);
		accounts.add(new Actor("tester", "cli"), "ops-wang", Role.OPS, null, PASSWORD);
		accounts.add(new Actor("tester", "cli"), "fin-li", Role.FINANCE, null, PASSWORD);

		// when / then: the schedules as stored
		HttpResponse<String> list = send("GET", "/api/schedules", "ops-wang", null);
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode schedules = this.json.readTree(list.body());
		assertThat(schedules.get(0).get("name").asText()).isEqualTo("nightly-chain");
		assertThat(schedules.get(0).get("state").asText()).isEqualTo("NORMAL");
		assertThat(schedules.get(0).get("cron").asText()).isEqualTo("0 0 3 * * ?");
		assertThat(schedules.get(0).get("next_fire").asText()).endsWith("T03:00:00+08:00");
		assertThat(send("GET", "/api/schedules", "fin-li", null).statusCode()).isEqualTo(403);

		// pause and resume change the shared store
		HttpResponse<String> paused = send("POST", "/api/schedules/nightly-chain/pause", "ops-wang", null);
		assertThat(paused.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(paused.body()).get("state").asText()).isEqualTo("PAUSED");
		// a paused schedule fires no more until it is resumed
		JsonNode pausedNext = this.json.readTree(paused.body()).get("next_fire");
		assertThat(pausedNext == null || pausedNext.isNull()).as(paused.body()).isTrue();
		assertThat(count("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'nightly-chain'"
				+ " AND trigger_state = 'PAUSED'"))
			.isEqualTo(1);
		HttpResponse<String> resumed = send("POST", "/api/schedules/nightly-chain/resume", "ops-wang", null);
		assertThat(this.json.readTree(resumed.body()).get("state").asText()).isEqualTo("NORMAL");

		// refusals as the command line's rules say
		assertThat(send("POST", "/api/schedules/nightly/pause", "ops-wang", null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/api/schedules/nightly-chain/trigger", "ops-wang", "{\"date\": \"2026-9-3\"}")
			.statusCode()).isEqualTo(400);
		assertThat(send("POST", "/api/schedules/open-renewal/trigger", "ops-wang", "{\"date\": \"2026-07-01\"}")
			.statusCode()).isEqualTo(400);
		// a night still to come, or a year typed wrong, is no date to run for
		for (String date : new String[] { "9999-07-30", "0000-07-30",
				java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).toString() }) {
			HttpResponse<String> refused = send("POST", "/api/schedules/open-renewal/trigger", "ops-wang",
					"{\"date\": \"" + date + "\"}");
			assertThat(refused.statusCode()).as(date).isEqualTo(400);
			assertThat(refused.body()).as(date).contains("from 2000-01-01 to today");
		}

		// the trigger answers at once and the chain runs in the background
		HttpResponse<String> triggered = send("POST", "/api/schedules/nightly-chain/trigger", "ops-wang",
				"{\"date\": \"" + DATE + "\"}");
		assertThat(triggered.statusCode()).isEqualTo(202);
		String location = triggered.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo("/api/runs?job=nightly-chain&date=" + DATE);
		await(() -> count("SELECT COUNT(*) FROM job_run WHERE job = 'nightly-chain' AND source = 'PORTAL'"
				+ " AND outcome IS NOT NULL") == 1);
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE source = 'PORTAL' ORDER BY job_execution_id")
			.query(String.class)
			.list()).containsExactly("nightly-chain COMPLETED", "roster-import COMPLETED", "card-events COMPLETED",
					"reconcile COMPLETED", "settle COMPLETED");
		// the Location lists the chain's run of that date, its steps the chain's jobs
		JsonNode runs = this.json.readTree(send("GET", location, "ops-wang", null).body());
		assertThat(runs.findValuesAsText("job")).containsExactly("nightly-chain");
		assertThat(runs.get(0).get("steps").findValuesAsText("name")).contains("reconcile", "settle");

		// and: every change is in the audit log with the account and its address
		await(() -> count("SELECT COUNT(*) FROM audit_event WHERE action = 'schedule.trigger'") == 2);
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " FROM audit_event WHERE account = 'ops-wang' AND action LIKE 'schedule.%' ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly("ops-wang 127.0.0.1 schedule.pause nightly-chain OK",
					"ops-wang 127.0.0.1 schedule.resume nightly-chain OK",
					"ops-wang 127.0.0.1 schedule.trigger nightly-chain ACCEPTED",
					"ops-wang 127.0.0.1 schedule.trigger nightly-chain COMPLETED");
	}

	@Test
	void aChainSpringBatchHasJustCreatedNeitherBreaksTheSchedulesNorLetsASecondOneStart() throws Exception {
		// given: a chain for a date as Spring Batch creates it, before the process that
		// runs it registered it (the moment after a trigger, before the run's listener)
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.port = startNode();
		this.node.getBean(Accounts.class).add(new Actor("tester", "cli"), "ops-wang", Role.OPS, null, PASSWORD);
		JobRepository repository = this.node.getBean(JobRepository.class);
		JobParameters parameters = new JobParametersBuilder().addString("date", DATE.toString(), true)
			.toJobParameters();
		repository.createJobExecution(repository.createJobInstance("nightlyChainJob", parameters), parameters,
				new ExecutionContext());

		// when / then: the schedules still list (the run's date is not known yet)
		HttpResponse<String> list = send("GET", "/api/schedules", "ops-wang", null);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(this.json.readTree(list.body()).get(0).get("name").asText()).isEqualTo("nightly-chain");
		// and a trigger for its date is refused: it is in progress
		HttpResponse<String> again = send("POST", "/api/schedules/nightly-chain/trigger", "ops-wang",
				"{\"date\": \"" + DATE + "\"}");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
	}

	@Test
	void triggersOfOneScheduleAndDateSentAtOnceStartOneRun() throws Exception {
		// given: a node up and an OPS account
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.port = startNode();
		this.node.getBean(Accounts.class).add(new Actor("tester", "cli"), "ops-wang", Role.OPS, null, PASSWORD);
		for (int i = 0; i < 6; i++) {
			this.node.getBean(Accounts.class).add(new Actor("tester", "cli"), "ops-" + i, Role.OPS, null, PASSWORD);
		}
		String date = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();

		// when: six people click Run now on expire-cards for one date at the same moment
		// (each signs in on an account row of its own, so nothing serializes them)
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Integer>> clicks = new ArrayList<>();
		ExecutorService browsers = Executors.newFixedThreadPool(6);
		for (int i = 0; i < 6; i++) {
			String account = "ops-" + i;
			clicks.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return send("POST", "/api/schedules/expire-cards/trigger", account, "{\"date\": \"" + date + "\"}")
						.statusCode();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, browsers));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<Integer> click : clicks) {
			statuses.add(click.get(60, TimeUnit.SECONDS));
		}
		browsers.shutdown();

		// then: one is accepted, the others are the same live run (409), and one run is
		// made
		assertThat(statuses).filteredOn((status) -> status == 202).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(5);
		await(() -> count("SELECT COUNT(*) FROM job_run WHERE job = 'expire-cards' AND source = 'PORTAL'"
				+ " AND outcome IS NOT NULL") == 1);
		Thread.sleep(1000);
		assertThat(count("SELECT COUNT(*) FROM job_run WHERE job = 'expire-cards'")).isEqualTo(1);
		// and: once it has ended, the same date may be run again
		await(() -> send202("expire-cards", date));
	}

	private boolean send202(String schedule, String date) {
		try {
			return send("POST", "/api/schedules/" + schedule + "/trigger", "ops-wang", "{\"date\": \"" + date + "\"}")
				.statusCode() == 202;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(String method, String path, String account, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((account + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count(String sql) {
		return this.database.sql().sql(sql).query(Long.class).single();
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 3 minutes").isLessThan(deadline);
			Thread.sleep(250);
		}
	}

}
