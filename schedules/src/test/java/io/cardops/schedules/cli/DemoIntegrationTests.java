package io.cardops.schedules.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardops demo} runs the sample year end to end; its outcomes are the ones
 * {@code sample-data/README.md} works out by hand.
 */
class DemoIntegrationTests extends CliTestSupport {

	@Test
	void demoRunsTheSampleYearInCalendarOrder() {
		CliResult demo = cardops("demo");

		assertThat(demo.code()).as(demo.err()).isZero();
		List<String> runs = demo.out().lines().filter((line) -> line.startsWith("job=")).toList();
		assertThat(
				runs.stream().filter((line) -> line.startsWith("job=roster-import")).map((line) -> line.split(" ")[2]))
			.containsExactly("status=COMPLETED", "status=COMPLETED", "status=REJECTED", "status=NOOP",
					"status=COMPLETED", "status=HELD", "status=COMPLETED");
		assertThat(sum(runs, "job=card-events", "applied")).isEqualTo(200);
		assertThat(sum(runs, "job=card-events", "rejected")).isEqualTo(26);
		assertThat(sum(runs, "job=card-events", "files_waiting")).isEqualTo(1);
		assertThat(sum(runs, "job=card-events", "files_rejected")).isEqualTo(1);
		assertThat(runs).contains("job=expire-cards date=2026-10-01 status=NOOP expired=0",
				"job=expire-cards date=2027-10-01 status=COMPLETED expired=74",
				"job=open-renewal date=2027-07-30 status=COMPLETED window_year=2027 window_opened_on=2027-07-30"
						+ " institutions=3 cards=119 eligible=78 not_eligible=41");
		assertThat(this.database.sql()
			.sql("SELECT state || '=' || COUNT(*) FROM card GROUP BY state ORDER BY state")
			.query(String.class)
			.list()).containsExactly("ACTIVE=51", "EXPIRED=71", "LOST=9", "RETURNED=6");
		assertThat(outbox().resolve("20271008/hotlist_20271008_v20_full.csv")).exists();
		// The sample week: 27 exceptions, two of them listed again on the day they
		// resolve.
		assertThat(runs.stream().filter((line) -> line.startsWith("job=reconcile"))).hasSize(7)
			.allMatch((line) -> line.contains("status=COMPLETED"));
		assertThat(sum(runs, "job=reconcile", "exceptions")).isEqualTo(29);
		assertThat(sum(runs, "job=reconcile", "taps")).isEqualTo(331);
		assertThat(this.database.sql()
			.sql("SELECT status || '=' || COUNT(*) FROM recon_exception GROUP BY status ORDER BY status")
			.query(String.class)
			.list()).containsExactly("OPEN=25", "RESOLVED=2");
		assertThat(demo.out().lines().filter((line) -> line.startsWith("== 20"))).first().isEqualTo("== 2026-08-25");
	}

	private static long sum(List<String> runs, String job, String key) {
		return runs.stream()
			.filter((line) -> line.startsWith(job + " "))
			.flatMap((line) -> java.util.Arrays.stream(line.split(" ")))
			.filter((pair) -> pair.startsWith(key + "="))
			.mapToLong((pair) -> Long.parseLong(pair.substring(key.length() + 1)))
			.sum();
	}

}
