package io.cardops.jobs.support;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a failed run's reason reads in {@code cardops runs}, on stderr and in the node's
 * log: cardops's own message as it is, anything else as a sentence that names what to
 * look at, with the stack trace in the log.
 */
class JobRunListenerTests {

	@TempDir
	Path work;

	@Test
	void theStepNamedIsTheOneThatFailedNotAPartitionStillStarting() {
		JobExecution execution = new JobExecution(1, new JobInstance(1, "reconcileJob"), new JobParameters());
		String[][] steps = { { "loadLedgerStep", "COMPLETED" }, { "judgePartitionsStep", "FAILED" },
				{ "judgePartitionStep:part0", "COMPLETED" }, { "judgePartitionStep:part3", "STARTING" } };
		for (int i = 0; i < steps.length; i++) {
			StepExecution step = new StepExecution(i + 1, steps[i][0], execution);
			step.setStatus(BatchStatus.valueOf(steps[i][1]));
			execution.addStepExecution(step);
		}
		assertThat(JobRunListener.what(execution)).isEqualTo("reconcile in judgePartitionsStep");
		// a partition that failed is named rather than its manager
		execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().endsWith("part0"))
			.forEach((step) -> step.setStatus(BatchStatus.FAILED));
		assertThat(JobRunListener.what(execution)).isEqualTo("reconcile in judgePartitionStep:part0");
	}

	@Test
	void aFailureCardopsRaisedKeepsItsMessageOnOneLine() {
		RuntimeException failure = new RuntimeException("step failed",
				new IllegalStateException("fare rules are incomplete:\nload the reference data first"));

		assertThat(Failures.describe(failure, "reconcile in judgeStep", null))
			.isEqualTo("fare rules are incomplete: load the reference data first");
	}

	@Test
	void anOverflowInTheJudgeBecomesASentenceWithTheFileAndLineAndTheLog() {
		IllegalStateException failure = wrapped("taps_BJBUS_20260903_01.csv: line 3: long overflow");
		Path log = Failures.log(this.work.resolve("logs/cardops-errors.log"), "reconcile in judgeStep", failure);

		assertThat(Failures.describe(failure, "reconcile in judgeStep", log)).isEqualTo("an unexpected error"
				+ " (a number too large to compute) stopped reconcile in judgeStep (taps_BJBUS_20260903_01.csv:"
				+ " line 3); the run can be restarted with the same command; the details are in the log (" + log + ")");
		assertThat(log).content().contains("java.lang.ArithmeticException: long overflow");
	}

	@Test
	void aFileSystemFailureNamesThePath() {
		String message = Failures.describe(
				new RuntimeException(thrownBy("sun.nio.fs.UnixException",
						new FileSystemException("/inbox/taps_BJBUS_20260903_35.csv", null, "Is a directory"))),
				"reconcile in loadLedgerStep", Path.of("/var/log/cardops-errors.log"));

		assertThat(message).startsWith("an unexpected error (the file system refused /inbox/taps_BJBUS_20260903_35.csv"
				+ " (is a directory)) stopped reconcile in loadLedgerStep;");
	}

	@Test
	void aLostDatabaseConnectionNamesTheSetting() {
		RuntimeException failure = new RuntimeException(thrownBy("org.postgresql.core.v3.QueryExecutorImpl",
				new SQLException("An I/O error occurred", "08006")));

		assertThat(Failures.describe(failure, "reconcile in judgeStep", null)).startsWith("an unexpected error"
				+ " (database connection lost: check that the database named by --db (or CARDOPS_DB_URL) is up)");
	}

	@Test
	void runningOutOfHeapSaysHowToGiveTheRunMore() {
		assertThat(Failures.describe(new OutOfMemoryError("Java heap space"), "reconcile", null))
			.isEqualTo("out of memory: run it again with a larger heap, CARDOPS_JAVA_OPTS=-Xmx2g");
	}

	@Test
	void theLogIsNotWrittenWhenItsFolderCannotBeMade() throws Exception {
		Path file = Files.writeString(this.work.resolve("a-file"), "");

		assertThat(Failures.log(file.resolve("cardops-errors.log"), "reconcile", new RuntimeException())).isNull();
	}

	/** A failure as the JDK or a driver throws it: its top frame is not cardops's. */
	private static <T extends Throwable> T thrownBy(String className, T failure) {
		failure.setStackTrace(new StackTraceElement[] { new StackTraceElement(className, "run", null, 1) });
		return failure;
	}

	private static IllegalStateException wrapped(String message) {
		try {
			Math.multiplyExact(Long.MAX_VALUE, 2);
			throw new AssertionError("no overflow");
		}
		catch (ArithmeticException ex) {
			return new IllegalStateException(message, ex);
		}
	}

}
