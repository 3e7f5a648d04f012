package io.cardops.readers.roster;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RosterFileName}.
 */
class RosterFileNameTests {

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource(textBlock = """
			roster_UCAS_20260825.csv,             UCAS,             2026-08-25
			roster_PKU_20261231.csv,              PKU,              2026-12-31
			roster_BJ_TU_20240229.csv,            BJ_TU,            2024-02-29
			roster_A_20260101.csv,                A,                2026-01-01
			roster_ABCDEFGHIJKLMNOP_20260901.csv, ABCDEFGHIJKLMNOP, 2026-09-01
			roster_2026_20260901.csv,             2026,             2026-09-01
			""")
	void validNameIsParsedIntoInstitutionAndDate(String name, String institution, LocalDate date) {
		assertThat(RosterFileName.parse(Path.of(name))).contains(new RosterFileName(institution, date));
	}

	@Test
	void folderOfTheFileIsIgnored() {
		assertThat(RosterFileName.parse(Path.of("data", "inbox", "roster_UCAS_20260901.csv")))
			.contains(new RosterFileName("UCAS", LocalDate.of(2026, 9, 1)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "roster_UCAS_20260230.csv", "roster_UCAS_20250229.csv", "roster_UCAS_20261301.csv",
			"roster_UCAS_20260001.csv", "roster_UCAS_20260900.csv", "roster_UCAS_20260931.csv" })
	void nameWithAnImpossibleDateIsRefused(String name) {
		assertThat(RosterFileName.parse(Path.of(name))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "roster_ucas_20260825.csv", "roster_UCAS_20260825.CSV", "roster_UCAS_20260825.csv.ctl",
			"roster_UCAS_2026082.csv", "roster_UCAS_202608251.csv", "roster_UCAS_2026-08-25.csv",
			"roster__20260825.csv", "roster_ABCDEFGHIJKLMNOPQ_20260825.csv", "roster_UC-AS_20260825.csv",
			"roster_UCAS20260825.csv", "rosters_UCAS_20260825.csv", "taps_UCAS_20260825.csv",
			"roster_UCAS_20260825_01.csv", "xroster_UCAS_20260825.csv", "roster_UCAS_20260825.csvx",
			"roster_UCAS_20260825" })
	void nameNotFollowingThePatternIsRefused(String name) {
		assertThat(RosterFileName.parse(Path.of(name))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../roster_PKU_20260825.csv", "x/roster_PKU_20260825.csv", "C:\\roster_PKU_20260825.csv",
			"roster_PKU_20260825.csv ", "roster_PKU_20260825.csv\n", "" })
	void nameAsAClientSentItMustBeTheBareName(String name) {
		assertThat(RosterFileName.parse(name)).isEmpty();
	}

	@Test
	void noNameIsNoRosterName() {
		assertThat(RosterFileName.parse((String) null)).isEmpty();
	}

	@Test
	void canonicalNameIsRebuiltFromTheParts() {
		assertThat(RosterFileName.parse("roster_UCAS_20260825.csv").orElseThrow().fileName())
			.isEqualTo("roster_UCAS_20260825.csv");
		assertThat(new RosterFileName("PKU", LocalDate.of(2027, 1, 5)).fileName()).isEqualTo("roster_PKU_20270105.csv");
	}

}
