package io.cardops.app.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.jobs.reconcile.ReconcileJobConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation with its judging on two {@code cardops worker} processes through
 * RabbitMQ, on a generated inbox with anomalies of every category: the exceptions equal
 * the generator's answer key and a single-process run's, row for row, with one worker
 * killed ({@code kill -9}) in the middle of a partition, before the partition committed.
 */
@EnabledIfSystemProperty(named = "cardops.test.db", matches = "postgres",
		disabledReason = "workers share the job repository: run with -Dcardops.test.db=postgres (and RabbitMQ at 127.0.0.1:5672)")
class RemoteWorkersIntegrationTests extends CliTestSupport {

	private static final Path JAR = Path.of("target", "cardops.jar").toAbsolutePath();

	private static final URI BROKER = URI.create("amqp://guest:guest@127.0.0.1:5672");

	private static final LocalDate START = LocalDate.of(2026, 10, 12);

	/** A queue of this test's own, so that no other run's requests reach its workers. */
	private final String queue = "cardops.test." + UUID.randomUUID();

	private final List<Process> workers = new ArrayList<>();

	private final Map<Process, Path> logs = new HashMap<>();

	private TestDatabase single;

	@AfterEach
	void stopWorkers() throws Exception {
		System.clearProperty("cardops.partitions.queue");
		System.clearProperty("cardops.partitions.count");
		System.clearProperty("cardops.partitions.timeout");
		for (Process worker : this.workers) {
			worker.destroy();
		}
		for (Process worker : this.workers) {
			if (!worker.waitFor(60, TimeUnit.SECONDS)) {
				worker.destroyForcibly();
			}
		}
		CachingConnectionFactory connections = new CachingConnectionFactory(BROKER);
		try {
			new RabbitAdmin(connections).deleteQueue(this.queue);
		}
		finally {
			connections.destroy();
		}
		if (this.single != null) {
			this.single.close();
		}
	}

