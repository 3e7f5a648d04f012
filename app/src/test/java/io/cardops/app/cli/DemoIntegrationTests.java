package io.cardops.app.cli;

import java.nio.charset.StandardCharsets;
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
		// Settlement of the week, worked out in sample-data/README.md: 358.00 yuan of
		// taps
		// less 7.50 held or dropped; 2,195.00 of top-ups less the unknown card's 20.00
		// and
		// 12.86 of commission; the student discount less the fare mismatches.
		assertThat(runs.stream().filter((line) -> line.startsWith("job=settle"))).hasSize(7)
			.allMatch((line) -> line.contains("status=COMPLETED version=1"));
		assertThat(sum(runs, "job=settle", "taps")).isEqualTo(331);
		assertThat(sumYuan(runs, "job=settle", "payable_yuan")).isEqualTo(35050);
		assertThat(sumYuan(runs, "job=settle", "net_receivable_yuan")).isEqualTo(216214);
		assertThat(sumYuan(runs, "job=settle", "claimable_yuan")).isEqualTo(42750);
		assertThat(outbox().resolve("20261013/settlement_20261013_BJBUS.csv")).content(StandardCharsets.UTF_8)
			.isEqualTo("\uFEFFclearing_date,operator,mode,line,taps,trips,full_fare_yuan,discount_yuan,charged_yuan,"
					+ "held_yuan,payable_yuan\r\n" + "2026-10-13,BJBUS,BUS,107,1,1,2.00,1.50,0.50,0.00,0.50\r\n"
					+ "2026-10-13,BJBUS,BUS,332,2,1,4.00,3.00,1.00,0.50,0.50\r\n"
					+ "2026-10-13,BJBUS,BUS,394,4,4,8.00,6.00,2.00,0.00,2.00\r\n"
					+ "2026-10-13,BJBUS,BUS,601,6,5,10.00,7.50,2.50,0.00,2.50\r\n"
					+ "2026-10-13,BJBUS,TOTAL,,13,11,24.00,18.00,6.00,0.50,5.50\r\n");
		assertThat(demo.out().lines().filter((line) -> line.startsWith("== 20"))).first().isEqualTo("== 2026-08-25");
	}

	private static long sumYuan(List<String> runs, String job, String key) {
		return runs.stream()
			.filter((line) -> line.startsWith(job + " "))
			.flatMap((line) -> java.util.Arrays.stream(line.split(" ")))
			.filter((pair) -> pair.startsWith(key + "="))
			.mapToLong((pair) -> Long.parseLong(pair.substring(key.length() + 1).replace(".", "")))
			.sum();
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
