package io.cardops.app.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
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
		await(() -> count("SELECT COUNT(*) FROM audit_event WHERE action = 'schedule.trigger'"
				+ " AND outcome <> 'REFUSED'") == 2);
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " FROM audit_event WHERE account = 'ops-wang' AND action LIKE 'schedule.%' ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly("ops-wang 127.0.0.1 schedule.pause nightly-chain OK",
					"ops-wang 127.0.0.1 schedule.resume nightly-chain OK",
					// the refusals too, with the schedule as asked for
					"ops-wang 127.0.0.1 schedule.pause nightly REFUSED",
					"ops-wang 127.0.0.1 schedule.trigger nightly-chain REFUSED",
					"ops-wang 127.0.0.1 schedule.trigger open-renewal REFUSED",
					"ops-wang 127.0.0.1 schedule.trigger open-renewal REFUSED",
					"ops-wang 127.0.0.1 schedule.trigger open-renewal REFUSED",
					"ops-wang 127.0.0.1 schedule.trigger open-renewal REFUSED",
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
	void aSecondTriggerOfAScheduleAndDateWaitingForItsTurnIsTheSameLiveRun() throws Exception {
		// given: a node up, an OPS account, and a night whose card-event file is a pipe
		// no one writes yet, so that a chain run for it holds the node's trigger thread
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, DATE);
		Path events = inbox.resolve("cardevents_BMAC_APP_" + DATE.format(DateTimeFormatter.BASIC_ISO_DATE) + "_01.csv");
		byte[] upload = Files.readAllBytes(events);
		Files.delete(events);
		assertThat(new ProcessBuilder("mkfifo", events.toString()).start().waitFor()).isZero();
		this.port = startNode();
		this.node.getBean(Accounts.class).add(new Actor("tester", "cli"), "ops-wang", Role.OPS, null, PASSWORD);
		assertThat(send("POST", "/api/schedules/nightly-chain/trigger", "ops-wang", "{\"date\": \"" + DATE + "\"}")
			.statusCode()).isEqualTo(202);
		await(() -> count("SELECT COUNT(*) FROM job_run WHERE job = 'card-events' AND outcome IS NULL") == 1);
		String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();

		// when: Run now on expire-cards for a date, twice, while the chain still runs:
		// the first waits for the trigger thread, and has no run in the job repository
		// yet
		HttpResponse<String> first = send("POST", "/api/schedules/expire-cards/trigger", "ops-wang",
				"{\"date\": \"" + yesterday + "\"}");
		HttpResponse<String> second = send("POST", "/api/schedules/expire-cards/trigger", "ops-wang",
				"{\"date\": \"" + yesterday + "\"}");

		// then: the second is the same live run (409), and one run of it is made
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
		// (named by its number once its process has registered it)
		assertThat(second.body()).containsPattern("a run of expire-cards for " + yesterday
				+ "( \\(run \\d+, since [^)]+ Asia/Shanghai\\))? is already in progress");
		// (the partner's file arrives: every read of the pipe gets it whole, until the
		// chain is done)
		AtomicBoolean done = new AtomicBoolean();
		Thread partner = new Thread(() -> {
			while (!done.get()) {
				try (OutputStream pipe = Files.newOutputStream(events)) {
					pipe.write(upload);
				}
				catch (IOException ex) {
					// a reader that closed the pipe before this write (a broken
					// pipe): the next reader opens it again, and must find a writer
				}
				try {
					// let the reader that took this copy close the pipe before the
					// next copy is offered
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		partner.setDaemon(true);
		partner.start();
		await(() -> count("SELECT COUNT(*) FROM job_run WHERE job = 'expire-cards' AND outcome IS NOT NULL") == 1);
		done.set(true);
		// a partner waiting for a reader is let go: opened for reading and writing, a
		// pipe opens at once, whether or not a writer comes
		try (RandomAccessFile unblock = new RandomAccessFile(events.toFile(), "rw")) {
			partner.join(30_000);
		}
		assertThat(partner.isAlive()).isFalse();
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE source = 'PORTAL' AND job <> 'expire-cards'"
					+ " ORDER BY job_execution_id")
			.query(String.class)
			.list()).startsWith("nightly-chain COMPLETED", "roster-import COMPLETED", "card-events COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM job_run WHERE job = 'nightly-chain' AND outcome IS NOT NULL"))
			.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM job_run WHERE job = 'expire-cards'")).isEqualTo(1);
		// and: once it has ended, the same date may be run again
		assertThat(send("POST", "/api/schedules/expire-cards/trigger", "ops-wang", "{\"date\": \"" + yesterday + "\"}")
			.statusCode()).isEqualTo(202);
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
