package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.AgeBucket;
import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;
import io.cardops.schedules.schedule.ScheduleKind;
import io.cardops.schedules.schedule.ScheduleRegistrar;
import io.cardops.schedules.schedule.ScheduleResult;
import io.cardops.schedules.schedule.ScheduleRunner;
import io.cardops.schedules.schedule.ScheduleSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code cardops serve} node started in this JVM: a yearly trigger whose fire time
 * passed while no node was up fires once when the node comes up, and the node's
 * {@code /actuator/prometheus} and {@code /actuator/health} say what a known run did.
 */
class ServeIntegrationTests extends NodeTestSupport {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final String PASSWORD = "scrape-the-metrics-2026";

	@Test
	void anExpiryMissedWhileEveryNodeWasDownRunsOnceWhenANodeComesBack() throws Exception {
		// given: the expiry trigger as a node stored it a year ago; its October 1 fire
		// time
		// passed while no node was up
		// (through the command line first, which also sets the JVM's zone as the
		// application does, before a driver caches it)
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.node = ServeCommand.open(session(), 0);
		this.node.getBean(ScheduleRegistrar.class).register(Actor.node());
		Scheduler scheduler = this.node.getBean(Scheduler.class);
		ScheduleSettings.Schedule expiry = this.node.getBean(ScheduleSettings.class)
			.bySchedule()
			.get(ScheduleKind.EXPIRE_CARDS);
		Instant aYearAgo = ZonedDateTime.now(ZONE).minusDays(366).toInstant();
		scheduler.rescheduleJob(ScheduleRegistrar.triggerKey(ScheduleKind.EXPIRE_CARDS),
				ScheduleRegistrar.trigger(ScheduleKind.EXPIRE_CARDS, expiry, aYearAgo));
		Trigger missed = scheduler.getTrigger(ScheduleRegistrar.triggerKey(ScheduleKind.EXPIRE_CARDS));
		assertThat(missed.getNextFireTime().toInstant()).isBefore(Instant.now().minus(Duration.ofDays(1)));

		// when: the node starts
		ServeCommand.start(session(), this.node);

		// then: the expiry runs once, for the day the node came back, and the trigger
		// waits for the next October 1
		await("the missed expiry ran", () -> count(
				"SELECT COUNT(*) FROM job_run" + " WHERE job = 'expire-cards' AND outcome IS NOT NULL") > 0);
		await("nothing is firing any more", () -> count("SELECT COUNT(*) FROM qrtz_fired_triggers") == 0);
		LocalDate today = LocalDate.now(ZONE);
		assertThat(this.database.sql()
			.sql("SELECT business_key || ' ' || outcome || ' ' || source FROM job_run WHERE job = 'expire-cards'")
			.query(String.class)
			.list()).containsExactly("date=" + today + " NOOP QUARTZ");
		ZonedDateTime next = scheduler.getTrigger(ScheduleRegistrar.triggerKey(ScheduleKind.EXPIRE_CARDS))
			.getNextFireTime()
			.toInstant()
			.atZone(ZONE);
		assertThat(next).isAfter(ZonedDateTime.now(ZONE));
		assertThat(next.toLocalDateTime().toString()).endsWith("-10-01T00:05");
	}

