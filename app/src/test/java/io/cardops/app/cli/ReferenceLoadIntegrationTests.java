package io.cardops.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardops reference load} end to end on the build's database.
 */
class ReferenceLoadIntegrationTests extends CliTestSupport {

	@Test
	void loadsTheSamplePartnersAndFareRules() {
		CliResult result = cardops("reference", "load", "--dir", SAMPLES.resolve("reference").toString());

		assertThat(result.code()).isZero();
		assertThat(result.summary()).startsWith("reference load: status=COMPLETED partners=14 fare_rules=6");
		assertThat(this.database.sql()
			.sql("SELECT commission_bp FROM partner WHERE partner_code = 'HEBAO'")
			.query(Integer.class)
			.single()).isEqualTo(80);
		assertThat(this.database.sql()
			.sql("SELECT rate_bp FROM fare_rule WHERE mode = 'BUS' AND discount = 'STUDENT'")
			.query(Integer.class)
			.single()).isEqualTo(2500);
	}

	@Test
	void reloadingUpdatesChangedRowsInPlace() throws IOException {
		Path dir = copySamples();
		cardops("reference", "load", "--dir", dir.toString());
		Path partners = dir.resolve("partners.csv");
		Files.writeString(partners,
				Files.readString(partners).replace("HEBAO,CHANNEL,中国移动和包,80", "HEBAO,CHANNEL,中国移动和包,95"));

		CliResult result = cardops("reference", "load", "--dir", dir.toString());

		assertThat(result.code()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM partner").query(Long.class).single()).isEqualTo(14);
		assertThat(this.database.sql()
			.sql("SELECT commission_bp FROM partner WHERE partner_code = 'HEBAO'")
			.query(Integer.class)
			.single()).isEqualTo(95);
	}

	@Test
	void aBadRowRejectsTheWholeLoadNamingFileAndLine() throws IOException {
		Path dir = copySamples();
		Path rules = dir.resolve("fare_rules.csv");
		Files.writeString(rules, Files.readString(rules).replace("BUS,STUDENT,2500,100", "BUS,STUDENT,-5,100"));

		CliResult result = cardops("reference", "load", "--dir", dir.toString());

		assertThat(result.code()).isEqualTo(3);
		int line = Files.readAllLines(rules).indexOf("BUS,STUDENT,-5,100") + 1;
		assertThat(result.err()).contains("fare_rules.csv: line " + line + ": rate_bp '-5' must be an integer 1-10000");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM partner").query(Long.class).single()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM fare_rule").query(Long.class).single()).isZero();
	}

	@Test
	void anUnknownRoleIsRejected() throws IOException {
		Path dir = copySamples();
		Path partners = dir.resolve("partners.csv");
		Files.writeString(partners, Files.readString(partners) + "NEWCO,AIRLINE,某航空,\n");

		CliResult result = cardops("reference", "load", "--dir", dir.toString());

		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err()).contains("partners.csv: line 16: role 'AIRLINE' must be one of");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM partner").query(Long.class).single()).isZero();
	}

	private Path copySamples() throws IOException {
		Path dir = this.work.resolve("reference");
		Files.createDirectories(dir);
		for (String name : new String[] { "partners.csv", "fare_rules.csv" }) {
			Files.copy(SAMPLES.resolve("reference").resolve(name), dir.resolve(name));
		}
		return dir;
	}

}
