package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's help and usage errors, which need no database.
 */
class CardopsCliTests {

	@ParameterizedTest
	@ValueSource(strings = { "--help", "run settle --help", "run roster-import --help", "schedules trigger --help",
			"demo --help" })
	void everyCommandsHelpListsTheGlobalOptions(String command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int code = CardopsCli.execute(command.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of());

		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--db=URL", "--inbox=DIR", "--outbox=DIR");
	}

	@Test
	void aControlCharacterOfAnArgumentIsQuotedAsAQuestionMark() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int code = CardopsCli.execute(new String[] { "trace", "--card", "31041344702881746\u001b[2J" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

		assertThat(code).isEqualTo(2);
		// an escape sequence would clear the operator's screen
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("not 31041344702881746?[2J").doesNotContain("\u001b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "runs --limit 5\u001b[2J", "runs --l\u001b[2J", "runs extra\u001b[2J" })
	void anArgumentTheParserRefusesIsQuotedWithoutItsControlCharacters(String command) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int code = CardopsCli.execute(command.split(" "),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

		assertThat(code).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("?[2J", "Usage: cardops runs")
			.doesNotContain("\u001b");
	}

}
