package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.app.cli.CardopsCli;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTests {

	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	@TempDir
	Path temp;

	private String previousHome;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void home() {
		this.previousHome = System.setProperty("cardops.home", HOME.toString());
	}

	@AfterEach
	void restore() {
		if (this.previousHome != null) {
			System.setProperty("cardops.home", this.previousHome);
		}
		else {
			System.clearProperty("cardops.home");
		}
	}

	private int cardops(String... args) {
		this.out.reset();
		this.err.reset();
		return CardopsCli.execute(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of());
	}

	@Test
	void generatesAnInboxAndPrintsASummary() throws IOException {
		Path dir = this.temp.resolve("gen");
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "80", "--days", "2", "--seed", "5",
				"--anomaly-rate", "0.25", "--start", "2026-11-02"))
			.as(this.err.toString(StandardCharsets.UTF_8))
			.isZero();
		String summary = this.out.toString(StandardCharsets.UTF_8);
		assertThat(summary).contains("generate out=" + dir, "roster_date=2026-11-01", "first_clearing_date=2026-11-02",
				"last_clearing_date=2026-11-03", "cards=80", "seed=5", "anomaly_rate=0.25", "exceptions=40");
		assertThat(dir.resolve("inbox/taps_BJBUS_20261103_01.csv.ctl")).exists();
		assertThat(Files.readAllLines(dir.resolve("answer_key.csv"))).hasSize(41);
	}

	@Test
	void defaultsAreRateOnePercentSeedOneAndOctober12() throws IOException {
		Path dir = this.temp.resolve("gen");
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "300", "--days", "1")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("first_clearing_date=2026-10-12", "seed=1",
				"anomaly_rate=0.01", "exceptions=3");
	}

	@Test
	void wrongUsageExitsTwo() throws IOException {
		Path dir = this.temp.resolve("gen");
		assertThat(cardops("generate", "--cards", "10", "--days", "1")).isEqualTo(2);
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "ten", "--days", "1")).isEqualTo(2);
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "0", "--days", "1")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--cards must be 1 to");
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "10", "--days", "1", "--anomaly-rate", "2"))
			.isEqualTo(2);
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "10", "--days", "1", "--anomaly-rate", "x"))
			.isEqualTo(2);
		assertThat(
				cardops("generate", "--out", dir.toString(), "--cards", "10", "--days", "1", "--start", "12.10.2026"))
			.isEqualTo(2);
		// every date generated must have four digits of year, from 2000 on
		for (String start : new String[] { "0001-01-01", "1999-12-31", "9999-12-31" }) {
			assertThat(cardops("generate", "--out", dir.toString(), "--cards", "10", "--days", "2", "--start", start))
				.as(start)
				.isEqualTo(2);
			assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--start must be a date from 2000-01-02");
		}
		assertThat(dir).doesNotExist();
		assertThat(cardops("generate", "--out", "/proc/cardops-not-a-folder", "--cards", "10", "--days", "1"))
			.isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cannot be made a folder");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("something"), "x");
		assertThat(cardops("generate", "--out", dir.toString(), "--cards", "10", "--days", "1")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("is not empty");
	}

}
