package io.cardops.readers.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.Partner;
import io.cardops.domain.reference.PartnerRole;
import io.cardops.domain.reference.TravelMode;
import io.cardops.readers.csv.InboundFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ReferenceReader}.
 */
class ReferenceReaderTests {

	private static final Path SAMPLE = Path.of("..", "sample-data", "reference");

	private static final String PARTNERS_HEADER = "partner_code,role,name,commission_bp\n";

	private static final String RULES_HEADER = "mode,discount,rate_bp,min_balance_fen\n";

	private static final String ALL_RULES = """
			METRO,STUDENT,5000,200
			METRO,STANDARD,10000,200
			METRO,NONE,10000,200
			BUS,STUDENT,2500,100
			BUS,STANDARD,5000,100
			BUS,NONE,10000,100
			""";

	@TempDir
	Path dir;

	private final ReferenceReader reader = new ReferenceReader();

	@Test
	void samplePartnersLoad() throws IOException {
		Path file = copyOfSample(ReferenceReader.PARTNERS_FILE);

		List<Partner> partners = this.reader.partners(file);

		assertThat(partners).hasSize(14);
		assertThat(partners).extracting(Partner::code)
			.containsExactly("BMAC", "UCAS", "PKU", "BJTU", "BJSUBWAY", "BJMTR", "BJBUS", "BMAC_APP", "HEBAO",
					"COUNTER", "ALIPAY", "WECHAT", "CMPAY", "BJ_SUBSIDY");
		assertThat(partners.get(0)).isEqualTo(new Partner("BMAC", PartnerRole.ISSUER, "北京市政交通一卡通有限公司", null));
		assertThat(partners.get(7)).isEqualTo(new Partner("BMAC_APP", PartnerRole.CHANNEL, "北京一卡通App", 60));
		assertThat(partners.get(8).commissionBp()).isEqualTo(80);
		assertThat(partners.get(9)).isEqualTo(new Partner("COUNTER", PartnerRole.CHANNEL, "一卡通服务网点", 0));
		assertThat(partners.get(13)).isEqualTo(new Partner("BJ_SUBSIDY", PartnerRole.SUBSIDY, "北京市交通补贴资金", null));
		assertThat(this.reader.warnings()).isEmpty();
	}

	@Test
	void sampleFareRulesLoad() throws IOException {
		Path file = copyOfSample(ReferenceReader.FARE_RULES_FILE);

		List<FareRule> rules = this.reader.fareRules(file);

		assertThat(rules).containsExactly(new FareRule(TravelMode.METRO, Discount.STUDENT, 5000, 200),
				new FareRule(TravelMode.METRO, Discount.STANDARD, 10000, 200),
				new FareRule(TravelMode.METRO, Discount.NONE, 10000, 200),
				new FareRule(TravelMode.BUS, Discount.STUDENT, 2500, 100),
				new FareRule(TravelMode.BUS, Discount.STANDARD, 5000, 100),
				new FareRule(TravelMode.BUS, Discount.NONE, 10000, 100));
	}

	@Test
	void partnersWithAnUnknownColumnLoadWithAWarning() throws IOException {
		Path file = write("partners.csv",
				"\uFEFFPartner_Code,Role,Name,Commission_BP,Contact\r\nHEBAO,CHANNEL,中国移动和包,80,10086\r\n");

		List<Partner> partners = this.reader.partners(file);

		assertThat(partners).containsExactly(new Partner("HEBAO", PartnerRole.CHANNEL, "中国移动和包", 80));
		assertThat(this.reader.warnings()).containsExactly("partners.csv: line 1: unknown column contact ignored");
	}

	@Test
	void unknownRoleRejectsThePartnersFileAtItsLine() throws IOException {
		Path file = write("partners.csv",
				PARTNERS_HEADER + "BMAC,ISSUER,一卡通,\nUCAS,INSTITUTION,国科大,\nCAAC,AIRLINE,民航,\nPKU,INSTITUTION,北大,\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.getMessage()).isEqualTo(
				"partners.csv: line 4: role 'AIRLINE' must be one of [ISSUER, INSTITUTION, OPERATOR, CHANNEL, PSP, SUBSIDY]");
	}