	@Test
	void aNodeAppliesItsOwnCronAtStartUpAndTheAuditLogSaysWhoChangedWhat() throws Exception {
		// given: the nightly chain moved to 02:00 by hand, while the node's settings say
		// 03:00
		CliResult moved = cardops("schedules", "set-cron", "nightly-chain", "0 0 2 * * ?");
		assertThat(moved.code()).as(moved.err()).isZero();

		// when: the node starts
		startNode();

		// then: its own settings are in force again, and both changes are audited
		String cli = System.getProperty("user.name") + "@" + InetAddress.getLocalHost().getHostName() + " cli";
		String serve = "serve@" + InetAddress.getLocalHost().getHostName() + " serve";
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " || ' ' || detail FROM audit_event ORDER BY event_id")
			.query(String.class)
			.list())
			.containsExactly(cli + " schedule.set-cron nightly-chain OK (none) -> 0 0 2 * * ? Asia/Shanghai CATCH_UP",
					serve + " schedule.reschedule nightly-chain OK 0 0 2 * * ? Asia/Shanghai CATCH_UP -> 0 0 3 * * ?"
							+ " Asia/Shanghai CATCH_UP",
					serve + " schedule.register open-renewal OK (none) -> 0 5 0 30 7 ? Asia/Shanghai FIRE_ONCE_NOW",
					serve + " schedule.register expire-cards OK (none) -> 0 5 0 1 10 ? Asia/Shanghai FIRE_ONCE_NOW");
		assertThat(cardops("schedules").out()).containsPattern("nightly-chain\\s+0 0 3 \\* \\* \\?\\s");
	}

	@Test
	void prometheusAndHealthShowWhatAKnownRunDid() throws Exception {
		// given: a node up, and a night in the inbox
		LocalDate date = LocalDate.of(2026, 9, 3);
		ScheduleFixtures.night(this.work.resolve("inbox"), date);
		startNode();

		// when: the chain runs on the node
		ScheduleResult result = this.node.getBean(ScheduleRunner.class)
			.run(ScheduleKind.NIGHTLY_CHAIN, date, "CLI", false, (step) -> {
			});
		assertThat(result.completed()).as(String.valueOf(result)).isTrue();

		// then: the business meters count what the database holds (read at most 5 s
		// before)
		Map<String, Double> metrics = scrapeWhen(
				(scraped) -> scraped.containsKey("cardops_rows_loaded_total{kind=\"roster\",partner=\"UCAS\"}")
						&& scraped.get("cardops_money_settled_fen_total{role=\"OPERATOR\"}") > 0);
		long accepted = count("SELECT accepted_rows FROM roster_import");
		long rejected = count("SELECT rejected_rows FROM roster_import");
		assertThat(accepted).isEqualTo(394);
		assertThat(metrics).containsEntry("cardops_rows_loaded_total{kind=\"roster\",partner=\"UCAS\"}", 394.0)
			.containsEntry("cardops_rows_rejected_total{kind=\"roster\",partner=\"UCAS\"}", (double) rejected)
			.containsEntry("cardops_rows_loaded_total{kind=\"cardevents\",partner=\"BMAC_APP\"}", 1.0)
			.containsEntry("cardops_rows_loaded_total{kind=\"taps\",partner=\"BJBUS\"}", 2.0)
			.containsEntry("cardops_rows_loaded_total{kind=\"recharges\",partner=\"COUNTER\"}", 1.0)
			.containsEntry("cardops_files_rejected_total{kind=\"payments\",outcome=\"REJECTED\",partner=\"ALIPAY\"}",
					1.0)
			.containsEntry("cardops_exceptions_raised_total{category=\"SEQ_GAP\"}",
					(double) count("SELECT COUNT(*) FROM recon_exception WHERE category = 'SEQ_GAP'"))
			.containsEntry("cardops_schedule_runs_total{outcome=\"COMPLETED\",schedule=\"nightly-chain\"}", 1.0)
			.containsEntry("spring_batch_job_seconds_count{error=\"none\",spring_batch_job_name=\"reconcileJob\","
					+ "spring_batch_job_status=\"COMPLETED\"}", 1.0);
		assertThat(count("SELECT COUNT(*) FROM recon_exception WHERE category = 'SEQ_GAP'")).isEqualTo(1);
		// The gap is open, and a gap names no amount; a category without exceptions reads
		// zero rather than missing.
		assertThat(metrics).containsEntry("cardops_exceptions_open{category=\"SEQ_GAP\"}", 1.0)
			.containsEntry("cardops_exceptions_open_amount_fen{category=\"SEQ_GAP\"}",
					(double) count("SELECT SUM(amount_fen) FROM recon_exception WHERE category = 'SEQ_GAP'"))
			.containsEntry("cardops_exceptions_open{category=\"DUPLICATE\"}", 0.0)
			.containsEntry("cardops_exceptions_raised_total{category=\"DUPLICATE\"}", 0.0);
		// The desk's cases by age: the gap waits in the bucket of its clearing date's age
		// today, every other bucket and category reads zero.
		String age = AgeBucket.of(date, LocalDate.now(AcademicCalendar.ZONE)).label();
		assertThat(metrics).containsEntry("cardops_desk_cases_open{age=\"" + age + "\",category=\"SEQ_GAP\"}", 1.0)
			.containsEntry("cardops_desk_cases_open_amount_fen{age=\"" + age + "\",category=\"SEQ_GAP\"}",
					(double) count("SELECT ABS(SUM(amount_fen)) FROM recon_exception WHERE category = 'SEQ_GAP'"))
			.containsEntry(
					"cardops_desk_cases_open{age=\"" + (age.equals("0-1") ? "2-7" : "0-1") + "\",category=\"SEQ_GAP\"}",
					0.0)
			.containsEntry("cardops_desk_cases_open_amount_fen{age=\"8-30\",category=\"SEQ_CONFLICT\"}", 0.0);
		assertThat(metrics.get("cardops_job_last_success_age_seconds{job=\"reconcile\"}")).isBetween(0.0, 600.0);
		assertThat(metrics.get("cardops_schedule_last_success_age_seconds{schedule=\"nightly-chain\"}")).isBetween(0.0,
				600.0);
		assertThat(metrics.get("cardops_job_last_success_age_seconds{job=\"settle\"}")).isBetween(0.0, 600.0);
		assertThat(metrics.get("cardops_job_last_success_age_seconds{job=\"open-renewal\"}")).isNaN();
		// Settled: two bus rides of 0.50 paid to BJBUS, a 10.00 cash top-up at COUNTER
		// (no commission), two student discounts of 1.50 claimable from the fund.
		assertThat(metrics).containsEntry("cardops_money_settled_fen_total{role=\"OPERATOR\"}", 100.0)
			.containsEntry("cardops_money_settled_fen_total{role=\"CHANNEL\"}", 1000.0)
			.containsEntry("cardops_money_settled_fen_total{role=\"SUBSIDY\"}", 300.0);

		// and: the metrics, which name the partners and the money, are for OPS alone
		assertThat(send("/actuator/prometheus", null).statusCode()).as("signed out").isEqualTo(401);
		assertThat(send("/actuator/prometheus", account("finance-reader", Role.FINANCE)).statusCode()).as("FINANCE")
			.isEqualTo(403);
		assertThat(send("/actuator/prometheus", account("ucas-reader", Role.UNIVERSITY)).statusCode()).as("UNIVERSITY")
			.isEqualTo(403);
		// and: health answers anyone with its status alone
		HttpResponse<String> anyone = send("/actuator/health", null);
		assertThat(anyone.statusCode()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(anyone.body()).at("/status").asText()).isEqualTo("UP");
		assertThat(anyone.body()).doesNotContain("components", "scheduler", "path", this.work.toString());

		// and: to OPS, health shows the database and this node's clustered scheduler
		JsonNode health = new ObjectMapper().readTree(get("/actuator/health"));
		assertThat(health.at("/status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/scheduler/status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/scheduler/details/clustered").asBoolean()).isTrue();
	}

	@Test
	void businessFiguresOfRunsFromTheCommandLineCountEachFileOnceAndNeverGoDown() throws Exception {
		// given: a night with a payments file whose control file is wrong, a malformed
		// tap and a card event the rules refuse; and a node up
		LocalDate date = LocalDate.of(2026, 9, 3);
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, date);
		String card = CardLifecycleIntegrationTests.CARD_A;
		ScheduleFixtures.withControl(inbox.resolve("cardevents_BMAC_APP_20260903_01.csv"),
				CardLifecycleIntegrationTests.HEADER + "E1,ISSUE,2026-09-03T09:00:00+08:00," + card + ",UCAS,"
						+ CardLifecycleIntegrationTests.ALICE + ",IOS,\nE2,REPORT_LOST,2026-09-03T09:30:00+08:00,"
						+ "3104000000000000999,UCAS," + CardLifecycleIntegrationTests.ALICE + ",,\n",
				2, 0);
		ScheduleFixtures.withControl(inbox.resolve("taps_BJBUS_20260903_02.csv"), ReconcileIntegrationTests.TAPS
				+ "\nB9," + card + ",x,2026-09-03T13:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,700\n", 1,
				50);
		Path payments = inbox.resolve("payments_ALIPAY_20260903_01.csv");
		Files.writeString(payments,
				ReconcileIntegrationTests.PAYMENTS + "\nP1,PAYMENT,2026-09-03T10:00:00+08:00,1000,0,\n");
		startNode();

		// when: the night runs from the command line, the roster's truncated upload held
		assertThat(cardops("reference", "load", "--dir", inbox.resolve("reference").toString()).code()).isZero();
		assertThat(
				cardops("run", "roster-import", "--file", inbox.resolve("roster_UCAS_20260825.csv").toString()).code())
			.isZero();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260901.csv").toString()).code())
			.isEqualTo(3);
		assertThat(cardops("run", "card-events", "--date", "2026-09-03").code()).isZero();
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();

		// then: the node reports them
		Map<String, Double> metrics = scrapeWhen(
				(scraped) -> scraped.containsKey("cardops_rows_rejected_total{kind=\"taps\",partner=\"BJBUS\"}"));
		assertThat(metrics)
			.containsEntry("cardops_files_rejected_total{kind=\"payments\",outcome=\"REJECTED\",partner=\"ALIPAY\"}",
					1.0)
			.containsEntry("cardops_files_rejected_total{kind=\"roster\",outcome=\"HELD\",partner=\"UCAS\"}", 1.0)
			.containsEntry("cardops_files_rejected_total{kind=\"roster\",outcome=\"REJECTED\",partner=\"UCAS\"}", 0.0)
			.containsEntry("cardops_rows_loaded_total{kind=\"roster\",partner=\"UCAS\"}", 394.0)
			.containsEntry("cardops_rows_rejected_total{kind=\"roster\",partner=\"UCAS\"}",
					(double) count("SELECT SUM(rejected_rows) FROM roster_import"))
			.containsEntry("cardops_rows_loaded_total{kind=\"cardevents\",partner=\"BMAC_APP\"}", 1.0)
			.containsEntry("cardops_rows_rejected_total{kind=\"cardevents\",partner=\"BMAC_APP\"}", 1.0)
			.containsEntry("cardops_rows_loaded_total{kind=\"taps\",partner=\"BJBUS\"}", 2.0)
			.containsEntry("cardops_rows_rejected_total{kind=\"taps\",partner=\"BJBUS\"}", 1.0)
			.containsEntry("cardops_rows_loaded_total{kind=\"payments\",partner=\"ALIPAY\"}", 0.0)
			.containsEntry("cardops_exceptions_raised_total{category=\"MALFORMED_RECORD\"}", 1.0)
			.containsEntry("cardops_exceptions_open{category=\"MALFORMED_RECORD\"}", 1.0);
		assertThat(count("SELECT COUNT(*) FROM card_event_reject")).isEqualTo(1);

		// when: ALIPAY corrects its control file, and the date is reconciled again
		ScheduleFixtures.withControl(payments, Files.readString(payments), 1, 1000);
		assertThat(cardops("run", "reconcile", "--date", "2026-09-03").code()).isZero();

		// then: its row is taken in, and its rejection still counts: a counter never
		// goes down
		metrics = scrapeWhen((scraped) -> scraped
			.getOrDefault("cardops_rows_loaded_total{kind=\"payments\",partner=\"ALIPAY\"}", 0.0) > 0);
		assertThat(metrics).containsEntry("cardops_rows_loaded_total{kind=\"payments\",partner=\"ALIPAY\"}", 1.0)
			.containsEntry("cardops_files_rejected_total{kind=\"payments\",outcome=\"REJECTED\",partner=\"ALIPAY\"}",
					1.0);
		assertThat(this.database.sql()
			.sql("SELECT status FROM inbox_file WHERE file_name = 'payments_ALIPAY_20260903_01.csv'")
			.query(String.class)
			.single()).isEqualTo("LOADED");
	}

	/** Reads a path as an OPS account (made on first use), which the metrics need. */
	private String get(String path) throws Exception {
		HttpResponse<String> response = send(path, opsAccount());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** HTTP Basic of an OPS account, as a Prometheus server scrapes with. */
	private String opsAccount() {
		return account("metrics-scraper", Role.OPS);
	}

	/**
	 * HTTP Basic of an account made on first use, through the node's own accounts (a
	 * command run in this JVM beside the node would close the data source its scheduler
	 * shares by name).
	 */
	private String account(String name, Role role) {
		if (count("SELECT COUNT(*) FROM portal_account WHERE name = '" + name + "'") == 0) {
			this.node.getBean(Accounts.class)
				.add(new Actor("tester@test", "cli"), name, role, (role == Role.UNIVERSITY) ? "UCAS" : null, PASSWORD);
		}
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Scrapes until the samples satisfy a condition: the business figures are read from
	 * the database at most every 5 seconds, and a new series appears from the read that
	 * finds it.
	 */
	private Map<String, Double> scrapeWhen(Predicate<Map<String, Double>> condition) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		Map<String, Double> samples = scrape("/actuator/prometheus");
		while (!condition.test(samples) && Instant.now().isBefore(deadline)) {
			Thread.sleep(500);
			samples = scrape("/actuator/prometheus");
		}
		return samples;
	}

	/** Parses the Prometheus text format back: {@code name{tags} value} per sample. */
	private Map<String, Double> scrape(String path) throws Exception {
		Map<String, Double> samples = new HashMap<>();
		Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");
		for (String line : get(path).split("\n")) {
			Matcher matcher = sample.matcher(line);
			if (!line.startsWith("#") && matcher.matches()) {
				samples.put(matcher.group(1), Double.valueOf(matcher.group(2)));
			}
		}
		return samples;
	}

	private long count(String sql) {
		return this.database.sql().sql(sql).query(Long.class).single();
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(what + ": not within 90 s");
			}
			Thread.sleep(200);
		}
	}

}
