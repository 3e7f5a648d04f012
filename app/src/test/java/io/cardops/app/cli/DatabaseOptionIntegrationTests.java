package io.cardops.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A database URL that is wrong, or names a database that cannot be opened, is reported in
 * one line on standard error, without the framework's stack trace on standard output (the
 * process's own, captured here, where the framework's console log goes).
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOptionIntegrationTests extends CliTestSupport {

	@Test
	void aDatabaseOptionThatIsNoJdbcUrlIsWrongUsageEvenWithoutTheKey(CapturedOutput output) {
		CliResult result = cardopsExactly(Map.of(), "runs", "--db", "foo");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines()).containsExactly("cardops: --db foo is not a JDBC URL"
				+ " (jdbc:postgresql://HOST[:PORT]/DATABASE, or jdbc:h2:... for an embedded database)");
		assertThat(result.out()).isEmpty();
		assertNoStackTrace(output);
	}

	@Test
	void aDatabaseUrlOfAnotherDatabaseIsWrongUsage(CapturedOutput output) {
		CliResult result = cardopsExactly(
				Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_DB_URL", "jdbc:mysql://localhost/cardops"), "runs");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines()).containsExactly("cardops: CARDOPS_DB_URL jdbc:mysql://localhost/cardops"
				+ " names a database cardops does not run on (PostgreSQL: jdbc:postgresql:..., H2: jdbc:h2:...)");
		assertNoStackTrace(output);
	}

	@Test
	void aPostgresqlUrlWithoutHostAndDatabaseIsWrongUsage(CapturedOutput output) {
		for (String url : new String[] { "jdbc:postgresql:", "jdbc:postgresql:cardops",
				"jdbc:postgresql://127.0.0.1:5432/" }) {
			CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "runs", "--db", url);

			assertThat(result.code()).as(url).isEqualTo(2);
			assertThat(result.err().lines()).as(url)
				.containsExactly("cardops: --db " + url
						+ " names no host and database: write jdbc:postgresql://HOST[:PORT]/DATABASE");
		}
		assertNoStackTrace(output);
	}

	@Test
	void anOutboxThatIsAFileIsWrongUsageBeforeAnythingRuns(CapturedOutput output) throws Exception {
		java.nio.file.Path file = java.nio.file.Files.writeString(this.work.resolve("not-a-folder"), "x");

		CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "run", "reconcile", "--date", "2026-09-03",
				"--outbox", file.toString());

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err().lines()).containsExactly("cardops: --outbox " + file + " is not a folder");
		assertNoStackTrace(output);
	}

	@Test
	void aGlobalOptionGivenTwiceIsWrongUsage(CapturedOutput output) {
		CliResult twoDatabases = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "--db", "jdbc:h2:mem:a", "runs",
				"--db", "jdbc:h2:mem:b");
		CliResult twoInboxes = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "run", "card-events", "--inbox=a",
				"--date", "2026-09-01", "--inbox", "b");

		assertThat(twoDatabases.code()).isEqualTo(2);
		assertThat(twoDatabases.err().lines()).containsExactly("cardops: option --db is given more than once");
		assertThat(twoInboxes.code()).isEqualTo(2);
		assertThat(twoInboxes.err().lines()).containsExactly("cardops: option --inbox is given more than once");
		assertNoStackTrace(output);
	}

	@Test
	void aServerThatDoesNotAnswerFailsInOneLineWithoutThePassword(CapturedOutput output) {
		// Nothing listens on port 1.
		CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "runs", "--db",
				"jdbc:postgresql://127.0.0.1:1/cardops?user=cardops&password=secret");

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err().lines()).singleElement()
			.asString()
			.startsWith("cardops: cannot open the database"
					+ " jdbc:postgresql://127.0.0.1:1/cardops?user=cardops&password=***: Connection to 127.0.0.1:1 refused")
			.doesNotContain("secret");
		assertThat(result.out()).isEmpty();
		assertNoStackTrace(output);
	}

	@Test
	void aUserAndPasswordBeforeTheHostAreNotRepeatedByTheDriversReason(CapturedOutput output) {
		// (the driver takes user:s3cret@127.0.0.1 for a host name, and says so)
		CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "runs", "--db",
				"jdbc:postgresql://cardops:s3cret@127.0.0.1:1/cardops");

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).startsWith("cardops: cannot open the database").doesNotContain("s3cret");
		assertNoStackTrace(output);
	}

	@Test
	void aDatabaseThatDoesNotExistOnTheServerFailsInOneLine(CapturedOutput output) {
		assumeTrue(this.database.isPostgres(), "needs the PostgreSQL server");
		String missing = this.database.url().replaceFirst("/([^/?]+)(\\?|$)", "/$1_missing$2");

		CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "runs", "--db", missing);

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err().lines()).singleElement()
			.asString()
			.startsWith("cardops: cannot open the database " + missing + ": ")
			.endsWith("_missing\" does not exist");
		assertNoStackTrace(output);
	}

	@Test
	void anEmbeddedDatabaseWhoseFolderCannotBeMadeFailsInOneLine(CapturedOutput output) throws IOException {
		Path blocker = Files.writeString(this.work.resolve("not-a-folder"), "a file where a folder should be");
		String url = "jdbc:h2:file:" + blocker.resolve("sub").resolve("db");

		CliResult result = cardopsExactly(Map.of("CARDOPS_ID_KEY", ID_KEY), "runs", "--db", url);

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err().lines()).singleElement()
			.asString()
			.startsWith("cardops: cannot open the database " + url + ": its folder " + blocker.resolve("sub")
					+ " cannot be created");
		assertThat(output.getAll().lines())
			.noneMatch((line) -> line.startsWith("\tat ") || line.contains("h2.message"));
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		// neither on standard output nor on standard error, where the framework's lines
		// go
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("\tat ") || line.contains("Exception"));
	}

}
