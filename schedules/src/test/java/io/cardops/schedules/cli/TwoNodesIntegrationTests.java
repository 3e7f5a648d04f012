package io.cardops.schedules.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code cardops serve} processes on one PostgreSQL database: the nightly chain's
 * trigger fires on exactly one of them, and when that one dies mid-run the other one
 * finishes the chain.
 */
@EnabledIfSystemProperty(named = "cardops.test.db", matches = "postgres",
		disabledReason = "Quartz clustering needs a database server both nodes share: run with -Dcardops.test.db=postgres")
class TwoNodesIntegrationTests extends CliTestSupport {

	private static final Path JAR = Path.of("target", "cardops.jar").toAbsolutePath();

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final List<Process> nodes = new ArrayList<>();

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
		await("the chain ran", () -> count("SELECT COUNT(*) FROM schedule_run"
				+ " WHERE schedule = 'nightly-chain' AND finished_at IS NOT NULL") > 0);
		await("the one-shot trigger is spent and nothing is firing",
				() -> count("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'nightly-chain'")
						+ count("SELECT COUNT(*) FROM qrtz_fired_triggers") == 0);
		assertThat(this.database.sql()
			.sql("SELECT business_date || ' ' || outcome || ' ' || source FROM schedule_run"
					+ " WHERE schedule = 'nightly-chain'")
			.query(String.class)
			.list()).containsExactly(clearingDate + " COMPLETED QUARTZ");
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE business_key = ? ORDER BY job_execution_id")
			.params("date=" + clearingDate)
			.query(String.class)
			.list()).containsExactly("card-events COMPLETED", "reconcile COMPLETED", "settle COMPLETED");
		long ranOn = this.database.sql()
			.sql("SELECT owner_pid FROM schedule_run WHERE schedule = 'nightly-chain'")
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
			.sql("SELECT owner_pid FROM schedule_run WHERE finished_at IS NULL")
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
		await("the surviving node completed the chain", () -> count("SELECT COUNT(*) FROM schedule_run"
				+ " WHERE schedule = 'nightly-chain' AND outcome = 'COMPLETED'") == 1);
		long survivor = this.nodes.get(0).pid();
		assertThat(this.database.sql()
			.sql("SELECT outcome || ' ' || source || ' ' || owner_pid FROM schedule_run ORDER BY run_id")
			.query(String.class)
			.list()).containsExactly("DIED QUARTZ " + owner, "COMPLETED RECOVERY " + survivor);
		assertThat(executionStatuses("cardEventsJob")).as("the dead card-events run is restarted, not started anew")
			.containsExactly("FAILED", "COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM card")).isEqualTo(1);
		assertThat(this.database.sql()
			.sql("SELECT job || ' ' || outcome FROM job_run WHERE business_key = ? AND outcome IS NOT NULL"
					+ " ORDER BY job_execution_id")
			.params("date=" + clearingDate)
			.query(String.class)
			.list()).containsExactly("card-events COMPLETED", "reconcile COMPLETED", "settle COMPLETED");
		String day = clearingDate.format(DateTimeFormatter.BASIC_ISO_DATE);
		assertThat(outbox().resolve(day).resolve("settlement_" + day + "_summary.csv")).isRegularFile();
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
				"-Dcardops.home=" + SAMPLES.getParent(), "-Dcardops.chain.steps=" + ScheduleFixtures.STEPS,
				// See a trigger moved by another process within a second.
				"-Dspring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000", "-jar", JAR.toString(), "serve",
				"--port", "0", "--db", this.database.url(), "--inbox", this.work.resolve("inbox").toString(),
				"--outbox", outbox().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "two-nodes-" + name + ".log").toFile());
		builder.environment().put("CARDOPS_ID_KEY", ID_KEY);
		return builder.start();
	}

	private long count(String sql) {
		return this.database.sql().sql(sql).query(Long.class).single();
	}

	private void await(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!condition.getAsBoolean()) {
			for (Process node : this.nodes) {
				assertThat(node.isAlive()).as("a node stopped; see target/two-nodes-*.log").isTrue();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(what + ": not within 120 s (node logs in target/two-nodes-*.log)");
			}
			Thread.sleep(250);
		}
	}

}
