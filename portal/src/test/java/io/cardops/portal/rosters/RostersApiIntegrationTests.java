package io.cardops.portal.rosters;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunLocks;
import io.cardops.portal.PortalTestSupport;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rosters API (http.md "Rosters") and the roster pages through the real security
 * filters: the answers' statuses, fields, headers and problem documents, and the audit.
 */
class RostersApiIntegrationTests extends PortalTestSupport {

	static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	@DynamicPropertySource
	static void limit(DynamicPropertyRegistry registry) {
		registry.add("cardops.http.max-upload", () -> "1MB");
	}

	private Path outbox() {
		return this.context.getBean(CardopsProperties.class).outbox();
	}

	private PortalUser pku() {
		return new PortalUser(account("pku-registry", Role.UNIVERSITY, "PKU"), Role.UNIVERSITY, "PKU");
	}

	private PortalUser ucas() {
		return new PortalUser(account("ucas-registry", Role.UNIVERSITY, "UCAS"), Role.UNIVERSITY, "UCAS");
	}

	private PortalUser ops() {
		return new PortalUser(account("olga", Role.OPS, null), Role.OPS, null);
	}

	/** A university of the partners' data with its registry's account. */
	private PortalUser university(String code, String name) {
		partner(code, "INSTITUTION", name);
		return new PortalUser(account(code.toLowerCase(Locale.ROOT) + "-registry", Role.UNIVERSITY, code),
				Role.UNIVERSITY, code);
	}

	/** A sample file's bytes under another name. */
	private static MockMultipartFile sampleAs(String sample, String name) throws IOException {
		return new MockMultipartFile("file", name, "text/csv", sample(sample).getBytes());
	}

	private static MockMultipartFile sample(String name) throws IOException {
		return new MockMultipartFile("file", name, "text/csv", Files.readAllBytes(SAMPLES.resolve("inbox/" + name)));
	}

	private long uploaded(MvcResult result) throws Exception {
		String location = result.getResponse().getHeader(HttpHeaders.LOCATION);
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void uploadAnswers201WithTheJudgedUploadAndItsRejectsAreThePublishedBytes() throws Exception {
		MvcResult result = this.mvc
			.perform(multipart("/api/rosters").file(sample("roster_PKU_20260825.csv"))
				.param("charset", "GB18030")
				.with(as(pku())))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.matchesPattern("/api/rosters/\\d+")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.file").value("roster_PKU_20260825.csv"))
			.andExpect(jsonPath("$.institution").value("PKU"))
			.andExpect(jsonPath("$.snapshot_date").value("2026-08-25"))
			.andExpect(jsonPath("$.uploaded_at").value("2026-09-01T09:00:00+08:00"))
			.andExpect(jsonPath("$.uploaded_by").value("pku-registry"))
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.rows").value(300))
			.andExpect(jsonPath("$.accepted").value(297))
			.andExpect(jsonPath("$.rejected").value(3))
			.andExpect(jsonPath("$.eligible_before").value(0))
			.andExpect(jsonPath("$.dropped").value(0))
			.andExpect(jsonPath("$.reason").value(nullValue()))
			.andExpect(jsonPath("$.rejects_url", endsWith("/rejects")))
			.andReturn();
		long id = uploaded(result);

		this.mvc.perform(get("/api/rosters/" + id).with(as(pku())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.rejects_url").value("/api/rosters/" + id + "/rejects"));
		byte[] published = Files.readAllBytes(outbox().resolve("20260825/roster_rejects_PKU_20260825.csv"));
		this.mvc.perform(get("/api/rosters/" + id + "/rejects").with(as(pku())))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"roster_rejects_PKU_20260825.csv\""))
			.andExpect(content().bytes(published));
		// a HEAD sends nothing: not audited as a download
		int downloads = audit("roster.rejects-download").size();
		this.mvc.perform(head("/api/rosters/" + id + "/rejects").with(as(pku()))).andExpect(status().isOk());
		assertThat(audit("roster.rejects-download")).hasSize(downloads);
		// a client that always asks for JSON gets the file as it is, and a 404 for none
		this.mvc.perform(get("/api/rosters/" + id + "/rejects").with(as(pku())).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(content().bytes(published));
		this.mvc.perform(get("/api/rosters/999999/rejects").with(as(pku())).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/rosters/" + id).with(as(ucas())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").exists())
			.andExpect(jsonPath("$.detail").value("upload " + id + " not found"));
		this.mvc.perform(get("/api/rosters/" + id + "/rejects").with(as(ucas()))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/rosters").with(as(ucas())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.institution == 'PKU')]", hasSize(0)));
		this.mvc.perform(get("/api/rosters?institution=PKU").with(as(ucas()))).andExpect(jsonPath("$", hasSize(0)));
		this.mvc.perform(get("/api/rosters?institution=PKU").with(as(ops()))).andExpect(jsonPath("$[0].id").value(id));
		// a code in lower case finds the institution, as the pages do
		this.mvc.perform(get("/api/rosters?institution=pku").with(as(ops()))).andExpect(jsonPath("$[0].id").value(id));
		assertThat(audit("roster.upload")).contains("pku-registry|127.0.0.1|roster_PKU_20260825.csv|COMPLETED");
		assertThat(audit("roster.rejects-download")).contains(
				"pku-registry|127.0.0.1|roster_rejects_PKU_20260825.csv|OK",
				"ucas-registry|127.0.0.1|upload " + id + "|REFUSED");
	}