	@Test
	void twoWorkersJudgeAsOneProcessDoesEvenWhenOneIsKilledMidPartition() throws Exception {
		// given: three generated days prepared up to their reconciliation, on this test's
		// database and on a second one for the single-process run
		CliResult generated = cardops("generate", "--out", this.work.toString(), "--cards", "300", "--days", "3",
				"--seed", "7", "--anomaly-rate", "0.2");
		assertThat(generated.code()).as(generated.err()).isZero();
		prepare(this.database.url());
		this.single = TestDatabase.create(this.work.resolve("single"));
		prepare(this.single.url());
		System.setProperty("cardops.partitions.queue", this.queue);

		// and two workers, the first of which stops in its first partition before it
		// commits
		Process doomed = startWorker("a", "-D" + ReconcileJobConfiguration.PAUSE_IN_PARTITION + "=600");
		Process survivor = startWorker("b");
		awaitLine(doomed, "takes partitions from queue " + this.queue);
		awaitLine(survivor, "takes partitions from queue " + this.queue);

		// when: the first date is reconciled with remote partitions, and the first worker
		// is killed mid-partition
		CompletableFuture<CliResult> first = CompletableFuture
			.supplyAsync(() -> cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote"));
		awaitLine(doomed, "pausing");
		doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(doomed.isAlive()).isFalse();
		CliResult reconciled = first.get(180, TimeUnit.SECONDS);
		assertThat(reconciled.code()).as(reconciled.err()).isZero();
		assertThat(reconciled.summary()).startsWith("job=reconcile date=" + START + " status=COMPLETED");

		// and the next dates with two live workers again
		Process replacement = startWorker("c");
		awaitLine(replacement, "takes partitions from queue " + this.queue);
		for (LocalDate date : List.of(START.plusDays(1), START.plusDays(2))) {
			CliResult next = cardops("run", "reconcile", "--date", date.toString(), "--partitions", "remote");
			assertThat(next.code()).as(next.err()).isZero();
		}
		// and every date on the second database in this process alone
		for (LocalDate date : List.of(START, START.plusDays(1), START.plusDays(2))) {
			CliResult local = cardopsOn(this.single.url(), "run", "reconcile", "--date", date.toString());
			assertThat(local.code()).as(local.err()).isZero();
		}

		// then: the exceptions are the answer key, row for row, and the judging wrote
		// what the single-process run wrote
		List<String> key = Files.readAllLines(this.work.resolve("answer_key.csv"));
		assertThat(exceptions(this.database.sql())).containsExactlyInAnyOrderElementsOf(key.subList(1, key.size()));
		assertThat(judged(this.database.sql())).isEqualTo(judged(this.single.sql()));
		// and the partition the killed worker held was run by the survivor
		String survivorLog = Files.readString(this.logs.get(survivor));
		assertThat(survivorLog).contains("judgePartitionStep:part0 of job execution")
			.contains("judgePartitionStep:part1 of job execution");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM judge_partition").query(Long.class).single()).isZero();
		// and each partition of each date completed once, the killed one included
		assertThat(this.database.sql().sql("""
				SELECT COUNT(*) FROM batch_step_execution
				WHERE step_name LIKE 'judgePartitionStep:%' AND status = 'COMPLETED'""").query(Long.class).single())
			.isEqualTo(6);
	}

	@Test
	void aWorkerStoppedMidPartitionFinishesItBeforeItExits() throws Exception {
		// given: a generated day prepared up to its reconciliation, judged in one
		// partition, and a worker that pauses in it before it commits
		Process worker = oneDayAndAWorker("stopped", "-D" + ReconcileJobConfiguration.PAUSE_IN_PARTITION + "=8");

		// when: the worker is stopped (SIGTERM, as Ctrl-C or a service stop) in the
		// middle of its partition
		CompletableFuture<CliResult> run = CompletableFuture
			.supplyAsync(() -> cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote"));
		awaitLine(worker, "pausing");
		worker.destroy();

		// then: it says so, finishes the partition, and exits; the run completes
		assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("the worker exits").isTrue();
		String log = Files.readString(this.logs.get(worker));
		assertThat(log).contains("cardops worker: stopping: the partition it is running, if any, finishes first")
			.containsPattern("judgePartitionStep:part0 of job execution \\d+: COMPLETED rows=\\d+")
			.doesNotContain("Exception");
		CliResult reconciled = run.get(60, TimeUnit.SECONDS);
		assertThat(reconciled.code()).as(reconciled.err()).isZero();
		assertThat(reconciled.summary()).startsWith("job=reconcile date=" + START + " status=COMPLETED");
		assertExceptionsAreTheAnswerKey();
	}

	@Test
	void aPartitionThatFailsOnAWorkerFailsTheRunWithItsReasonAndARestartCompletesIt() throws Exception {
		// given: a generated day prepared up to its reconciliation, judged in one
		// partition, and a worker whose partition fails after staging its results
		Process failing = oneDayAndAWorker("failing",
				"-D" + ReconcileJobConfiguration.FAIL_IN_PARTITION + "=" + START + ":0");

		// when: the day is reconciled with remote partitions
		CliResult failed = cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote");

		// then: the run fails with the partition's own reason, here and on the worker
		String reason = "partition 0 of " + START + " fails (" + ReconcileJobConfiguration.FAIL_IN_PARTITION + ")";
		assertThat(failed.code()).isEqualTo(1);
		// (naming the worker: its error log is on its machine)
		assertThat(failed.err()).containsPattern("on the worker \\d+@\\S+, " + Pattern.quote(reason))
			.doesNotContain("unexpected");
		assertThat(Files.readString(this.logs.get(failing))).contains(" failed: " + reason).doesNotContain("Exception");

		// when: that worker is replaced by one that does not fail, and the run is
		// restarted
		failing.destroy();
		assertThat(failing.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Process healthy = startWorker("healthy");
		awaitLine(healthy, "takes partitions from queue " + this.queue);
		CliResult restarted = cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote");

		// then: it completes with the answer key's exceptions
		assertThat(restarted.code()).as(restarted.err()).isZero();
		assertExceptionsAreTheAnswerKey();
	}

	@Test
	void aWorkerOfAnotherDatabaseGivesTheRequestBackAndARunNoWorkerFinishesSaysWhy() throws Exception {
		// given: a day prepared up to its reconciliation, judged in one partition, and
		// the only worker on the queue connected to another database (given the same
		// queue by mistake), whose step executions are numbered from 1 as well
		oneDay();
		this.single = TestDatabase.create(this.work.resolve("other"));
		System.setProperty("cardops.partitions.timeout", "20s");
		Process stranger = startWorkerOn(this.single.url(), "stranger");
		awaitLine(stranger, "takes partitions from queue " + this.queue);

		// when: the day is reconciled with remote partitions
		CliResult timedOut = cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote");

		// then: the stranger gave the request back rather than run its own database's
		// execution of that number, and the run says what to check
		assertThat(timedOut.code()).isEqualTo(1);
		assertThat(timedOut.err())
			.contains("no worker finished the partitions of judgePartitionsStep within 20s"
					+ " (cardops.partitions.timeout): is a cardops worker running with the same --db, taking queue "
					+ this.queue)
			.doesNotContain("unexpected");
		assertThat(Files.readString(this.logs.get(stranger))).contains("a request of another database")
			.doesNotContain("judgePartitionStep:part0 of job execution")
			.doesNotContain("Exception");
		assertThat(this.single.sql().sql("SELECT COUNT(*) FROM batch_step_execution").query(Long.class).single())
			.isZero();

		// when: a worker of the day's database joins, and the run is restarted
		Process own = startWorker("own");
		awaitLine(own, "takes partitions from queue " + this.queue);
		System.clearProperty("cardops.partitions.timeout");
		CliResult restarted = cardops("run", "reconcile", "--date", START.toString(), "--partitions", "remote");

		// then: it completes with the answer key's exceptions
		assertThat(restarted.code()).as(restarted.err()).isZero();
		assertExceptionsAreTheAnswerKey();
	}

	/**
	 * A generated day prepared up to its reconciliation, to be judged in one partition,
	 * and a worker waiting for it.
	 */
	private Process oneDayAndAWorker(String name, String... options) throws Exception {
		oneDay();
		Process worker = startWorker(name, options);
		awaitLine(worker, "takes partitions from queue " + this.queue);
		return worker;
	}

	/**
	 * A generated day prepared up to its reconciliation, to be judged in one partition
	 * sent on this test's queue.
	 */
	private void oneDay() throws IOException {
		CliResult generated = cardops("generate", "--out", this.work.toString(), "--cards", "300", "--days", "1",
				"--seed", "7", "--anomaly-rate", "0.2");
		assertThat(generated.code()).as(generated.err()).isZero();
		prepare(this.database.url());
		System.setProperty("cardops.partitions.queue", this.queue);
		System.setProperty("cardops.partitions.count", "1");
	}

	private void assertExceptionsAreTheAnswerKey() throws IOException {
		List<String> key = Files.readAllLines(this.work.resolve("answer_key.csv"));
		assertThat(exceptions(this.database.sql())).containsExactlyInAnyOrderElementsOf(key.subList(1, key.size()));
	}

	private void prepare(String db) throws IOException {
		assertThat(cardopsOn(db, "reference", "load", "--dir", this.work.resolve("reference").toString()).code())
			.isZero();
		Path roster;
		try (Stream<Path> files = Files.list(this.work.resolve("inbox"))) {
			roster = files.filter((file) -> file.getFileName().toString().startsWith("roster_"))
				.findFirst()
				.orElseThrow();
		}
		assertThat(cardopsOn(db, "run", "roster-import", "--file", roster.toString()).code()).isZero();
		assertThat(cardopsOn(db, "run", "card-events", "--date", START.minusDays(1).toString()).summary())
			.contains("rejected=0");
	}

	private CliResult cardopsOn(String db, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(
				List.of("--db", db, "--outbox", outbox().toString(), "--inbox", this.work.resolve("inbox").toString()));
		return cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), all.toArray(String[]::new));
	}

	private static List<String> exceptions(JdbcClient sql) {
		return sql.sql("SELECT clearing_date, category, card_no, card_seq FROM recon_exception")
			.query((rs, n) -> rs.getObject(1, LocalDate.class) + "," + rs.getString(2) + ","
					+ ((rs.getString(3) != null) ? rs.getString(3).trim() : "") + ","
					+ ((rs.getString(4) != null) ? rs.getString(4) : ""))
			.list();
	}

	/**
	 * Everything the judging wrote: exceptions, judgments and the cards' ledger, sorted.
	 */
	private static List<List<String>> judged(JdbcClient sql) {
		return List.of(sql.sql("""
				SELECT clearing_date || ' ' || category || ' ' || status || ' ' || COALESCE(card_no, '-') || ' '
				  || COALESCE(card_seq, '-') || ' ' || source_file || ':' || source_line || ' ' || amount_fen || ' '
				  || COALESCE(detail, '-') || ' ' || COALESCE(gap_from, -1) || ' ' || COALESCE(gap_to, -1)
				FROM recon_exception ORDER BY 1""").query(String.class).list(), sql.sql("""
				SELECT source_file || ':' || source_line || ' ' || disposition || ' ' || settlement
				FROM ledger_judgment ORDER BY 1""").query(String.class).list(),
				sql.sql("SELECT card_no || ' ' || last_seq || ' ' || balance_fen FROM card_ledger ORDER BY 1")
					.query(String.class)
					.list());
	}

	private Process startWorker(String name, String... options) throws IOException {
		return startWorkerOn(this.database.url(), name, options);
	}

	private Process startWorkerOn(String db, String name, String... options) throws IOException {
		assertThat(JAR).as("the application jar is built by the package phase").exists();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-Dcardops.home=" + SAMPLES.getParent(), "-Dcardops.partitions.queue=" + this.queue));
		command.addAll(List.of(options));
		command.addAll(List.of("-jar", JAR.toString(), "worker", "--db", db));
		Path log = Path.of("target", "remote-worker-" + name + ".log").toAbsolutePath();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("CARDOPS_ID_KEY", ID_KEY);
		Process worker = builder.start();
		this.workers.add(worker);
		this.logs.put(worker, log);
		return worker;
	}

	private void awaitLine(Process worker, String text) throws InterruptedException {
		Path log = this.logs.get(worker);
		await("a line with \"" + text + "\" in " + log.getFileName(), () -> {
			try {
				return Files.exists(log) && Files.readString(log).contains(text);
			}
			catch (IOException ex) {
				return false;
			}
		}, worker);
	}

	private static void await(String what, BooleanSupplier condition, Process worker) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!condition.getAsBoolean()) {
			if (!worker.isAlive()) {
				throw new AssertionError(
						"the worker stopped (exit " + worker.exitValue() + ") while waiting for: " + what);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(what + ": not within 120 s");
			}
			Thread.sleep(200);
		}
	}

}
