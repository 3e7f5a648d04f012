package io.cardops.jobs.reconcile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.cardops.jobs.JobName;
import io.cardops.jobs.JobsContext;
import io.cardops.jobs.SampleNights;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitioned judging through the job repository, on the sample nights up to
 * 2026-10-14: each partition is a worker step execution, the result does not depend on
 * how many partitions there are, and a restart after a partition failed runs only that
 * partition again and counts nothing twice.
 */
class JudgePartitionsIntegrationTests {

	private static final LocalDate LAST = LocalDate.of(2026, 10, 14);

	@TempDir
	Path work;

	private JobsContext one;

	private JobsContext three;

	@AfterEach
	void close() throws Exception {
		System.clearProperty(ReconcileJobConfiguration.FAIL_IN_PARTITION);
		if (this.one != null) {
			this.one.close();
		}
		if (this.three != null) {
			this.three.close();
		}
	}

	@Test
	void eachPartitionIsAStepExecutionAndTheirNumberChangesNothing() throws Exception {
		this.one = nights("one", 1);
		this.three = nights("three", 3);

		assertThat(fingerprint(this.three)).isEqualTo(fingerprint(this.one));
		assertThat(fingerprint(this.one).get(0)).as("the sample nights raise exceptions").isNotEmpty();
		JobRunner.RunResult again = SampleNights.run(this.three.bean(JobRunner.class), JobName.RECONCILE, LAST);
		assertThat(again.outcome()).as("nothing new to judge").isEqualTo(RunOutcome.NOOP);
		List<String> steps = steps(this.three, again.executionId());
		assertThat(steps).containsExactly("loadLedgerStep COMPLETED", "judgePartitionsStep COMPLETED",
				"judgePartitionStep:part0 COMPLETED", "judgePartitionStep:part1 COMPLETED",
				"judgePartitionStep:part2 COMPLETED", "judgeLedgerStep COMPLETED", "matchPaymentsStep COMPLETED");
		assertThat(stageRows(this.three)).as("the stage is empty once published").isZero();
	}

