package io.cardops.writers.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spool files a killed process leaves behind.
 */
class SpoolTests {

	@TempDir
	Path folder;

	@Test
	void theFilesOfAProcessThatIsGoneAreRemovedAndNoOthers() throws IOException {
		// no process has this number (Linux numbers them up to 2^22)
		Path gone = Files
			.createFile(this.folder.resolve("cardops-spool-" + Integer.MAX_VALUE + "-judge_stage_ledger-1.csv"));
		Path ours = Files.createFile(
				this.folder.resolve("cardops-spool-" + ProcessHandle.current().pid() + "-judge_stage_ledger-2.csv"));
		Path other = Files.createFile(this.folder.resolve("cardops-spool-notanumber.csv"));
		Path unrelated = Files.createFile(this.folder.resolve("report.csv"));

		Spool.removeOrphans(this.folder);

		assertThat(gone).doesNotExist();
		assertThat(ours).exists();
		assertThat(other).exists();
		assertThat(unrelated).exists();
	}

	@Test
	void aProcessLooksForOrphansAtMostEveryTenMinutes() {
		// an hour after any spool made so far in this process
		long now = System.nanoTime() + java.util.concurrent.TimeUnit.HOURS.toNanos(1);
		assertThat(Spool.sweepDue(now)).isTrue();
		assertThat(Spool.sweepDue(now + 1)).as("a spool right after").isFalse();
		long later = now + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
		assertThat(Spool.sweepDue(later)).isTrue();
	}

}