	@Test
	void refusalsAreProblemDocumentsAndStoreNothing() throws Exception {
		long before = this.jdbc.sql("SELECT COUNT(*) FROM roster_upload").query(Long.class).single();

		this.mvc.perform(multipart("/api/rosters").param("charset", "UTF-8").with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("the request has no part named file"));
		// a part named file that is not a file (no filename): read as a form field
		this.mvc.perform(multipart("/api/rosters").param("file", "student_no,name").with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers
				.startsWith("the part named file is not a file: it has no filename in its Content-Disposition")));
		this.mvc.perform(post("/api/rosters").with(as(pku()))).andExpect(status().isBadRequest());
		this.mvc
			.perform(multipart("/api/rosters").file(sample("roster_PKU_20260825.csv"))
				.file(sample("roster_PKU_20260825.csv"))
				.with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the request has 2 parts named file: send one roster per upload"));
		// and from the page (a form changed by hand), said there
		this.mvc
			.perform(multipart("/university/rosters").file(sample("roster_PKU_20260825.csv"))
				.file(sample("roster_PKU_20260825.csv"))
				.with(as(pku()))
				.with(csrf()))
			.andExpect(redirectedUrl("/university"))
			.andExpect(flash().attribute("uploadError", "rosters.error.oneFile"));
		// a refused name: the page comes back with the charset chosen, ready to send the
		// renamed file as it was saved
		this.mvc
			.perform(multipart("/university/rosters")
				.file(new MockMultipartFile("file", "PKU roster.csv", "text/csv", new byte[] { 'a' }))
				.param("charset", "GB18030")
				.with(as(pku()))
				.with(csrf()))
			.andExpect(flash().attribute("uploadError", "rosters.error.BadName"))
			.andExpect(flash().attribute("uploadCharset", "GB18030"));
		this.mvc.perform(get("/university").with(as(pku())).flashAttr("uploadCharset", "GB18030"))
			.andExpect(content().string(containsString("<option value=\"GB18030\" selected=\"selected\"")));
		this.mvc.perform(get("/university").with(as(pku())))
			.andExpect(content().string(not(containsString("selected=\"selected\""))));
		// an identity number typed into a file name is masked in the page's message and
		// the audit log, as everywhere else
		String idName = "张三_110105199803304547.csv";
		this.mvc
			.perform(multipart("/university/rosters")
				.file(new MockMultipartFile("file", idName, "text/csv", new byte[] { 'a' }))
				.with(as(pku()))
				.with(csrf()))
			.andExpect(flash().attribute("uploadErrorFile", "张三_**************4547.csv"));
		// and a direction override in it is masked: it would turn the sentence around
		this.mvc
			.perform(multipart("/university/rosters")
				.file(new MockMultipartFile("file", "roster_UCAS_2026\u202Evsc.exe.csv", "text/csv",
						new byte[] { 'a' }))
				.with(as(pku()))
				.with(csrf()))
			.andExpect(flash().attribute("uploadErrorFile", "roster_UCAS_2026\uFFFDvsc.exe.csv"));
		this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", idName, "text/csv", new byte[] { 'a' }))
				.with(as(pku())))
			.andExpect(status().isBadRequest());
		assertThat(audit("roster.upload")).filteredOn((row) -> row.contains("张三"))
			.hasSize(2)
			.allMatch((row) -> row.contains("张三_**************4547.csv") && !row.contains("110105199803304547"));
		this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", "../roster_PKU_20260825.csv", "text/csv", new byte[] { 'a' }))
				.with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the file name must be roster_<INSTITUTION>_<YYYYMMDD>.csv"));
		this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", "roster_PKU_20260230.csv", "text/csv", new byte[] { 'a' }))
				.with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the file name must be roster_<INSTITUTION>_<YYYYMMDD>.csv,"
					+ " the date a real one of the calendar (20260230 is none)"));
		this.mvc
			.perform(multipart("/api/rosters").file(sample("roster_PKU_20260825.csv"))
				.param("charset", "latin1")
				.with(as(pku())))
			.andExpect(status().isBadRequest());
		// a field sent as a file part: the client's mistake, said as such
		MockMultipartFile charsetAsFile = new MockMultipartFile("charset", "cs.txt", "text/plain",
				"UTF-8".getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(
				multipart("/api/rosters").file(sample("roster_PKU_20260825.csv")).file(charsetAsFile).with(as(pku())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("charset is a field, not a file: send its value as text" + " (-F charset=VALUE)."));
		this.mvc
			.perform(multipart("/university/rosters").file(sample("roster_PKU_20260825.csv"))
				.file(charsetAsFile)
				.with(as(pku()))
				.with(csrf()))
			.andExpect(status().isBadRequest());
		this.mvc.perform(multipart("/api/rosters").file(sample("roster_UCAS_20260825.csv")).with(as(pku())))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
		this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", "roster_PKU_20260901.csv", "text/csv", new byte[2 * 1024 * 1024]))
				.with(as(pku())))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(multipart("/api/rosters").file(sample("roster_PKU_20260825.csv")).with(as(pku())))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/rosters/999999").with(as(ops()))).andExpect(status().isNotFound());

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM roster_upload").query(Long.class).single())
			.isEqualTo(before + 1);
		assertThat(audit("roster.upload")).filteredOn((row) -> row.endsWith("|REFUSED")).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void anImportOfTheSameInstitutionStillRunningAnswers409() throws Exception {
		this.jdbc.sql("INSERT INTO run_lock (resource) VALUES ('roster-import BJTU')").update();
		JobRunRepository owners = this.context.getBean(JobRunRepository.class);
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				UPDATE run_lock SET holder_token = 'other', holder_job = 'roster-import BJTU', owner_host = ?,
				       owner_pid = ?, started_at = ?, heartbeat_at = ?
				WHERE resource = 'roster-import BJTU'""").params(owners.host(), owners.pid(), now, now).update();
		partner("BJTU", "INSTITUTION", "北京交通大学");

		this.mvc.perform(multipart("/api/rosters").file(sample("roster_BJTU_20260826.csv")).with(as(ops())))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value("a roster import of BJTU is still running; send the file again when it has finished"));
	}

	@Test
	void aRejectedUploadIsExplainedToTheUniversityInItsLanguage() throws Exception {
		// BJTU's export with 12 bad rows in 200, sent by another university (BJTU's
		// import
		// lock is another test's)
		PortalUser ruc = university("RUC", "中国人民大学");
		MockMultipartFile file = sampleAs("roster_BJTU_20260825.csv", "roster_RUC_20260825.csv");
		this.mvc.perform(multipart("/api/rosters").file(file).with(as(ruc)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("REJECTED"))
			// refused whole: it dropped no one (the rest would have dropped 11)
			.andExpect(jsonPath("$.eligible_before").value(nullValue()))
			.andExpect(jsonPath("$.dropped").value(nullValue()))
			.andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith("12 of 200 rows rejected")));
		this.mvc.perform(get("/university").with(as(ruc)).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("文件共 200 行，其中 12 行被拒绝")))
			.andExpect(content().string(not(containsString("rows rejected"))));
		this.mvc.perform(get("/university").with(as(ruc)).locale(Locale.ENGLISH))
			.andExpect(content().string(containsString("12 of the file&#39;s 200 rows were rejected")));
		// and so do the operations (the API keeps the importer's own words)
		this.mvc.perform(get("/ops/rosters").with(as(ops())).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("文件共 200 行，其中 12 行被拒绝")));
	}

	@Test
	void theSameRosterAgainIsExplainedWithoutTheImportsNumber() throws Exception {
		PortalUser bnu = university("BNU", "北京师范大学");
		MockMultipartFile file = sampleAs("roster_UCAS_20260825.csv", "roster_BNU_20260825.csv");
		this.mvc.perform(multipart("/api/rosters").file(file).with(as(bnu)))
			.andExpect(jsonPath("$.status").value("COMPLETED"));
		this.mvc.perform(multipart("/api/rosters").file(file).with(as(bnu)))
			.andExpect(jsonPath("$.status").value("NOOP"));
		this.mvc.perform(get("/university").with(as(bnu)).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("该文件与当前名单相同：未作任何更改。")))
			.andExpect(content().string(not(containsString("(import "))))
			// its rows, but no "0 accepted, 0 rejected": it was not judged again
			.andExpect(content().string(containsString("data-label=\"接受\"></td>")))
			.andExpect(content().string(not(containsString("data-label=\"接受\">0</td>"))));
		// the operations find them whatever the case of the code they type
		this.mvc.perform(get("/ops/rosters").param("institution", "bnu").with(as(ops())))
			.andExpect(content().string(containsString("roster_BNU_20260825.csv")));
	}

	@Test
	void aFileRefusedWholeIsExplainedToTheUniversityInItsLanguage() throws Exception {
		PortalUser cupl = university("CUPL", "中国政法大学");
		String header = "student_no,name,id_type,id_no,level,salaried,status,enrolled_on,expected_graduation\n";
		// id_no misspelt, among fourteen more columns the roster does not have: the
		// missing
		// column, the first ten unknown ones and a count of the rest are said
		String misspelt = header.replace("id_no,", "idno,")
			.replace("\n", ",c01,c02,c03,c04,c05,c06,c07,c08,c09,c10,c11,c12,c13,c14\n");
		String[][] files = { { "roster_CUPL_20260901.csv", misspelt + "1,A,,X,MASTER\n" },
				{ "roster_CUPL_20260902.csv", header },
				{ "roster_CUPL_20260903.csv", header.replace("level,", "level,name,") },
				{ "roster_CUPL_20260904.csv", "" },
				// every row bad, and a column that is no roster column: both are said
				{ "roster_CUPL_20260905.csv",
						header.replace("\n", ",nickname\n") + "1,A,,X,BOGUS,N,ENROLLED,2026-09-01,2027-06-30,n\n" },
				// a stray quote that closes a field too early, one never closed, a line
				// no roster row is as long as
				{ "roster_CUPL_20260906.csv", header + "1,\"A\"x,ID_CARD,X,MASTER,N,ENROLLED,2026-09-01,2027-06-30\n" },
				{ "roster_CUPL_20260907.csv", header + "1,\"A,ID_CARD,X,MASTER,N,ENROLLED,2026-09-01,2027-06-30\n" },
				{ "roster_CUPL_20260908.csv", header + "1," + "A".repeat(70_000) + "\n" },
				// a stray quote on line 2 closed on line 4; a workbook saved as .csv
				{ "roster_CUPL_20260909.csv",
						header + "\"1,A,ID_CARD,X,MASTER,N,ENROLLED,2026-09-01,2027-06-30\n2,B\n3\"x,C\n" },
				{ "roster_CUPL_20260910.csv", "PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml" },
				// no header row: its first record's passport number is no column name to
				// show
				{ "roster_CUPL_20260911.csv",
						"S001,张三,PASSPORT,E12345678,MASTER,N,ENROLLED,2024-09-01,2027-06-30\n" } };
		for (String[] file : files) {
			this.mvc
				.perform(multipart("/api/rosters")
					.file(new MockMultipartFile("file", file[0], "text/csv", file[1].getBytes(StandardCharsets.UTF_8)))
					.with(as(cupl)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.status").value("REJECTED"));
		}
		// a roster dated far ahead (the test's today is 2026-09-01)
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260825.csv", "roster_CUPL_20270101.csv"))
				.with(as(cupl)))
			.andExpect(jsonPath("$.status").value("REJECTED"));
		this.mvc.perform(get("/university").with(as(cupl)).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("文件名中的日期 2027-01-01 比今天（2026-09-01）晚 31 天以上，未导入任何内容。")))
			.andExpect(content().string(containsString("表头（第 1 行）缺少必需列（id_no），未导入任何内容。")))
			.andExpect(content().string(containsString("第 1 行不是表头：其中没有任何名单列名")))
			.andExpect(content().string(not(containsString("E12345678"))))
			.andExpect(content().string(containsString("文件只有表头，没有学生记录，未导入任何内容。")))
			.andExpect(content().string(containsString("表头（第 1 行）中列 name 出现了两次")))
			.andExpect(content().string(containsString("文件为空，未导入任何内容。")))
			.andExpect(content().string(containsString("第 2 行的一个引号字段关闭后、下一个逗号前还有其他文字")))
			.andExpect(content().string(containsString("第 2 行的双引号（&quot;）开启了一个引号字段但始终未关闭")))
			.andExpect(content().string(containsString("第 2 行超过 65536 个字符")))
			.andExpect(content().string(containsString("第 4 行的一个引号字段关闭后、下一个逗号前还有其他文字：该行记录从第 2 行开始")))
			.andExpect(content().string(containsString("该文件是电子表格工作簿（如 Excel .xlsx），不是 CSV 文件，未导入任何内容。")))
			.andExpect(content().string(not(containsString("not valid CSV"))))
			.andExpect(content().string(containsString("其中 1 行被拒绝")))
			.andExpect(content().string(containsString("第 1 行：列 nickname 不是名单的列，已忽略。")))
			.andExpect(content().string(containsString("第 1 行：列 idno 不是名单的列，已忽略。")))
			.andExpect(content().string(containsString("第 1 行：列 c09 不是名单的列，已忽略。")))
			.andExpect(content().string(not(containsString("列 c10 "))))
			.andExpect(content().string(containsString("第 1 行：另有 5 列不是名单的列，已忽略。")))
			.andExpect(content().string(not(containsString("the whole file is rejected"))));
	}

	@Test
	void aRosterOfAnUnknownInstitutionIsExplainedToOperationsInTheirLanguage() throws Exception {
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260825.csv", "roster_NOPE_20260825.csv"))
				.with(as(ops())))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("REJECTED"));
		this.mvc.perform(get("/ops/rosters").with(as(ops())).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("NOPE 不是发卡方参考数据（合作方）中的院校，未导入任何内容。")))
			.andExpect(content().string(not(containsString("not an INSTITUTION"))));
	}

	@Test
	void aRosterOlderThanTheOneInForceIsExplainedToTheUniversityInItsLanguage() throws Exception {
		PortalUser cufe = university("CUFE", "中央财经大学");
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260905.csv", "roster_CUFE_20260830.csv"))
				.with(as(cufe)))
			.andExpect(jsonPath("$.status").value("COMPLETED"));
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260825.csv", "roster_CUFE_20260825.csv"))
				.with(as(cufe)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("REJECTED"))
			.andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith(
					"the date in the file name, 2026-08-25, is before that of the roster in force (2026-08-30)")));
		this.mvc.perform(get("/university").with(as(cufe)).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("文件名中的日期 2026-08-25 早于现行名单的日期（2026-08-30），未导入任何内容。")))
			// and who can apply an older file that is meant
			.andExpect(content().string(containsString("请将该文件本身发送给发卡方运营人员代为导入")));
		this.mvc.perform(get("/university").with(as(cufe)).locale(Locale.ENGLISH))
			.andExpect(content().string(containsString(
					"The date in the file name, 2026-08-25, is before that of the roster in force (2026-08-30)")))
			.andExpect(content()
				.string(containsString("send the file itself to the issuer&#39;s operators, who can apply it")));
	}

	@Test
	void heldUploadIsForcedByOperationsOnly() throws Exception {
		PortalUser ucas = ucas();
		this.mvc.perform(multipart("/api/rosters").file(sample("roster_UCAS_20260825.csv")).with(as(ucas)))
			.andExpect(status().isCreated());
		MvcResult held = this.mvc
			.perform(multipart("/api/rosters").file(sample("roster_UCAS_20260901.csv")).with(as(ucas)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("HELD"))
			.andExpect(jsonPath("$.eligible_before").value(355))
			.andExpect(jsonPath("$.dropped").value(60))
			.andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith(
					"the upload drops 60 of 355 currently eligible students, more than 10%: held, nothing was applied")))
			.andReturn();
		long id = uploaded(held);
		// the university reads why in its own words, without the command line's
		this.mvc.perform(get("/university").with(as(ucas)).locale(Locale.ENGLISH))
			.andExpect(content()
				.string(containsString("This roster would remove 60 of the 355 students eligible now, more than 10%")))
			.andExpect(content().string(not(containsString("--force"))));
		// and the operations, beside the force box, are pointed at it rather than at a
		// command
		this.mvc.perform(get("/ops/rosters").with(as(ops())).locale(Locale.ENGLISH))
			.andExpect(content().string(containsString("tick the box and force it")))
			.andExpect(content().string(not(containsString("--force"))));

		this.mvc.perform(post("/api/rosters/" + id + "/force").with(as(ucas)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/rosters/" + id + "/force").with(as(ops())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.forced_by").value("olga"))
			.andExpect(jsonPath("$.forced_at").value("2026-09-01T09:00:00+08:00"));
		this.mvc.perform(post("/api/rosters/" + id + "/force").with(as(ops())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("upload " + id + " cannot be forced: it is COMPLETED, not HELD"));
		assertThat(audit("roster.force"))
			.filteredOn((event) -> event.contains("|upload " + id + "|") || event.contains("|roster_UCAS_"))
			.containsExactly("ucas-registry|127.0.0.1|upload " + id + "|REFUSED",
					"olga|127.0.0.1|roster_UCAS_20260901.csv|COMPLETED", "olga|127.0.0.1|upload " + id + "|REFUSED");
	}

	@Test
	void aHeldUploadALaterOneSupersededOffersNoForceAndAForcedOneIsExplainedInThePagesLanguage() throws Exception {
		PortalUser tju = university("TJU", "天津大学");
		List<String> lines = Files.readAllLines(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"),
				StandardCharsets.UTF_8);
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260825.csv", "roster_TJU_20260825.csv"))
				.with(as(tju)))
			.andExpect(jsonPath("$.status").value("COMPLETED"));
		long first = uploaded(
				this.mvc.perform(multipart("/api/rosters")
					.file(new MockMultipartFile("file", "roster_TJU_20260901.csv", "text/csv",
							(String.join("\n", lines.subList(0, 200)) + "\n").getBytes(StandardCharsets.UTF_8)))
					.with(as(tju))).andExpect(jsonPath("$.status").value("HELD")).andReturn());
		long second = uploaded(
				this.mvc.perform(multipart("/api/rosters")
					.file(new MockMultipartFile("file", "roster_TJU_20260902.csv", "text/csv",
							(String.join("\n", lines.subList(0, 220)) + "\n").getBytes(StandardCharsets.UTF_8)))
					.with(as(tju))).andExpect(jsonPath("$.status").value("HELD")).andReturn());
		// Only the latest held upload can be forced: the first offers no box, and says
		// why.
		this.mvc.perform(get("/ops/rosters").param("institution", "TJU").with(as(ops())).locale(Locale.ENGLISH))
			.andExpect(content().string(not(containsString("/ops/rosters/" + first + "/force"))))
			.andExpect(content().string(containsString("/ops/rosters/" + second + "/force")))
			.andExpect(content().string(containsString("this upload can no longer be forced")));
		// One forced meanwhile (another window) is refused in the page's language.
		this.mvc.perform(post("/ops/rosters/" + first + "/force").param("confirm", "yes").with(as(ops())).with(csrf()))
			.andExpect(flash().attribute("forceError", "rosters.error.NotForceable"))
			.andExpect(flash().attribute("forceErrorId", first));
		this.mvc
			.perform(get("/ops/rosters").with(as(ops()))
				.locale(Locale.SIMPLIFIED_CHINESE)
				.flashAttr("forceError", "rosters.error.NotForceable")
				.flashAttr("forceErrorId", first))
			.andExpect(content().string(containsString("第 " + first + " 号上传已不能强制生效")));
		this.mvc.perform(post("/ops/rosters/" + second + "/force").param("confirm", "yes").with(as(ops())).with(csrf()))
			.andExpect(flash().attribute("forcedId", second));
		this.mvc.perform(get("/university").with(as(tju)).locale(Locale.SIMPLIFIED_CHINESE))
			.andExpect(content().string(containsString("发卡机构运营团队已使其强制生效")))
			.andExpect(content().string(not(containsString("forced: applied"))));
	}

	@Test
	void aForceRefusedWhileAnImportOfTheInstitutionRunsSaysToForceAgainLater() throws Exception {
		PortalUser blcu = university("BLCU", "北京语言大学");
		List<String> lines = Files.readAllLines(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"),
				StandardCharsets.UTF_8);
		this.mvc
			.perform(multipart("/api/rosters").file(sampleAs("roster_UCAS_20260825.csv", "roster_BLCU_20260825.csv"))
				.with(as(blcu)))
			.andExpect(jsonPath("$.status").value("COMPLETED"));
		long held = uploaded(
				this.mvc.perform(multipart("/api/rosters")
					.file(new MockMultipartFile("file", "roster_BLCU_20260901.csv", "text/csv",
							(String.join("\n", lines.subList(0, 200)) + "\n").getBytes(StandardCharsets.UTF_8)))
					.with(as(blcu))).andExpect(jsonPath("$.status").value("HELD")).andReturn());
		// An import of BLCU runs elsewhere (another node, the command line): its lock is
		// held by another thread, as a run of its own holds it.
		RunLocks locks = this.context.getBean(RunLocks.class);
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			RunLocks.Held running = elsewhere
				.submit(() -> locks.take("roster-import BLCU", "roster-import BLCU", LocalDate.of(2026, 9, 1)))
				.get();
			this.mvc
				.perform(post("/ops/rosters/" + held + "/force").param("confirm", "yes").with(as(ops())).with(csrf()))
				.andExpect(flash().attribute("forceError", "rosters.forceError.ImportRunning"))
				.andExpect(flash().attribute("forceErrorId", held));
			// the operator's words, in the page's language: not the university's "upload
			// again"
			this.mvc
				.perform(get("/ops/rosters").with(as(ops()))
					.locale(Locale.SIMPLIFIED_CHINESE)
					.flashAttr("forceError", "rosters.forceError.ImportRunning")
					.flashAttr("forceErrorId", held))
				.andExpect(content().string(containsString("上传 " + held + " 未强制应用：该校的另一次导入正在进行中")));
			this.mvc
				.perform(get("/ops/rosters").with(as(ops()))
					.locale(Locale.ENGLISH)
					.flashAttr("forceError", "rosters.forceError.ImportRunning")
					.flashAttr("forceErrorId", held))
				.andExpect(content().string(containsString("Force it again once that import has finished.")));
			// the API's 409 says the same: a force sends no file to send again
			this.mvc.perform(post("/api/rosters/" + held + "/force").with(as(ops())))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail")
					.value("a roster import of BLCU is still running; force the upload again when it has finished"));
			elsewhere.submit(running::close).get();
		}
		finally {
			elsewhere.shutdownNow();
		}
		// Nothing was applied: once the other import has ended, the same force goes
		// through.
		this.mvc.perform(post("/ops/rosters/" + held + "/force").param("confirm", "yes").with(as(ops())).with(csrf()))
			.andExpect(flash().attribute("forcedId", held));
	}

	@Test
	void theRosterPageForcesAHeldUploadOnlyOnceTheStudentsItDropsAreConfirmed() throws Exception {
		partner("THU", "INSTITUTION", "清华大学");
		// PKU's sample roster (saved in GB18030) sent as another institution's, whose
		// uploads no other test makes.
		Charset gb = Charset.forName("GB18030");
		byte[] roster = Files.readAllBytes(SAMPLES.resolve("inbox/roster_PKU_20260825.csv"));
		this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", "roster_THU_20260825.csv", "text/csv", roster))
				.param("charset", "GB18030")
				.with(as(ops())))
			.andExpect(status().isCreated());
		// A later roster with the first 250 of its rows: it drops the others' students.
		List<String> lines = Files.readAllLines(SAMPLES.resolve("inbox/roster_PKU_20260825.csv"), gb);
		byte[] shorter = (String.join("\r\n", lines.subList(0, 251)) + "\r\n").getBytes(gb);
		MvcResult held = this.mvc
			.perform(multipart("/api/rosters")
				.file(new MockMultipartFile("file", "roster_THU_20260902.csv", "text/csv", shorter))
				.param("charset", "GB18030")
				.with(as(ops())))
			.andExpect(jsonPath("$.status").value("HELD"))
			.andReturn();
		long id = uploaded(held);
		String dropped = JsonPath.read(held.getResponse().getContentAsString(), "$.dropped").toString();
		String before = JsonPath.read(held.getResponse().getContentAsString(), "$.eligible_before").toString();

		this.mvc.perform(get("/ops/rosters").with(as(ops())))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("It drops " + dropped + " of the " + before + " students eligible now")))
			.andExpect(content().string(containsString("name=\"confirm\" value=\"yes\" required")));
		this.mvc.perform(get("/ops").with(as(ops())).locale(Locale.ENGLISH))
			.andExpect(content().string(containsString("held: force")));
		this.mvc.perform(post("/ops/rosters/" + id + "/force").with(as(ops())).with(csrf()))
			.andExpect(redirectedUrl("/ops/rosters#force-" + id))
			.andExpect(flash().attribute("forceUnconfirmed", id));
		// said in the upload's own force form, where the page opens, not at its top
		String refused = this.mvc
			.perform(get("/ops/rosters").with(as(ops())).locale(Locale.ENGLISH).flashAttr("forceUnconfirmed", id))
			.andReturn()
			.getResponse()
			.getContentAsString();
		int form = refused.indexOf("id=\"force-" + id + "\"");
		assertThat(form).isPositive();
		assertThat(refused.substring(form, refused.indexOf("</form>", form))).contains("class=\"message error\"");
		assertThat(refused.substring(0, refused.indexOf("<table"))).doesNotContain("class=\"message error\"");
		this.mvc.perform(get("/api/rosters/" + id).with(as(ops()))).andExpect(jsonPath("$.status").value("HELD"));
		this.mvc.perform(post("/ops/rosters/" + id + "/force").param("confirm", "yes").with(as(ops())).with(csrf()))
			.andExpect(redirectedUrl("/ops/rosters"))
			.andExpect(flash().attribute("forcedId", id));
		this.mvc.perform(get("/api/rosters/" + id).with(as(ops())))
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.forced_by").value("olga"));
	}

	@Test
	void renewalListsAreTheInstitutionsOwn() throws Exception {
		if (this.jdbc.sql("SELECT COUNT(*) FROM renewal_window WHERE window_year = 2026")
			.query(Long.class)
			.single() == 0) {
			this.context.getBean(JobRunner.class).run(JobName.OPEN_RENEWAL, Map.of("date", "2026-08-01"));
		}
		byte[] published = Files.readAllBytes(outbox().resolve("20260801/renewal_eligibility_20260801_PKU.csv"));

		this.mvc.perform(get("/api/renewal-lists").with(as(pku())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].year").value(2026))
			.andExpect(jsonPath("$[0].file").value("renewal_eligibility_20260801_PKU.csv"))
			.andExpect(jsonPath("$[0].rows").value(0))
			.andExpect(jsonPath("$[0].published_at").value("2026-09-01T09:00:00+08:00"));
		this.mvc.perform(get("/api/renewal-lists/2026").with(as(pku())))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(content().bytes(published));
		this.mvc.perform(get("/api/renewal-lists/2025").with(as(pku()))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/renewal-lists/2026?institution=PKU").with(as(ucas())))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/renewal-lists/2026").with(as(ops()))).andExpect(status().isBadRequest());
		// a code that is no partner code names no list, whatever it holds
		for (String hostile : new String[] { "PKU\u0000", "../PKU", "PKU/x" }) {
			this.mvc.perform(get("/api/renewal-lists/2026").param("institution", hostile).with(as(ops())))
				.andExpect(status().isNotFound());
			this.mvc.perform(get("/api/renewal-lists").param("institution", hostile).with(as(ops())))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$", hasSize(0)));
		}
		this.mvc.perform(get("/api/renewal-lists/2026?institution=PKU").with(as(ops())))
			.andExpect(status().isOk())
			.andExpect(content().bytes(published));
		assertThat(audit("renewal-list.download"))
			.contains("pku-registry|127.0.0.1|renewal_eligibility_20260801_PKU.csv|OK");
		// a HEAD sends nothing: not a download, not audited as one
		int downloads = audit("renewal-list.download").size();
		this.mvc.perform(head("/api/renewal-lists/2026").with(as(pku()))).andExpect(status().isOk());
		assertThat(audit("renewal-list.download")).hasSize(downloads);
		// and both pages list it, each linking its own download
		this.mvc.perform(get("/university").with(as(pku())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/university/renewal-lists/2026\"")));
		this.mvc.perform(get("/ops/rosters").with(as(ops())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/ops/renewal-lists/2026?institution=PKU\"")));
		// the page's download without an institution says what to change, as the API does
		this.mvc.perform(get("/ops/renewal-lists/2026").with(as(ops())).header("Accept-Language", "en"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("name the institution: ?institution=CODE")));
	}

	@Test
	void universityPageShowsTheFormTheUploadsAndTheirReasons() throws Exception {
		this.mvc
			.perform(multipart("/university/rosters").file(sample("roster_PKU_20260825.csv"))
				.param("charset", "UTF-8")
				.with(csrf())
				.with(as(pku())))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/university"))
			.andExpect(flash().attribute("uploadedStatus", "REJECTED"))
			.andExpect(flash().attribute("uploadedFile", "roster_PKU_20260825.csv"));
		// the banner says what became of it, in the page's language
		this.mvc
			.perform(get("/university").with(as(pku()))
				.locale(Locale.SIMPLIFIED_CHINESE)
				.flashAttr("uploadedId", 7L)
				.flashAttr("uploadedFile", "roster_PKU_20260825.csv")
				.flashAttr("uploadedStatus", "REJECTED"))
			.andExpect(content().string(containsString("第 7 号上传（roster_PKU_20260825.csv）已被拒绝，未作任何更改")));

		String page = this.mvc.perform(get("/university").with(as(pku())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("enctype=\"multipart/form-data\"", "name=\"_csrf\"", "value=\"GB18030\"",
				"roster_PKU_20260825.csv", "Line 2 holds bytes that are not UTF-8 text");
		assertThat(page).doesNotContain("style=\"", "<script>");

		String ops = this.mvc.perform(get("/ops/rosters").with(as(ops())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(ops).contains("roster_PKU_20260825.csv");
	}

	@Test
	void openApiDescribesTheRosterEndpoints() throws Exception {
		String docs = this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(docs).contains("\"/api/rosters\"", "\"/api/rosters/{id}\"", "\"/api/rosters/{id}/rejects\"",
				"\"/api/rosters/{id}/force\"", "\"/api/renewal-lists\"", "\"/api/renewal-lists/{year}\"",
				"multipart/form-data", "RosterUploadForm", "application/problem+json",
				"Apply a held upload as --force does (OPS only)");
	}

}
