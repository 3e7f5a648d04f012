package io.cardops.jobs.support;

import java.nio.file.FileAlreadyExistsException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a failed run's reason reads in {@code cardops runs}, on stderr and in the node's
 * log: the root cause's message, with what the operator needs when the message alone does
 * not say it.
 */
class JobRunListenerTests {

	@Test
	void aFailureIsDescribedByItsRootCauseOnOneLine() {
		RuntimeException failure = new RuntimeException("step failed",
				new IllegalStateException("fare rules are incomplete:\nload the reference data first"));

		assertThat(JobRunListener.describe(failure))
			.isEqualTo("fare rules are incomplete: load the reference data first");
	}

	@Test
	void aFileSystemFailureNamesItsClassBeforeThePath() {
		assertThat(JobRunListener.describe(new RuntimeException(new FileAlreadyExistsException("/outbox/20261203"))))
			.isEqualTo("FileAlreadyExistsException: /outbox/20261203");
	}

	@Test
	void runningOutOfHeapSaysHowToGiveTheRunMore() {
		assertThat(JobRunListener.describe(new OutOfMemoryError("Java heap space")))
			.isEqualTo("out of memory (Java heap space): run it again with a larger heap, CARDOPS_JAVA_OPTS=-Xmx2g");
	}

}