	@Test
	void aRestartRunsOnlyThePartitionThatFailedAndCountsNothingTwice() throws Exception {
		this.one = nights("one", 1);
		this.three = JobsContext.start(this.work.resolve("three"), settings(3));
		SampleNights.runUntil(this.three, LAST.minusDays(1));
		// every card-events date up to the last is run by runUntil already: only the last
		// date's reconciliation is left
		JobRunner jobs = this.three.bean(JobRunner.class);
		JobRunner.RunResult failed = reconcileLastFailingIn(jobs, 1);

		assertThat(failed.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(failed.message()).as("the partition's own reason, not the partition step's")
			.isEqualTo("partition 1 of " + LAST + " fails (" + ReconcileJobConfiguration.FAIL_IN_PARTITION + ")");
		assertThat(steps(this.three, failed.executionId()))
			.contains("judgePartitionStep:part0 COMPLETED", "judgePartitionStep:part1 FAILED",
					"judgePartitionStep:part2 COMPLETED")
			.doesNotContain("judgeLedgerStep COMPLETED");
		assertThat(this.three.sql()
			.sql("SELECT part FROM judge_partition WHERE judged_date = ? ORDER BY part")
			.params(LAST)
			.query(Integer.class)
			.list()).as("the failed partition staged nothing").containsExactly(0, 2);
		assertThat(this.three.sql()
			.sql("SELECT COUNT(*) FROM recon_exception WHERE clearing_date = ?")
			.params(LAST)
			.query(Long.class)
			.single()).as("nothing is published before every partition is judged").isZero();

		JobRunner.RunResult restarted = jobs.run(JobName.RECONCILE, Map.of("date", LAST.toString()));

		assertThat(restarted.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(steps(this.three, restarted.executionId())).as("the restart runs only what did not complete")
			.containsExactly("judgePartitionsStep COMPLETED", "judgePartitionStep:part1 COMPLETED",
					"judgeLedgerStep COMPLETED", "matchPaymentsStep COMPLETED");
		assertThat(fingerprint(this.three)).isEqualTo(fingerprint(this.one));
		assertThat(stageRows(this.three)).isZero();
	}

	@Test
	void aStageOfAnotherSplitIsJudgedAgainAndNotPublishedTwice() throws Exception {
		this.one = nights("one", 1);
		// a run of the last date split into four partitions stops with three of them
		// staged
		this.three = JobsContext.start(this.work.resolve("four"), settings(4));
		SampleNights.runUntil(this.three, LAST.minusDays(1));
		JobRunner jobs = this.three.bean(JobRunner.class);
		assertThat(reconcileLastFailingIn(jobs, 0).outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(this.three.sql()
			.sql("SELECT part || '/' || parts FROM judge_partition ORDER BY part")
			.query(String.class)
			.list()).containsExactly("1/4", "2/4", "3/4");

		// when the date is published with a split into two (as a run started anew with
		// another count would)
		int files = new TransactionTemplate(this.three.bean(PlatformTransactionManager.class))
			.execute((status) -> finish(this.three.bean(LedgerJudge.class), 2));

		// then every card is judged once: the run's restart finds nothing left to judge,
		// and the result is the single partition's
		assertThat(files).isPositive();
		assertThat(stageRows(this.three)).isZero();
		assertThat(jobs.run(JobName.RECONCILE, Map.of("date", LAST.toString())).outcome())
			.isEqualTo(RunOutcome.COMPLETED);
		assertThat(fingerprint(this.three)).isEqualTo(fingerprint(this.one));
	}

	@Test
	void theRowsOrderedWhileLoadingAreJudgedAsTheDatabaseOrdersThem() throws Exception {
		// given: the nights judged from the database's order of the new rows
		this.one = JobsContext.start(this.work.resolve("database"),
				settings(2, Map.of("cardops.reconcile.sort-while-loading", false)));
		SampleNights.runUntil(this.one, LAST);
		// when: the same nights judged from the load's spill sort, with a buffer so small
		// that each partition's rows are merged from many run files
		Path sortFolder = this.work.resolve("sort");
		this.three = JobsContext.start(this.work.resolve("sorted"), settings(2, Map
			.of("cardops.reconcile.sort-buffer-rows", 7, "cardops.reconcile.sort-directory", sortFolder.toString())));
		SampleNights.runUntil(this.three, LAST);

		// then: the same exceptions, judgments and card ledger
		assertThat(fingerprint(this.three)).isEqualTo(fingerprint(this.one));
		assertThat(newRowsFrom(this.one)).as("every partition read the database").containsOnly("database");
		assertThat(newRowsFrom(this.three)).as("every partition read the load's sort").containsOnly("load");
		assertThat(partitionContexts(this.three, "judged_by")).as("and names the process that judged it")
			.containsOnly(io.cardops.jobs.partition.Worker.name());
		assertThat(sortFolder).as("the sort's run files are removed when the job ends").isEmptyDirectory();
	}

	/**
	 * Where each partition that judged rows read its new rows, over every reconciliation
	 * run.
	 */
	private static List<String> newRowsFrom(JobsContext context) {
		return partitionContexts(context, "new_rows_from");
	}

	/**
	 * A value each partition that judged rows kept in its step execution's context, over
	 * every reconciliation run.
	 */
	private static List<String> partitionContexts(JobsContext context, String key) {
		JobRepository repository = context.bean(JobRepository.class);
		return repository.findJobInstances(JobName.RECONCILE.batchName())
			.stream()
			.flatMap((instance) -> repository.getJobExecutions(instance).stream())
			.flatMap((execution) -> execution.getStepExecutions().stream())
			.filter((step) -> step.getStepName().startsWith(ReconcileJobConfiguration.PARTITION_STEP + ":"))
			.filter((step) -> step.getExecutionContext().getLong("rows", -1) > 0)
			.map((step) -> step.getExecutionContext().getString(key))
			.toList();
	}

	private static int finish(LedgerJudge judge, int parts) {
		try {
			return judge.finish(LAST, parts, "test");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JobsContext nights(String name, int partitions) throws Exception {
		JobsContext context = JobsContext.start(this.work.resolve(name), settings(partitions));
		SampleNights.runUntil(context, LAST);
		return context;
	}

	private static Map<String, Object> settings(int partitions) {
		return settings(partitions, Map.of());
	}

	private static Map<String, Object> settings(int partitions, Map<String, Object> more) {
		Map<String, Object> settings = new HashMap<>(more);
		settings.put("cardops.inbox", SampleNights.SAMPLES.resolve("inbox").toString());
		settings.put("cardops.partitions.count", partitions);
		return settings;
	}

	/**
	 * What the judging wrote: the exceptions, the judgments and every card's ledger, each
	 * sorted.
	 */
	private static List<List<String>> fingerprint(JobsContext context) {
		JdbcClient sql = context.sql();
		List<String> exceptions = sql.sql("""
				SELECT clearing_date || ' ' || category || ' ' || status || ' ' || COALESCE(TRIM(card_no), '-') || ' '
				  || COALESCE(card_seq, '-') || ' ' || source_file || ':' || source_line || ' ' || amount_fen || ' '
				  || COALESCE(CAST(gap_from AS VARCHAR(20)), '-') || '-' || COALESCE(CAST(gap_to AS VARCHAR(20)), '-')
				FROM recon_exception ORDER BY 1""").query(String.class).list();
		List<String> judgments = sql.sql("""
				SELECT source_file || ':' || source_line || ' ' || disposition || ' ' || settlement
				FROM ledger_judgment ORDER BY 1""").query(String.class).list();
		List<String> ledger = sql.sql("""
				SELECT card_no || ' ' || last_seq || ' ' || balance_fen || ' ' || updated_on
				FROM card_ledger ORDER BY 1""").query(String.class).list();
		return List.of(exceptions, judgments, ledger);
	}

	private static List<String> steps(JobsContext context, long executionId) {
		JobExecution execution = context.bean(JobRepository.class).getJobExecution(executionId);
		return execution.getStepExecutions()
			.stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.map((step) -> step.getStepName() + " " + step.getStatus())
			.toList();
	}

	private static long stageRows(JobsContext context) {
		return context.sql()
			.sql("SELECT (SELECT COUNT(*) FROM judge_partition) + (SELECT COUNT(*) FROM judge_stage_judgment)"
					+ " + (SELECT COUNT(*) FROM judge_stage_exception) + (SELECT COUNT(*) FROM judge_stage_ledger)")
			.query(Long.class)
			.single();
	}

	/**
	 * Reconciles the last date with one partition failing after it staged its results
	 * (the test hook {@link ReconcileJobConfiguration#FAIL_IN_PARTITION}).
	 */
	private static JobRunner.RunResult reconcileLastFailingIn(JobRunner jobs, int partition) {
		System.setProperty(ReconcileJobConfiguration.FAIL_IN_PARTITION, LAST + ":" + partition);
		try {
			return jobs.run(JobName.RECONCILE, Map.of("date", LAST.toString()));
		}
		finally {
			System.clearProperty(ReconcileJobConfiguration.FAIL_IN_PARTITION);
		}
	}

}
