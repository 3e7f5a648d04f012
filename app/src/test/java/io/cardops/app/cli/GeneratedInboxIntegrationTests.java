package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cardops.domain.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated inbox with anomalies of every category planted, run through every job: the
 * exceptions reconciliation finds must equal the generator's answer key exactly, and the
 * settlement files must hold, to the fen, what the generated files and the key imply
 * ({@link GeneratedSettlementExpectation}, worked out without the database).
 */
class GeneratedInboxIntegrationTests extends CliTestSupport {

	@Test
	void reconciliationFindsExactlyThePlantedAnomaliesAndSettlementPaysWhatTheyImply() throws Exception {
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
		List<LocalDate> dates = List.of(start, start.plusDays(1), start.plusDays(2));
		assertThat(cardops("run", "card-events", "--date", start.minusDays(1).toString()).summary())
			.contains("rejected=0");
		for (LocalDate date : dates) {
			CliResult reconciled = cardops("run", "reconcile", "--date", date.toString());
			assertThat(reconciled.code()).as(reconciled.err()).isZero();
			// the summary's counts (from the loaded files' records) are the stored rows,
			// malformed ones (planted) included
			for (String[] kind : new String[][] { { "taps", "T" }, { "recharges", "R" } }) {
				long stored = this.database.sql()
					.sql("SELECT (SELECT COUNT(*) FROM ledger_row WHERE clearing_date = ? AND kind = ?)"
							+ " + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = ? AND kind = ?)")
					.params(date, kind[1], date, kind[1])
					.query(Long.class)
					.single();
				assertThat(reconciled.summary()).as(kind[0]).contains(" " + kind[0] + "=" + stored + " ");
			}
			long payments = this.database.sql()
				.sql("SELECT (SELECT COUNT(*) FROM payment_row WHERE clearing_date = ?)"
						+ " + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = ? AND kind = 'P')")
				.params(date, date)
				.query(Long.class)
				.single();
			assertThat(reconciled.summary()).contains(" payments=" + payments + " ");
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

		// and when each date is settled (twice), the files hold, to the fen, what the
		// generated files and the key imply, worked out without the database
		GeneratedSettlementExpectation expected = GeneratedSettlementExpectation.of(this.work, dates);
		for (LocalDate date : dates) {
			CliResult settled = cardops("run", "settle", "--date", date.toString());
			assertThat(settled.code()).as(settled.err()).isZero();
			assertThat(settled.summary()).startsWith("job=settle date=" + date + " status=COMPLETED version=1 ")
				.contains(expected.runFigures(date));
			Path day = outbox().resolve(DateTimeFormatter.BASIC_ISO_DATE.format(date));
			Map<String, String> published = digests(day);
			List<String> names = new ArrayList<>();
			for (Map.Entry<String, List<String>> file : expected.files(date).entrySet()) {
				String name = "settlement_" + DateTimeFormatter.BASIC_ISO_DATE.format(date) + "_" + file.getKey()
						+ ".csv";
				names.add(name);
				names.add(name + ".ctl");
				assertThat(outboundRows(day.resolve(name))).as(name).containsExactlyElementsOf(file.getValue());
				assertThat(Files.readAllLines(day.resolve(name + ".ctl"))).as(name + ".ctl")
					.containsExactly("records=" + (file.getValue().size() - 1), "sha256=" + published.get(name));
			}
			assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(names);

			// a second run of the same inputs publishes nothing new
			CliResult again = cardops("run", "settle", "--date", date.toString());
			assertThat(again.code()).as(again.err()).isZero();
			assertThat(again.summary()).startsWith("job=settle date=" + date + " status=NOOP version=1 ");
			assertThat(digests(day)).isEqualTo(published);
		}
	}

	/** The settlement files of a date folder and their SHA-256. */
	private static Map<String, String> digests(Path day) throws Exception {
		Map<String, String> digests = new TreeMap<>();
		try (Stream<Path> files = Files.list(day)) {
			files.filter((path) -> path.getFileName().toString().startsWith("settlement_"))
				.forEach((path) -> digests.put(path.getFileName().toString(), Sha256.of(path)));
		}
		return digests;
	}

}