	@Test
	void aRoleQuotedInTheReasonIsCutAndItsControlCharactersMasked() throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + "HEBAO,CHAN\u0000NEL" + "Y".repeat(3000) + ",和包,80\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.reason()).isEqualTo("role 'CHAN\uFFFDNEL" + "Y".repeat(56)
				+ "...' must be one of [ISSUER, INSTITUTION, OPERATOR, CHANNEL, PSP, SUBSIDY]");
	}

	@Test
	void lowerCaseRoleIsNotARole() throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + "HEBAO,channel,和包,80\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).startsWith("role 'channel' must be one of");
	}

	@ParameterizedTest(name = "commission_bp ''{0}''")
	@CsvSource({ "-1,''", "10001,''", "1.5,; it has a decimal point", "+80,; it has a plus sign", "'',''", "abc,''" })
	void commissionOutsideZeroToTenThousandRejectsAChannel(String commission, String slip) throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + "BMAC,ISSUER,一卡通,\nHEBAO,CHANNEL,和包," + commission + "\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo("partners.csv: line 3: commission_bp '" + commission
				+ "' must be an integer 0-10000 for a CHANNEL" + slip);
	}

	@Test
	void commissionOfTenThousandIsAccepted() throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + "HEBAO,CHANNEL,和包,10000\nCOUNTER,CHANNEL,网点,0\n");

		assertThat(this.reader.partners(file)).extracting(Partner::commissionBp).containsExactly(10000, 0);
	}

	@Test
	void commissionOnANonChannelRejectsTheFile() throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + "HEBAO,CHANNEL,和包,80\nBJBUS,OPERATOR,北京公交,5\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.getMessage()).isEqualTo("partners.csv: line 3: commission_bp must be empty for a OPERATOR");
	}

	@Test
	void duplicatedPartnerCodeRejectsTheFileAtTheSecondRow() throws IOException {
		Path file = write("partners.csv",
				PARTNERS_HEADER + "BJBUS,OPERATOR,北京公交,\nBJMTR,OPERATOR,京港地铁,\nBJBUS,OPERATOR,公交集团,\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.fileName()).isEqualTo("partners.csv");
		assertThat(ex.getMessage()).isEqualTo("partners.csv: line 4: partner_code BJBUS appears twice");
	}

	@ParameterizedTest(name = "partner_code ''{0}''")
	@CsvSource({ "bjbus", "BJ-BUS", "ABCDEFGHIJKLMNOPQ", "''" })
	void malformedPartnerCodeRejectsTheFile(String code) throws IOException {
		Path file = write("partners.csv", PARTNERS_HEADER + code + ",OPERATOR,北京公交,\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).isEqualTo("partner_code '" + code + "' must be 1-16 of A-Z 0-9 _");
	}

	@Test
	void partnersFileWithoutCommissionColumnIsRejected() throws IOException {
		Path file = write("partners.csv", "partner_code,role,name\nBJBUS,OPERATOR,北京公交\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("missing required column commission_bp");
	}

	@ParameterizedTest(name = "rate_bp ''{0}''")
	@CsvSource({ "-1,''", "0,''", "10001,''", "-5000,''", "50.5,; it has a decimal point",
			"５０,; it has full-width digits", "'',''" })
	void rateOutsideOneToTenThousandRejectsTheFareRules(String rate, String slip) throws IOException {
		Path file = write("fare_rules.csv",
				RULES_HEADER + ALL_RULES.replace("BUS,STANDARD,5000,100", "BUS,STANDARD," + rate + ",100"));

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.line()).isEqualTo(6);
		assertThat(ex.getMessage())
			.isEqualTo("fare_rules.csv: line 6: rate_bp '" + rate + "' must be an integer 1-10000" + slip);
	}

	@Test
	void rateBoundsOneAndTenThousandAreAccepted() throws IOException {
		Path file = write("fare_rules.csv", RULES_HEADER + ALL_RULES.replace("METRO,STUDENT,5000", "METRO,STUDENT,1"));

		List<FareRule> rules = this.reader.fareRules(file);

		assertThat(rules.get(0)).isEqualTo(new FareRule(TravelMode.METRO, Discount.STUDENT, 1, 200));
		assertThat(rules.get(1).rateBp()).isEqualTo(10000);
	}

	@Test
	void partnerNameWithABidiOverrideRejectsThePartnersFile() throws IOException {
		Path file = write("partners.csv",
				"partner_code,role,name,commission_bp\nBJBUS,OPERATOR,北京公交集团,\nHEBAO,CHANNEL,和包\u202E付支,80\n");

		InboundFileException ex = failure(() -> this.reader.partners(file));

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("name contains an invisible character U+202E");
	}

	@Test
	void negativeMinimumBalanceRejectsTheFareRules() throws IOException {
		Path file = write("fare_rules.csv",
				RULES_HEADER + ALL_RULES.replace("METRO,NONE,10000,200", "METRO,NONE,10000,-1"));

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("min_balance_fen '-1' must be an integer >= 0");
	}

	@Test
	void minimumBalanceBeyondTenMillionFenRejectsTheFareRules() throws IOException {
		Path file = write("fare_rules.csv",
				RULES_HEADER + ALL_RULES.replace("METRO,NONE,10000,200", "METRO,NONE,10000,999999999999999"));

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason())
			.isEqualTo("min_balance_fen 999999999999999 is more than the 10,000,000 fen a file may carry");
	}

	@Test
	void minimumBalanceOfTenMillionFenIsAccepted() throws IOException {
		Path file = write("fare_rules.csv",
				RULES_HEADER + ALL_RULES.replace("METRO,NONE,10000,200", "METRO,NONE,10000,10000000"));

		assertThat(this.reader.fareRules(file)).extracting(FareRule::minBalanceFen).contains(10_000_000L);
	}

	@Test
	void unknownModeRejectsTheFareRules() throws IOException {
		Path file = write("fare_rules.csv", RULES_HEADER + ALL_RULES + "FERRY,NONE,10000,0\n");

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.line()).isEqualTo(8);
		assertThat(ex.reason()).isEqualTo("mode 'FERRY' must be one of [METRO, BUS]");
	}

	@Test
	void secondRuleForTheSameModeAndDiscountRejectsTheFareRules() throws IOException {
		Path file = write("fare_rules.csv", RULES_HEADER + ALL_RULES + "METRO,STUDENT,4000,200\n");

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.line()).isEqualTo(8);
		assertThat(ex.getMessage()).isEqualTo("fare_rules.csv: line 8: a second rule for METRO STUDENT");
	}

	@Test
	void missingModeAndDiscountCombinationRejectsTheFareRules() throws IOException {
		Path file = write("fare_rules.csv", RULES_HEADER + ALL_RULES.replace("BUS,NONE,10000,100\n", ""));

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		// The problem is not on one line of the file: no line is given.
		assertThat(ex.line()).isZero();
		assertThat(ex.fileName()).isEqualTo("fare_rules.csv");
		assertThat(ex.getMessage()).isEqualTo("fare_rules.csv: no rule for BUS NONE");
	}

	@Test
	void headerOnlyReferenceFileIsRejected() throws IOException {
		Path file = write("fare_rules.csv", RULES_HEADER);

		InboundFileException ex = failure(() -> this.reader.fareRules(file));

		assertThat(ex.getMessage()).isEqualTo("fare_rules.csv: no data rows");
	}

	@Test
	void missingReferenceFileIsRejected() {
		InboundFileException ex = failure(() -> this.reader.partners(this.dir.resolve("partners.csv")));

		assertThat(ex.getMessage()).isEqualTo("partners.csv: file not found");
	}

	private Path copyOfSample(String name) throws IOException {
		return Files.copy(SAMPLE.resolve(name), this.dir.resolve(name));
	}

	private Path write(String name, String content) throws IOException {
		return Files.write(this.dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
	}

	private static InboundFileException failure(Runnable read) {
		InboundFileException ex = catchThrowableOfType(InboundFileException.class, read::run);
		assertThat(ex).as("reading fails").isNotNull();
		return ex;
	}

}
