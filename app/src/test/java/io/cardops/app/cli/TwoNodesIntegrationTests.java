package io.cardops.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code cardops serve} processes on one PostgreSQL database: the nightly chain's
 * trigger fires on exactly one of them, when that one dies mid-run the other one finishes
 * the chain, and both report the same business figures whoever ran the jobs.
 */
@EnabledIfSystemProperty(named = "cardops.test.db", matches = "postgres",
		disabledReason = "Quartz clustering needs a database server both nodes share: run with -Dcardops.test.db=postgres")
class TwoNodesIntegrationTests extends CliTestSupport {

	private static final String SCRAPER_PASSWORD = "scrape-the-metrics-2026";

	private static final Path JAR = Path.of("target", "cardops.jar").toAbsolutePath();

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final List<Process> nodes = new ArrayList<>();

	private final Map<Process, String> names = new HashMap<>();

	@AfterEach
	void stopNodes() throws InterruptedException {
		for (Process node : this.nodes) {
			node.destroy();
		}
		for (Process node : this.nodes) {
			if (!node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				node.destroyForcibly();
			}
		}
	}

	@Test
	void twoNodesFireTheNightlyChainOnce() throws Exception {
		// given: two nodes up on one database, and yesterday's files in the inbox
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.nodes.add(startNode("node-a"));
		this.nodes.add(startNode("node-b"));
		await("both schedulers checked in to the cluster",
				() -> count("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2);
		ZonedDateTime fireAt = ZonedDateTime.now(ZONE).plusSeconds(15).withNano(0);
		LocalDate clearingDate = fireAt.toLocalDate().minusDays(1);
		ScheduleFixtures.night(this.work.resolve("inbox"), clearingDate);

		// when: the chain is moved to fire once, fifteen seconds from now
		moveChainTo(fireAt);

		// then: one node runs the chain, the other does not, and the trigger is spent
		await("the chain ran", () -> count(
				"SELECT COUNT(*) FROM job_run" + " WHERE job = 'nightly-chain' AND outcome IS NOT NULL") > 0);
		await("the one-shot trigger is spent and nothing is firing",
				() -> count("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'nightly-chain'")
						+ count("SELECT COUNT(*) FROM qrtz_fired_triggers") == 0);
		assertThat(this.database.sql()
			.sql("SELECT business_key || ' ' || outcome || ' ' || source FROM job_run WHERE job = 'nightly-chain'")
			.query(String.class)
			.list()).containsExactly("date=" + clearingDate + " COMPLETED QUARTZ");
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE business_key = ? ORDER BY job_execution_id")
			.params("date=" + clearingDate)
			.query(String.class)
			.list()).containsExactly("nightly-chain COMPLETED", "card-events COMPLETED", "reconcile COMPLETED",
					"settle COMPLETED");
		long ranOn = this.database.sql()
			.sql("SELECT owner_pid FROM job_run WHERE job = 'nightly-chain'")
			.query(Long.class)
			.single();
		assertThat(this.nodes.stream().map(Process::pid)).contains(ranOn);
		String day = clearingDate.format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(outbox().resolve(day).resolve("exceptions_" + day + ".csv")).isRegularFile();
		assertThat(outbox().resolve(day).resolve("settlement_" + day + "_summary.csv")).isRegularFile();
		assertThat(this.nodes).allMatch(Process::isAlive);
	}

	@Test
	void whenTheNodeRunningTheChainIsKilledTheOtherOneFinishesIt() throws Exception {
		// given: two nodes up, and yesterday's card events arriving through a pipe, so
		// that the chain is certainly in the middle of its card-events step
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.nodes.add(startNode("node-c"));
		this.nodes.add(startNode("node-d"));
		await("both schedulers checked in to the cluster",
				() -> count("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2);
		ZonedDateTime fireAt = ZonedDateTime.now(ZONE).plusSeconds(15).withNano(0);
		LocalDate clearingDate = fireAt.toLocalDate().minusDays(1);
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, clearingDate);
		Path events = inbox
			.resolve("cardevents_BMAC_APP_" + clearingDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "_01.csv");
		byte[] upload = Files.readAllBytes(events);
		Files.delete(events);
		assertThat(new ProcessBuilder("mkfifo", events.toString()).start().waitFor()).isZero();
		CompletableFuture<OutputStream> feeder = CompletableFuture
			.supplyAsync(() -> CrashRestartIntegrationTests.feedHalf(events, upload));
		moveChainTo(fireAt);
		await("the chain is applying the card events", () -> count("SELECT COUNT(*) FROM batch_step_execution"
				+ " WHERE step_name = 'applyCardEventsStep' AND status = 'STARTED'") == 1);
		OutputStream pipe = feeder.get(30, TimeUnit.SECONDS);

		// when: the node running it dies, and the file is then complete
		long owner = this.database.sql()
			.sql("SELECT owner_pid FROM job_run WHERE job = 'nightly-chain' AND outcome IS NULL")
			.query(Long.class)
			.single();
		Process killed = this.nodes.stream().filter((node) -> node.pid() == owner).findFirst().orElseThrow();
		killed.destroyForcibly();
		assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		this.nodes.remove(killed);
		CrashRestartIntegrationTests.closeBroken(pipe);
		Files.delete(events);
		Files.write(events, upload);

		// then: the other node recovers the chain and completes every step once
		await("the surviving node completed the chain", () -> count(
				"SELECT COUNT(*) FROM job_run" + " WHERE job = 'nightly-chain' AND outcome = 'COMPLETED'") == 1);
		long survivor = this.nodes.get(0).pid();
		// the dead node's execution of the chain, marked FAILED by the restart, and the
		// restart on the surviving node: one chain, restarted where it stopped
		assertThat(this.database.sql()
			.sql("SELECT COALESCE(r.outcome, e.status) || ' ' || r.source || ' ' || r.owner_pid FROM job_run r"
					+ " JOIN batch_job_execution e ON e.job_execution_id = r.job_execution_id"
					+ " WHERE r.job = 'nightly-chain' ORDER BY r.job_execution_id")
			.query(String.class)
			.list()).containsExactly("FAILED QUARTZ " + owner, "COMPLETED RECOVERY " + survivor);
		assertThat(executionStatuses("nightlyChainJob")).containsExactly("FAILED", "COMPLETED");
		assertThat(executionStatuses("cardEventsJob")).as("the dead card-events run is restarted, not started anew")
			.containsExactly("FAILED", "COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM card")).isEqualTo(1);
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE business_key = ? AND outcome IS NOT NULL"
					+ " ORDER BY job_execution_id")
			.params("date=" + clearingDate)
			.query(String.class)
			.list()).containsExactly("nightly-chain FAILED", "card-events FAILED", "nightly-chain COMPLETED",
					"card-events COMPLETED", "reconcile COMPLETED", "settle COMPLETED");
		// (the dead node's two runs, failed by the restart, say what happened to them)
		assertThat(this.database.sql()
			.sql("SELECT summary FROM job_run WHERE business_key = ? AND outcome = 'FAILED' ORDER BY job_execution_id")
			.params("date=" + clearingDate)
			.query(String.class)
			.list()).hasSize(2)
			.allSatisfy((summary) -> assertThat(summary).contains("its process (" + owner + " on ",
					"stopped without ending it (killed, or its machine went down)"));
		String day = clearingDate.format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(outbox().resolve(day).resolve("settlement_" + day + "_summary.csv")).isRegularFile();
	}

	@Test
	void bothNodesReportTheBusinessFiguresOfRunsStartedFromTheCommandLine() throws Exception {
		// given: two nodes up (their schedules, which the nodes register, then paused),
		// and a night in the inbox
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		this.nodes.add(startNode("node-e"));
		this.nodes.add(startNode("node-f"));
		await("both schedulers checked in to the cluster",
				() -> count("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2);
		await("the nodes registered the chain",
				() -> count("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'nightly-chain'") == 1);
		CliResult paused = cardops("schedules", "pause", "nightly-chain");
		assertThat(paused.code()).as(paused.toString()).isZero();
		LocalDate date = LocalDate.of(2026, 9, 3);
		Path inbox = this.work.resolve("inbox");
		ScheduleFixtures.night(inbox, date);

		// when: a third process, the command line, runs the night's jobs, reconcile and
		// settle among them
		for (String[] command : List.of(
				new String[] { "reference", "load", "--dir", inbox.resolve("reference").toString() },
				new String[] { "run", "roster-import", "--file", inbox.resolve("roster_UCAS_20260825.csv").toString() },
				new String[] { "run", "card-events", "--date", date.toString() },
				new String[] { "run", "reconcile", "--date", date.toString() },
				new String[] { "run", "settle", "--date", date.toString() })) {
			CliResult result = cardops(command);
			assertThat(result.code()).as(result.toString()).isZero();
		}

		// then: both nodes report the same business figures, those the database holds
		Map<String, Double> expected = figuresInTheDatabase();
		assertThat(expected).containsEntry("cardops_rows_loaded_total{kind=\"taps\",partner=\"BJBUS\"}", 2.0)
			.containsEntry("cardops_files_rejected_total{kind=\"payments\",outcome=\"REJECTED\",partner=\"ALIPAY\"}",
					1.0)
			.containsEntry("cardops_exceptions_raised_total{category=\"SEQ_GAP\"}", 1.0)
			.containsEntry("cardops_money_settled_fen_total{role=\"CHANNEL\"}", 1000.0);
		// (the metrics are for an OPS account, as a Prometheus server scrapes them)
		CliResult scraper = withStdin(SCRAPER_PASSWORD + "\n",
				() -> cardops("users", "add", "metrics-scraper", "--role", "OPS", "--password-stdin"));
		assertThat(scraper.code()).as(scraper.err()).isZero();
		for (Process node : this.nodes) {
			int port = port(node);
			await("node " + node.pid() + " reports the figures of the database",
					() -> expected.equals(businessFigures(port, expected.keySet())));
		}
		Map<String, Double> first = businessFigures(port(this.nodes.get(0)), Set.of());
		Map<String, Double> second = businessFigures(port(this.nodes.get(1)), Set.of());
		assertThat(first).isEqualTo(second);
		assertThat(first.keySet()).containsAll(expected.keySet());
		first.forEach((series, value) -> assertThat(value).as(series).isEqualTo(expected.getOrDefault(series, 0.0)));
	}

	/**
	 * The business figures counted from the source tables, independently of the totals
	 * the metrics read: each series that is not zero, as Prometheus names it.
	 */
	private Map<String, Double> figuresInTheDatabase() {
		Map<String, Double> figures = new TreeMap<>();
		collect(figures, "cardops_rows_loaded_total{kind=\"roster\",partner=\"%s\"}",
				"SELECT institution, SUM(accepted_rows) FROM roster_import WHERE status = 'COMPLETED' GROUP BY institution");
		collect(figures, "cardops_rows_rejected_total{kind=\"roster\",partner=\"%s\"}",
				"SELECT institution, SUM(rejected_rows) FROM roster_import WHERE status IN ('COMPLETED', 'REJECTED', 'HELD')"
						+ " GROUP BY institution");
		collect(figures, "cardops_rows_loaded_total{kind=\"cardevents\",partner=\"%s\"}",
				"SELECT channel, COUNT(*) FROM card_event GROUP BY channel");
		collect(figures, "cardops_rows_loaded_total{kind=\"taps\",partner=\"%s\"}",
				"SELECT partner, COUNT(*) FROM ledger_row WHERE kind = 'T' GROUP BY partner");
		collect(figures, "cardops_rows_loaded_total{kind=\"recharges\",partner=\"%s\"}",
				"SELECT partner, COUNT(*) FROM ledger_row WHERE kind = 'R' GROUP BY partner");
		collect(figures, "cardops_rows_loaded_total{kind=\"payments\",partner=\"%s\"}",
				"SELECT partner, COUNT(*) FROM payment_row GROUP BY partner");
		collect(figures, "cardops_files_rejected_total{kind=\"%s\",outcome=\"REJECTED\",partner=\"%s\"}",
				"SELECT kind, partner, COUNT(*) FROM inbox_file WHERE status = 'REJECTED' GROUP BY kind, partner");
		collect(figures, "cardops_exceptions_raised_total{category=\"%s\"}",
				"SELECT category, COUNT(*) FROM recon_exception GROUP BY category");
		collect(figures, "cardops_exceptions_open{category=\"%s\"}",
				"SELECT category, COUNT(*) FROM recon_exception WHERE status = 'OPEN' GROUP BY category");
		collect(figures, "cardops_exceptions_open_amount_fen{category=\"%s\"}",
				"SELECT category, SUM(amount_fen) FROM recon_exception WHERE status = 'OPEN' GROUP BY category");
		collect(figures, "cardops_money_settled_fen_total{role=\"%s\"}",
				"SELECT role, SUM(net_fen) FROM settlement_file WHERE role <> 'SUMMARY' GROUP BY role");
		figures.values().removeIf((value) -> value == 0.0);
		return figures;
	}

	private void collect(Map<String, Double> figures, String series, String sql) {
		this.database.sql().sql(sql).query((rs, row) -> {
			int columns = rs.getMetaData().getColumnCount();
			Object[] tags = new Object[columns - 1];
			for (int i = 0; i < tags.length; i++) {
				tags[i] = rs.getString(i + 1);
			}
			return figures.put(String.format(series, tags), rs.getDouble(columns));
		}).list();
	}

	/**
	 * The business series a node reports (rows, files, exceptions, money), with the given
	 * ones reported as missing when a node does not have them yet.
	 */
	private static Map<String, Double> businessFigures(int port, Set<String> wanted) {
		Map<String, Double> figures = new TreeMap<>();
		Pattern sample = Pattern.compile("^(cardops_(?:rows|files|exceptions|money)_[a-z_]*\\{.*\\}) (\\S+)$");
		for (String line : prometheus(port).split("\n")) {
			Matcher matcher = sample.matcher(line);
			if (matcher.matches()) {
				figures.put(matcher.group(1), Double.valueOf(matcher.group(2)));
			}
		}
		if (!wanted.isEmpty()) {
			figures.keySet().retainAll(wanted);
		}
		return figures;
	}

	private static String prometheus(int port) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString(("metrics-scraper:" + SCRAPER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The port a node chose, from the line it prints once it serves. */
	private int port(Process node) throws Exception {
		String name = this.names.get(node);
		Path log = Path.of("target", "two-nodes-" + name + ".log");
		Pattern serving = Pattern.compile("the portal on http://localhost:(\\d+)/");
		int[] port = { -1 };
		await("node " + name + " serves HTTP", () -> {
			try {
				Matcher matcher = serving.matcher(Files.readString(log));
				if (matcher.find()) {
					port[0] = Integer.parseInt(matcher.group(1));
				}
				return port[0] > 0;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return port[0];
	}

	private void moveChainTo(ZonedDateTime fireAt) {
		String cron = fireAt.format(DateTimeFormatter.ofPattern("s m H d M '?' yyyy"));
		CliResult moved = cardops("schedules", "set-cron", "nightly-chain", cron);
		assertThat(moved.code()).as(moved.err()).isZero();
		assertThat(moved.out()).startsWith("nightly-chain: cron 0 0 3 * * ? -> " + cron + " (Asia/Shanghai");
	}

	private Process startNode(String name) throws IOException {
		assertThat(JAR).as("the application jar is built by the package phase").exists();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-Dcardops.home=" + SAMPLES.getParent(), "-D" + PIPES + "=true",
				"-Dcardops.chain.steps=" + ScheduleFixtures.STEPS,
				// See a trigger moved by another process within a second.
				"-Dspring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000", "-jar", JAR.toString(), "serve",
				"--port", "0", "--db", this.database.url(), "--inbox", this.work.resolve("inbox").toString(),
				"--outbox", outbox().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "two-nodes-" + name + ".log").toFile());
		builder.environment().put("CARDOPS_ID_KEY", ID_KEY);
		Process node = builder.start();
		this.names.put(node, name);
		return node;
	}

	private long count(String sql) {
		return this.database.sql().sql(sql).query(Long.class).single();
	}

	private void await(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!condition.getAsBoolean()) {
			for (Process node : this.nodes) {
				if (!node.isAlive()) {
					throw new AssertionError("node " + this.names.get(node) + " stopped (exit " + node.exitValue()
							+ ") while waiting for: " + what + "; the end of its log:\n"
							+ tail(Path.of("target", "two-nodes-" + this.names.get(node) + ".log")));
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(what + ": not within 120 s (node logs in target/two-nodes-*.log)");
			}
			Thread.sleep(250);
		}
	}

}
