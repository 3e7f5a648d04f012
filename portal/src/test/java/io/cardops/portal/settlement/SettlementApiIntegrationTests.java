package io.cardops.portal.settlement;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import io.cardops.portal.PortalTestSupport;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The settlement API and finance's pages through MockMvc and the real security filters,
 * on {@link SettlementFixture}: the answers of shared/spec/http.md "Settlement" field by
 * field, the ETag and 304, the workbook and the zip read back, the audit log.
 */
class SettlementApiIntegrationTests extends PortalTestSupport {

	private PortalUser finance;

	@BeforeEach
	void published() {
		SettlementFixture.publish(this.jdbc);
		this.finance = new PortalUser(account("finance", Role.FINANCE, null), Role.FINANCE, null);
	}

	@Test
	void listAnswersEachDatesLatestTotalsInYuan() throws Exception {
		this.mvc.perform(get("/api/settlements?from=2026-09-01&to=2026-09-30").with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/json"))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].clearing_date").value("2026-09-03"))
			.andExpect(jsonPath("$[0].version").value(2))
			.andExpect(jsonPath("$[0].versions").value(2))
			.andExpect(jsonPath("$[0].published_at").value("2026-09-05T02:10:00+08:00"))
			.andExpect(jsonPath("$[0].payable_yuan").value("1.50"))
			.andExpect(jsonPath("$[0].net_receivable_yuan").value("0.00"))
			.andExpect(jsonPath("$[0].claimable_yuan").value("0.00"));
		this.mvc.perform(get("/api/settlements?from=2026-09-04&to=2026-09-30").with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void badDatesAreAnsweredWithAProblem() throws Exception {
		for (String url : new String[] { "/api/settlements?from=2026-09-31",
				"/api/settlements?from=2026-10-01&to=2026-09-01", "/api/settlements/2026-13-01",
				"/api/settlements/yesterday/files/" + SettlementFixture.BJBUS,
				"/api/settlements/2026-09-03/diff?from=1",
				"/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=two",
				"/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?format=pdf" }) {
			this.mvc.perform(get(url).with(as(this.finance)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.status").value(400));
		}
	}

	@Test
	void theCalendarPageSaysWhatIsWrongWithARangeAndShowsTheLatestDates() throws Exception {
		this.mvc.perform(get("/finance?from=2026-10-18&to=2026-10-12").with(as(this.finance)).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("“From” is after “To”: the calendar shows the latest dates")))
			.andExpect(content().string(containsString("value=\"2026-10-18\"")))
			.andExpect(content().string(containsString("2026-09-03")));
		this.mvc.perform(get("/finance?from=garbage").with(as(this.finance)).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("A date of the range is not a day of the calendar written YYYY-MM-DD")));
		this.mvc.perform(get("/finance?from=2026-09-04&to=2026-09-30").with(as(this.finance)).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("calendar shows the latest"))));
	}

	@Test
	void theDateAnswersEveryVersionWithItsFilesAndTheClaims() throws Exception {
		byte[] v2 = SettlementFixture.BJBUS_V2.getBytes(StandardCharsets.UTF_8);

		this.mvc.perform(get("/api/settlements/2026-09-03").with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.clearing_date").value("2026-09-03"))
			.andExpect(jsonPath("$.versions[0].version").value(2))
			.andExpect(jsonPath("$.versions[0].payable_yuan").value("1.50"))
			.andExpect(jsonPath("$.versions[0].archived").value(true))
			.andExpect(jsonPath("$.versions[0].files[0].name").value(SettlementFixture.BJBUS))
			.andExpect(jsonPath("$.versions[0].files[0].rows").value(2))
			.andExpect(jsonPath("$.versions[0].files[0].sha256").value(SettlementFixture.sha256(v2)))
			.andExpect(jsonPath("$.versions[0].files[0].bytes").value(v2.length))
			.andExpect(jsonPath("$.versions[1].version").value(1))
			.andExpect(jsonPath("$.versions[1].payable_yuan").value("1.00"))
			.andExpect(jsonPath("$.claim_to_payable[0].operator").value("BJBUS"))
			.andExpect(jsonPath("$.claim_to_payable[0].taps").value(3))
			.andExpect(jsonPath("$.claim_to_payable[0].claimed_yuan").value("1.50"))
			.andExpect(jsonPath("$.claim_to_payable[0].payable_yuan").value("1.50"))
			.andExpect(jsonPath("$.claim_to_payable[0].held_yuan").value("0.00"))
			.andExpect(jsonPath("$.claim_to_payable[0].dropped_yuan").value("0.00"))
			.andExpect(jsonPath("$.claim_to_payable[0].malformed_taps").value(0))
			.andExpect(jsonPath("$.claim_to_payable[0].malformed_yuan").value("0.00"));
		this.mvc.perform(get("/api/settlements/2026-09-04").with(as(this.finance)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		// a file name echoed with a direction override masked, and cut
		this.mvc
			.perform(get(java.net.URI.create("/api/settlements/2026-09-03/files/%E2%80%AEvsc.csv"))
				.with(as(this.finance)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no settlement file \uFFFDvsc.csv of 2026-09-03"));
		this.mvc.perform(get("/api/settlements/2026-09-03/files/" + "x".repeat(300) + ".csv").with(as(this.finance)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no settlement file " + "x".repeat(77) + "... of 2026-09-03"));
	}

	@Test
	void aFileIsItsPublishedBytesWithItsShaAsETagAndAnswers304WhenTheClientHasIt() throws Exception {
		byte[] v1 = SettlementFixture.BJBUS_V1.getBytes(StandardCharsets.UTF_8);
		String etag = "\"" + SettlementFixture.sha256(v1) + "\"";

		MvcResult result = this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=1")
				.with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"settlement_20260903_BJBUS_v1.csv\""))
			.andExpect(header().string(HttpHeaders.ETAG, etag))
			.andReturn();

		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(v1);
		this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=1")
				.header(HttpHeaders.IF_NONE_MATCH, etag)
				.with(as(this.finance)))
			.andExpect(status().isNotModified())
			.andExpect(header().string(HttpHeaders.ETAG, etag));
		// The latest version when none is named; the old tag no longer matches.
		MvcResult latest = this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS)
				.header(HttpHeaders.IF_NONE_MATCH, etag)
				.with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"" + SettlementFixture.BJBUS + "\""))
			.andReturn();
		this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=2")
				.with(as(this.finance)))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"" + SettlementFixture.BJBUS + "\""));
		assertThat(latest.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(SettlementFixture.BJBUS_V2);
		for (String missing : new String[] { "settlement_20260903_BJSUBWAY.csv",
				SettlementFixture.BJBUS + "?version=3" }) {
			this.mvc.perform(get("/api/settlements/2026-09-03/files/" + missing).with(as(this.finance)))
				.andExpect(status().isNotFound());
		}
		// a HEAD sends nothing: not a download, not audited as one
		int downloads = audit(SettlementDownloads.DOWNLOAD).size();
		this.mvc.perform(head("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS).with(as(this.finance)))
			.andExpect(status().isOk());
		assertThat(audit(SettlementDownloads.DOWNLOAD)).hasSize(downloads);
		// The test class shares its database: other tests' downloads are there too.
		assertThat(audit(SettlementDownloads.DOWNLOAD)).contains(
				"finance|127.0.0.1|2026-09-03 v1 " + SettlementFixture.BJBUS + "|OK",
				"finance|127.0.0.1|2026-09-03 v2 " + SettlementFixture.BJBUS + "|OK");
	}

	@Test
	void aFileAsAWorkbookHasAmountsAsNumbersDatesAsDatesAndTheHeaderFrozen() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=1&format=xlsx")
				.with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE,
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"settlement_20260903_BJBUS_v1.xlsx\""))
			.andReturn();

		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			DataFormatter shown = new DataFormatter();
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
			Row row = sheet.getRow(1);
			assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(shown.formatCellValue(row.getCell(0))).isEqualTo("2026-09-03");
			assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.STRING);
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo("52");
			assertThat(row.getCell(10).getNumericCellValue()).isEqualTo(1.0);
			assertThat(shown.formatCellValue(row.getCell(10))).isEqualTo("1.00");
		}
		String etag = result.getResponse().getHeader(HttpHeaders.ETAG);
		this.mvc
			.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=1&format=xlsx")
				.header(HttpHeaders.IF_NONE_MATCH, etag)
				.with(as(this.finance)))
			.andExpect(status().isNotModified());
	}

	@Test
	void theArchiveIsAZipOfTheVersionsFilesAndTheirControlFiles() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/settlements/2026-09-03/archive?version=1").with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/zip"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"settlement_20260903_v1.zip\""))
			.andReturn();

		Map<String, String> entries = new TreeMap<>();
		try (ZipInputStream zip = new ZipInputStream(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries).containsOnlyKeys(SettlementFixture.BJBUS, SettlementFixture.BJBUS + ".ctl",
				SettlementFixture.SUMMARY, SettlementFixture.SUMMARY + ".ctl");
		assertThat(entries.get(SettlementFixture.BJBUS)).isEqualTo(SettlementFixture.BJBUS_V1);
		assertThat(entries.get(SettlementFixture.SUMMARY + ".ctl")).isEqualTo("records=1\nsha256="
				+ SettlementFixture.sha256(SettlementFixture.SUMMARY_V1.getBytes(StandardCharsets.UTF_8)) + "\n");
		assertThat(audit(SettlementDownloads.ARCHIVE))
			.contains("finance|127.0.0.1|2026-09-03 v1 settlement_20260903_v1.zip|OK");
		this.mvc.perform(get("/api/settlements/2026-09-03/archive?version=9").with(as(this.finance)))
			.andExpect(status().isNotFound());
	}

	@Test
	void theDiffGivesEachChangedRowsMoneyBeforeAfterAndTheDifference() throws Exception {
		this.mvc.perform(get("/api/settlements/2026-09-03/diff?from=1&to=2").with(as(this.finance)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value(1))
			.andExpect(jsonPath("$.to").value(2))
			.andExpect(jsonPath("$.files.length()").value(2))
			.andExpect(jsonPath("$.files[0].name").value(SettlementFixture.BJBUS))
			.andExpect(jsonPath("$.files[0].change").value("CHANGED"))
			.andExpect(jsonPath("$.files[0].rows[0].key.operator").value("BJBUS"))
			.andExpect(jsonPath("$.files[0].rows[0].key.mode").value("BUS"))
			.andExpect(jsonPath("$.files[0].rows[0].key.line").value("52"))
			.andExpect(jsonPath("$.files[0].rows[0].money[4].column").value("payable_yuan"))
			.andExpect(jsonPath("$.files[0].rows[0].money[4].before_yuan").value("1.00"))
			.andExpect(jsonPath("$.files[0].rows[0].money[4].after_yuan").value("1.50"))
			.andExpect(jsonPath("$.files[0].rows[0].money[4].difference_yuan").value("0.50"))
			.andExpect(jsonPath("$.files[0].rows[0].values[0].column").value("taps"))
			.andExpect(jsonPath("$.files[0].rows[0].values[0].before").value("2"))
			.andExpect(jsonPath("$.files[0].rows[0].values[0].after").value("3"))
			.andExpect(jsonPath("$.files[1].name").value(SettlementFixture.SUMMARY));
		this.mvc.perform(get("/api/settlements/2026-09-03/diff?from=1&to=5").with(as(this.finance)))
			.andExpect(status().isNotFound());
	}

	@Test
	void aVersionWhoseBytesAreNoLongerKeptIsGone() throws Exception {
		this.jdbc.sql("DELETE FROM settlement_file_content WHERE version = 1").update();
		try {
			this.mvc
				.perform(get("/api/settlements/2026-09-03/files/" + SettlementFixture.BJBUS + "?version=1")
					.with(as(this.finance)))
				.andExpect(status().isGone())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			this.mvc.perform(get("/api/settlements/2026-09-03").with(as(this.finance)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.versions[1].archived").value(false))
				.andExpect(jsonPath("$.versions[1].files[0].bytes").isEmpty());
		}
		finally {
			this.jdbc.sql("DELETE FROM settlement_version").update();
			this.jdbc.sql("DELETE FROM settlement_file").update();
			this.jdbc.sql("DELETE FROM settlement_file_content").update();
			this.jdbc.sql("DELETE FROM ledger_row").update();
			this.jdbc.sql("DELETE FROM inbox_file").update();
		}
	}

	@Test
	void financesLandingPageShowsTheCalendarAndTheChartInBothLanguages() throws Exception {
		String english = this.mvc.perform(get("/finance").with(as(this.finance)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(english).contains("Settlement calendar", "href=\"/finance/settlements/2026-09-03\"",
				"class=\"num\">1.50</td>", "data-chart=\"{&quot;type&quot;:&quot;line&quot;",
				"&quot;labels&quot;:[&quot;2026-09-03&quot;]", "&quot;values&quot;:[1.50]", "(2 versions)");
		String chinese = this.mvc.perform(get("/finance?lang=zh-CN").with(as(this.finance)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(chinese).contains("结算日历", "应付运营商");
	}

	@Test
	void aDatesPageShowsVersionsFilesClaimsAndWhatChanged() throws Exception {
		String page = this.mvc.perform(get("/finance/settlements/2026-09-03").with(as(this.finance)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(page).contains("Settlement of 2026-09-03", "Version 2", "Version 1",
				"/finance/settlements/2026-09-03/files/settlement_20260903_BJBUS.csv?version=1&amp;format=xlsx",
				"/finance/settlements/2026-09-03/archive?version=2", "What changed against version 1",
				"BJBUS · BUS · 52", "class=\"num\">+0.50</td>", "From claim to payable", "class=\"num\">1.50 (3)</td>");
		MvcResult file = this.mvc
			.perform(get("/finance/settlements/2026-09-03/files/" + SettlementFixture.SUMMARY + "?version=2")
				.with(as(this.finance)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(file.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(SettlementFixture.SUMMARY_V2);
		// a file or version an old link names, no longer there: the page says which
		String gone = this.mvc
			.perform(get("/finance/settlements/2026-09-03/files/" + SettlementFixture.SUMMARY + "?version=9&lang=en")
				.with(as(this.finance)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(gone).contains("What is not there:",
				"no settlement file " + SettlementFixture.SUMMARY + " of 2026-09-03 version 9");
		// an address with nothing behind it says what, in the page's language
		String none = this.mvc.perform(get("/finance/settlements/2026-09-09?lang=zh-CN").with(as(this.finance)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(none).contains("2026-09-09 尚未发布结算", "href=\"/finance\"");
		String notADate = this.mvc.perform(get("/finance/settlements/2026-13-01?lang=en").with(as(this.finance)))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(notADate)
			.contains("2026-13-01 is not a date: a settlement&#39;s address ends with its clearing date as YYYY-MM-DD");
	}

	@Test
	void theOpenApiDescriptionHasEverySettlementEndpointWithItsFields() throws Exception {
		String description = this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(description).contains("\"/api/settlements\"", "\"/api/settlements/{date}\"",
				"\"/api/settlements/{date}/files/{name}\"", "\"/api/settlements/{date}/archive\"",
				"\"/api/settlements/{date}/diff\"", "\"payable_yuan\"", "\"claim_to_payable\"", "\"difference_yuan\"",
				"Roles: FINANCE, OPS.");
	}

}
