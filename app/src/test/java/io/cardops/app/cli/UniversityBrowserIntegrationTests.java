package io.cardops.app.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A university's registry clerk in a real browser (shared/spec/http.md, "The pages",
 * "Rosters"): signs in, lands on the university's page, uploads a roster through its
 * form, reads the outcome, downloads the rejects (the bytes published in the outbox), and
 * learns on the page why a file was refused whole.
 */
class UniversityBrowserIntegrationTests extends CliTestSupport {

	private static final String PASSWORD = "ucas-registry-office-2026";

	@Test
	void aUniversityUploadsReadsTheOutcomeAndDownloadsItsRejects() throws Exception {
		loadReference();
		CliResult added = withPassword(PASSWORD, () -> cardops("users", "add", "ucas-office", "--role", "UNIVERSITY",
				"--institution", "UCAS", "--password-stdin"));
		assertThat(added.code()).as(added.err()).isZero();
		Path folder = Files.createDirectories(this.work.resolve("upload"));
		// The sample roster has six bad rows; one more is made bad: a graduation before
		// the enrolment.
		List<String> lines = Files.readAllLines(sample("roster_UCAS_20260825.csv"), StandardCharsets.UTF_8);
		assertThat(lines.get(3)).endsWith(",2024-09-01,2027-06-30");
		lines.set(3, lines.get(3).replace(",2024-09-01,2027-06-30", ",2024-09-01,2023-06-30"));
		Path roster = folder.resolve("roster_UCAS_20260825.csv");
		Files.writeString(roster, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
		// A later roster saved in GB18030 but sent as UTF-8: refused whole.
		Path gb = Files.createDirectories(folder.resolve("gb")).resolve("roster_UCAS_20260901.csv");
		Files.write(gb,
				Files.readString(sample("roster_UCAS_20260901.csv"), StandardCharsets.UTF_8)
					.replace("\uFEFF", "")
					.getBytes(Charset.forName("GB18030")));
		Path downloads = Files.createDirectories(this.work.resolve("downloads"));

		try (ConfigurableApplicationContext node = ServeCommand.open(session(), 0)) {
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			try (Browser browser = Browser.open(port, downloads, "zh-CN")) {
				browser.signIn("ucas-office", PASSWORD);
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/university"));
				assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("学籍名单上传");

				upload(browser, roster);
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/university"));
				// the banner says what became of it
				// applied without its 7 rejected rows: the banner says so, and where
				assertThat(browser.find(By.id("uploaded")).getText()).isEqualTo(
						"第 1 号上传（roster_UCAS_20260825.csv）已生效：现为当前名单，但其 400 行中有 7 行被拒绝，不在名单上。请在下表该次上传所在行的“被拒绝的行”一栏下载，更正后重新上传完整名单。");
				assertThat(browser.find(By.id("uploaded")).getAttribute("class")).contains("warn");
				WebElement first = uploadRows(browser).get(0);
				List<String> firstCells = cells(first);
				assertThat(firstCells.get(0)).isEqualTo("roster_UCAS_20260825.csv\n名单日期 2026-08-25");
				assertThat(firstCells.get(1)).endsWith("\nucas-office");
				assertThat(firstCells.subList(2, firstCells.size())).containsExactly("已生效", "400", "393", "7", "0", "0",
						"下载");
				assertThat(first.findElements(By.cssSelector("td.reason"))).as("applied without a reason").isEmpty();
				// a screen reader tells each upload's rejects link from the others
				assertThat(first.findElement(By.linkText("下载")).getAttribute("aria-label"))
					.isEqualTo("下载第 1 号上传（roster_UCAS_20260825.csv）被拒绝的行");
				first.findElement(By.linkText("下载")).click();
				Path published = outbox().resolve("20260825/roster_rejects_UCAS_20260825.csv");
				assertThat(Files.readString(published, StandardCharsets.UTF_8))
					.contains("4,2024E8000719929,expected_graduation,is before enrolled_on\r\n");
				assertThat(Files.readAllBytes(browser.downloaded("roster_rejects_UCAS_20260825.csv")))
					.isEqualTo(Files.readAllBytes(published));

				browser.open("/university");
				upload(browser, gb);
				assertThat(browser.find(By.id("uploaded")).getAttribute("class")).contains("error");
				assertThat(browser.find(By.id("uploaded")).getText()).contains("已被拒绝，未作任何更改");
				WebElement refused = uploadRows(browser).get(0);
				List<String> refusedCells = cells(refused);
				assertThat(refusedCells.get(0)).startsWith("roster_UCAS_20260901.csv\n");
				assertThat(refusedCells.get(2)).isEqualTo("已拒绝");
				// refused before a row was counted: no counts, rather than zeros
				assertThat(refusedCells.subList(3, 6)).containsOnly("");
				// why, in the page's language, with what to do
				assertThat(refused.findElement(By.cssSelector("td.reason")).getText()).contains("含有不是 UTF-8 编码的字节")
					.contains("未导入任何内容")
					.contains("GB18030");
				assertThat(refused.findElements(By.tagName("a"))).isEmpty();

				// a misnamed file: the message names it, and the name to give it
				Path misnamed = Files.copy(roster, folder.resolve("ucas_roster.csv"));
				browser.open("/university");
				upload(browser, misnamed);
				assertThat(browser.find(By.cssSelector("p.message.error")).getText())
					.startsWith("ucas_roster.csv 不是名单文件名，未保存任何内容：请将文件命名为 roster_UCAS_YYYYMMDD.csv");

				// a second press while the upload is on its way sends nothing: the button
				// is
				// disabled as the form goes (here held in the page, to look at it)
				browser.open("/university");
				((JavascriptExecutor) browser.driver()).executeScript(
						"document.querySelector('form.stacked').addEventListener('submit', e => e.preventDefault())");
				browser.find(By.id("roster-file")).sendKeys(roster.toString());
				WebElement send = browser.find(By.cssSelector("form.stacked [type=submit]"));
				send.click();
				new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until((driver) -> !send.isEnabled());
				assertThat(browser.find(By.cssSelector("form.stacked")).getAttribute("data-sent")).isEqualTo("yes");

				// The screenshots show the uploads' outcomes, below the form.
				browser.open("/university");
				showUploads(browser, Browser.DESKTOP);
				browser.screenshot("university-desktop", Browser.DESKTOP);
				showUploads(browser, Browser.PHONE);
				Thread.sleep(500);
				browser.screenshot("university-phone", Browser.PHONE);
			}
		}
	}

	private static void showUploads(Browser browser, Dimension size) {
		browser.driver().manage().window().setSize(size);
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
				browser.find(By.cssSelector("table.uploads")).findElement(By.xpath("./ancestor::section")));
	}

	private static void upload(Browser browser, Path file) {
		WebElement page = browser.find(By.tagName("html"));
		browser.find(By.id("roster-file")).sendKeys(file.toString());
		browser.find(By.cssSelector("form.stacked [type=submit]")).click();
		// The upload is imported before the answer redirects back to the page.
		new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(page));
		new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
	}

	/** Each upload: its tbody, the row of its cells and the row of its reason, if any. */
	private static List<WebElement> uploadRows(Browser browser) {
		return browser.findAll(By.cssSelector("table.uploads tbody.upload"));
	}

	/** The texts of an upload's cells, its reason left out. */
	private static List<String> cells(WebElement upload) {
		return upload.findElements(By.cssSelector("tr.upload > td")).stream().map(WebElement::getText).toList();
	}

	private static CliResult withPassword(String password, Supplier<CliResult> command) {
		InputStream stdin = System.in;
		System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
		try {
			return command.get();
		}
		finally {
			System.setIn(stdin);
		}
	}

}
