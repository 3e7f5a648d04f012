package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that reads the inbox refuses a folder that is not there (a mistyped
 * {@code --inbox}) instead of reporting a day without files; an empty folder is such a
 * day (for card-events, a day whose first run still publishes its hotlist version).
 */
class InboxFolderIntegrationTests extends CliTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "card-events", "reconcile" })
	void aJobThatReadsTheInboxRefusesAFolderThatDoesNotExist(String job) {
		Path inbox = this.work.resolve("inbox");
		assertThat(inbox).doesNotExist();

		CliResult result = cardops("run", job, "--date", "2026-10-27");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines())
			.containsExactly("cardops: the inbox folder " + inbox.toAbsolutePath().normalize() + " does not exist");
		assertThat(result.out()).isEmpty();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM job_run").query(Long.class).single()).isZero();
	}

	@Test
	void aFileGivenAsTheInboxIsRefused() throws Exception {
		Path inbox = Files.writeString(this.work.resolve("inbox"), "not a folder");

		CliResult result = cardops("run", "reconcile", "--date", "2026-10-27");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines())
			.containsExactly("cardops: the inbox folder " + inbox.toAbsolutePath().normalize() + " is not a folder");
	}

	@Test
	void aFileGivenAsTheInboxOfANightlyChainIsRefusedAsRunRefusesIt() throws Exception {
		Path inbox = Files.writeString(this.work.resolve("inbox"), "not a folder");
		String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();

		CliResult result = cardops("schedules", "trigger", "nightly-chain", "--date", yesterday);

		// the command's mistake: no failed night in the runs, the alerts and the board
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines())
			.containsExactly("cardops: the inbox folder " + inbox.toAbsolutePath().normalize() + " is not a folder");
		// refused before the database is opened: no run, no summary
		assertThat(result.out()).isEmpty();
	}

	@Test
	void anEmptyInboxIsADayWithoutFiles() throws Exception {
		Files.createDirectories(this.work.resolve("inbox"));

		CliResult result = cardops("run", "reconcile", "--date", "2026-10-27");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.summary()).startsWith("job=reconcile date=2026-10-27 status=NOOP");
	}

	@Test
	void cardEventsOnAnEmptyInboxStillPublishTheDatesHotlistVersionOnce() throws Exception {
		Files.createDirectories(this.work.resolve("inbox"));

		CliResult first = cardops("run", "card-events", "--date", "2026-10-27");
		CliResult again = cardops("run", "card-events", "--date", "2026-10-27");

		// README, "run card-events": a date's first run publishes its hotlist version,
		// files or not; only a re-run with nothing new is a NOOP.
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.summary()).startsWith("job=card-events date=2026-10-27 status=COMPLETED files=0")
			.contains("hotlist_version=1 hotlist_published=Y");
		assertThat(again.code()).as(again.err()).isZero();
		assertThat(again.summary()).startsWith("job=card-events date=2026-10-27 status=NOOP files=0")
			.contains("hotlist_version=1 hotlist_published=N");
	}

}
