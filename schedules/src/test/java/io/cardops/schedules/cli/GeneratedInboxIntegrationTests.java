package io.cardops.schedules.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated inbox with anomalies of every category planted, run through every job: the
 * exceptions reconciliation finds must equal the generator's answer key exactly.
 */
class GeneratedInboxIntegrationTests extends CliTestSupport {

	@Test
	void reconciliationFindsExactlyThePlantedAnomalies() throws Exception {
		// given: three generated clearing days with anomalies on a fifth of the cards
		// each day
		CliResult generated = cardops("generate", "--out", this.work.toString(), "--cards", "300", "--days", "3",
				"--seed", "7", "--anomaly-rate", "0.2");
		assertThat(generated.code()).as(generated.err()).isZero();
		Path inbox = this.work.resolve("inbox");

		// when: every job runs in calendar order
		assertThat(cardops("reference", "load", "--dir", this.work.resolve("reference").toString()).code()).isZero();
		Path roster;
		try (Stream<Path> files = Files.list(inbox)) {
			roster = files.filter((file) -> file.getFileName().toString().startsWith("roster_"))
				.findFirst()
				.orElseThrow();
		}
		assertThat(cardops("run", "roster-import", "--file", roster.toString()).code()).isZero();
		LocalDate start = LocalDate.of(2026, 10, 12);
		assertThat(cardops("run", "card-events", "--date", start.minusDays(1).toString()).summary())
			.contains("rejected=0");
		for (int day = 0; day < 3; day++) {
			CliResult reconciled = cardops("run", "reconcile", "--date", start.plusDays(day).toString());
			assertThat(reconciled.code()).as(reconciled.err()).isZero();
		}

		// then: the exceptions are the answer key, row for row
		List<String> key = Files.readAllLines(this.work.resolve("answer_key.csv"));
		assertThat(key.get(0)).isEqualTo("clearing_date,category,card_no,card_seq");
		List<String> found = this.database.sql()
			.sql("SELECT clearing_date, category, card_no, card_seq FROM recon_exception")
			.query((rs, n) -> rs.getObject(1, LocalDate.class) + "," + rs.getString(2) + ","
					+ ((rs.getString(3) != null) ? rs.getString(3).trim() : "") + ","
					+ ((rs.getString(4) != null) ? rs.getString(4) : ""))
			.list();
		assertThat(found).containsExactlyInAnyOrderElementsOf(key.subList(1, key.size()));
		assertThat(key.stream().skip(1).map((row) -> row.split(",")[1]).distinct())
			.as("every category the files can carry is planted")
			.hasSizeGreaterThanOrEqualTo(15);
	}

}
