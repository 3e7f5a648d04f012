package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/benchmark-startup} runs each everyday command and prints its figures, in
 * a folder of its own that it removes (docs/benchmarks.md, "Start-up"). Its figures are
 * read by people; this test checks that it ran, never a timing.
 */
class StartupBenchmarkIntegrationTests extends CliTestSupport {

	private static final String FIGURES = " +\\d+\\.\\d\\d s +\\d+\\.\\d\\d s +\\d+\\.\\d\\d s +(\\d+\\.\\d\\d s|n/a) +(\\d+ MB|n/a)";

	@Test
	void theStartupBenchmarkTimesEachCommandOnTheSampleDataInAFolderOfItsOwn() throws Exception {
		// given an installed copy, run from a user's folder
		InstalledCopy copy = InstalledCopy.create(this.work.resolve("home"));
		Path user = Files.createDirectories(this.work.resolve("user"));
		Path temporary = Files.createDirectories(this.work.resolve("tmp"));
		Map<String, String> environment = new HashMap<>(Map.of("TMPDIR", temporary.toString()));
		List<String> command = new ArrayList<>(List.of("scripts/benchmark-startup", "--runs", "1"));
		if (this.database.isPostgres()) {
			command.addAll(List.of("--db", this.database.url()));
			environment.put("CARDOPS_ID_KEY", ID_KEY);
		}

		// when
		InstalledCopy.Ran benchmark = copy.run(user, environment, command.toArray(String[]::new));

		// then one line of figures per command
		assertThat(benchmark.code()).as(benchmark.err()).isZero();
		List<String> lines = benchmark.out().lines().toList();
		assertThat(lines.get(0)).isEqualTo("cardops start-up: ./cardops, "
				+ (this.database.isPostgres() ? "database " + this.database.url() : "embedded H2")
				+ " after cardops demo; timed runs per command: 1");
		assertThat(lines.get(1)).startsWith("host: ");
		assertThat(lines.get(2)).matches("command +wall min +median +max +cpu median +peak RSS");
		assertThat(lines.subList(3, lines.size())).hasSize(4)
			.satisfiesExactly((help) -> assertThat(help).matches("--help" + FIGURES),
					(runs) -> assertThat(runs).matches("runs --limit 1" + FIGURES),
					(trace) -> assertThat(trace).matches("trace --card 3104794600142892307" + FIGURES),
					(schedules) -> assertThat(schedules).matches("schedules" + FIGURES));
		// and the launcher prepared its start-up archive (during the demo, not timed)
		assertThat(copy.archives()).singleElement()
			.satisfies((archive) -> assertThat(archive.resolve("ready")).exists());
		// and the demo went into the database given, nothing into the user's folder
		if (this.database.isPostgres()) {
			assertThat(this.database.sql().sql("SELECT COUNT(*) FROM card").query(Long.class).single()).isPositive();
		}
		try (var left = Files.list(user)) {
			assertThat(left).isEmpty();
		}
		try (var left = Files.list(temporary)) {
			assertThat(left).as("the benchmark folder is removed").isEmpty();
		}
	}

}
