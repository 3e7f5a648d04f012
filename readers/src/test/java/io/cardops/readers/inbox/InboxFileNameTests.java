package io.cardops.readers.inbox;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InboxFileName}.
 */
class InboxFileNameTests {

	@ParameterizedTest(name = "{0} -> {1} {2} {3} {4}")
	@CsvSource(textBlock = """
			cardevents_BMAC_APP_20260901_01.csv,          cardevents, BMAC_APP,         2026-09-01, 01
			taps_BJSUBWAY_20260901_02.csv,                taps,       BJSUBWAY,         2026-09-01, 02
			recharges_HEBAO_20240229_10.csv,              recharges,  HEBAO,            2024-02-29, 10
			payments_UNIONPAY_20261231_99.csv,            payments,   UNIONPAY,         2026-12-31, 99
			cardevents_ABCDEFGHIJKLMNOP_20260901_01.csv,  cardevents, ABCDEFGHIJKLMNOP, 2026-09-01, 01
			taps_BJ_BUS_2_20260901_00.csv,                taps,       BJ_BUS_2,         2026-09-01, 00
			""")
	void validNameIsParsedIntoKindPartnerDateAndSequence(String name, String kind, String partner, LocalDate date,
			String sequence) {
		assertThat(InboxFileName.parse(Path.of(name))).contains(new InboxFileName(kind, partner, date, sequence));
	}

	@Test
	void cardEventFileNameGivesItsChannelAndClearingDate() {
		InboxFileName name = InboxFileName.parse(Path.of("cardevents_BMAC_APP_20260901_01.csv")).orElseThrow();

		assertThat(name.kind()).isEqualTo("cardevents");
		assertThat(name.partner()).isEqualTo("BMAC_APP");
		assertThat(name.date()).isEqualTo(LocalDate.of(2026, 9, 1));
		assertThat(name.sequence()).isEqualTo("01");
	}

	@Test
	void folderOfTheFileIsIgnored() {
		assertThat(InboxFileName.parse(Path.of("data", "inbox", "taps_BJSUBWAY_20260901_02.csv")))
			.contains(new InboxFileName("taps", "BJSUBWAY", LocalDate.of(2026, 9, 1), "02"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "taps_BJSUBWAY_20260230_01.csv", "taps_BJSUBWAY_20250229_01.csv",
			"taps_BJSUBWAY_20261301_01.csv", "taps_BJSUBWAY_20260001_01.csv", "taps_BJSUBWAY_20260900_01.csv",
			"taps_BJSUBWAY_20260931_01.csv" })
	void nameWithAnImpossibleDateIsRefused(String name) {
		assertThat(InboxFileName.parse(Path.of(name))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "taps_BJSUBWAY_20260901.csv", "cardevents_BMAC_APP_20260901.csv",
			"taps_BJSUBWAY_20260901_.csv", "taps_BJSUBWAY_20260901_1.csv", "taps_bjsubway_20260901_01.csv",
			"cardevents_Bmac_APP_20260901_01.csv", "taps_BJSUBWAY_20260901_01.CSV", "taps_BJSUBWAY_20260901_01.txt",
			"taps_BJSUBWAY_20260901_01", "taps_BJSUBWAY_20260901_01.csv.ctl", "cardevents_BMAC_APP_20260901_01.csv.ctl",
			"TAPS_BJSUBWAY_20260901_01.csv", "taps__20260901_01.csv", "taps_ABCDEFGHIJKLMNOPQ_20260901_01.csv",
			"taps_BJ-SUBWAY_20260901_01.csv", "taps_BJSUBWAY_2026-09-01_01.csv", "taps_BJSUBWAY_2026091_01.csv",
			"taps_BJSUBWAY20260901_01.csv", "roster_UCAS_20260825.csv", "taps_BJSUBWAY_20260901_01.csvx" })
	void nameNotFollowingThePatternIsRefused(String name) {
		assertThat(InboxFileName.parse(Path.of(name))).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1} {2}: {3}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					taps_BJBUS_20261013_1.csv          | taps       | 2026-10-13 | the sequence number 1 must be 2 to 4 digits
					taps_BJBUS_20261013_01.CSV         | taps       | 2026-10-13 | the extension must be .csv in lower case
					taps_bjbus_20261013_01.csv         | taps       | 2026-10-13 | the partner code bjbus must be 1 to 16 of A-Z, 0-9 and _ (upper case)
					taps_BJBUS_20261332_01.csv         | taps       | -          | the date 20261332 is not a real date
					TAPS_BJBUS_20261013_01.csv         | taps       | 2026-10-13 | the kind TAPS must be in lower case, taps
					recharge_HEBAO_20261013_01.csv     | recharges  | 2026-10-13 | the kind must be recharges, not recharge
					payments_ALIPAY_2026-10-13_01.csv  | payments   | -          | the date 2026-10-13 must be YYYYMMDD
					cardevents_BMAC_APP_20261013.csv   | cardevents | 2026-10-13 | the sequence number (_<NN> after the date) is missing
					taps_BJBUS_20261013_01.txt         | taps       | 2026-10-13 | the name must end in .csv
					taps_BJBUS.csv                     | taps       | -          | a partner code, a date and a sequence number must follow the kind
					""")
	void aNameMeantAsAPartnerFileSaysWhichPartIsWrongAndTheDateItCarries(String name, String kind, LocalDate date,
			String reason) {
		assertThat(InboxFileName.nearMiss(Path.of(name))).contains(new InboxFileName.NearMiss(kind, date,
				"the name does not follow " + kind + "_<PARTNER>_<YYYYMMDD>_<NN>.csv: " + reason));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "taps_BJBUS_20261013_01.csv", "taps_BJBUS_20261013_1.csv.ctl", "README.txt",
			"roster_UCAS_20260825.csv", "notes_taps_BJBUS_20261013_01.csv", "taps", "settlement_20261013_BJBUS.csv" })
	void aGoodNameOrOneThatIsPlainlyNotAPartnerFileIsNoNearMiss(String name) {
		assertThat(InboxFileName.nearMiss(Path.of(name))).isEmpty();
	}

}
