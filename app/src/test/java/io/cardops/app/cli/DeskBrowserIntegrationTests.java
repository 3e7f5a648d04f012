package io.cardops.app.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception desk in a real browser (shared/spec/desk.md): after the demo (which
 * releases 2026-10-13's held tap and closes 2026-10-14's itself), one finance clerk finds
 * the held tap the demo leaves, 2026-10-16's SEQ_CONFLICT (a BJBUS boarding of 0.50 yuan
 * whose card_seq another validator's accepted copy holds), reads the warning that the
 * other copy is paid, and requests its release with a note (BJBUS shows both boardings
 * were real); a second clerk approves it; {@code cardops run settle} for that date
 * publishes version 2, and the second clerk's settlement page shows it with the payable
 * up by the tap's amount. Screenshots of the desk and the case at a laptop's and a
 * phone's width.
 */
class DeskBrowserIntegrationTests extends CliTestSupport {

	private static final String DATE = "2026-10-16";

	private static final String PASSWORD_A = "finance-clerk-a-2026";

	private static final String PASSWORD_B = "finance-clerk-b-2026";

	@Test
	void oneClerkRequestsTheReleaseOfAHeldTapAnotherApprovesAndSettlementPaysIt() throws Exception {
		CliResult demo = cardops("demo");
		assertThat(demo.code()).as(demo.err()).isZero();
		for (String[] user : new String[][] { { "fin-wang", PASSWORD_A }, { "fin-zhou", PASSWORD_B } }) {
			CliResult added = withStdin(user[1] + "\n",
					() -> cardops("users", "add", user[0], "--role", "FINANCE", "--password-stdin"));
			assertThat(added.code()).as(added.err()).isZero();
		}
		Path downloads = Files.createDirectories(this.work.resolve("downloads"));

		try (ConfigurableApplicationContext node = ServeCommand.open(session(), 0)) {
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			String caseUrl;
			String amount;
			try (Browser browser = Browser.open(port, downloads, "zh-CN")) {
				// Finance A lands on the settlement calendar and follows its link to the
				// desk.
				browser.signIn("fin-wang", PASSWORD_A);
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/finance"));
				browser.follow(browser.find(By.id("desk-link")));
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/desk"));
				assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("异常工作台");
				assertThat(browser.find(By.cssSelector("#night h2")).getText()).contains("2026-10-");
				assertThat(browser.findAll(By.cssSelector("#aging table.aging tbody tr"))).isNotEmpty();
				assertThat(browser.driver().getPageSource()).doesNotContain("??");
				browser.screenshot("desk-desktop", Browser.DESKTOP);
				browser.screenshot("desk-phone", Browser.PHONE);
				scrollTo(browser, "aging");
				browser.screenshot("desk-aging-desktop", Browser.DESKTOP);

				// filters the held taps of the date
				WebElement date = browser.find(By.cssSelector("form.filters input[name=date]"));
				((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", date, DATE);
				new Select(browser.find(By.cssSelector("form.filters select[name=category]")))
					.selectByValue("SEQ_CONFLICT");
				browser.follow(browser.find(By.cssSelector("form.filters button[type=submit]")));
				// the filtered page, not the one it replaces (or none while it loads)
				new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
					.until((driver) -> driver.getCurrentUrl().contains("category=SEQ_CONFLICT")
							&& !driver.findElements(By.cssSelector("table.cases tbody tr")).isEmpty());
				List<WebElement> rows = browser.findAll(By.cssSelector("table.cases tbody tr"));
				WebElement held = rows.stream()
					.filter((row) -> row.getText().contains("BJBUS"))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no held BJBUS tap on " + DATE + ": " + rows.size()));
				assertThat(held.findElement(By.cssSelector("td.num")).getText()).isEqualTo("0.50");
				browser.screenshot("desk-filtered-desktop", Browser.DESKTOP);
				browser.follow(held.findElement(By.cssSelector("td a")));

				// the case: its source row, its card's trace, and the forms finance A may
				// use
				caseUrl = browser.driver().getCurrentUrl();
				assertThat(caseUrl).matches(".*/desk/\\d+");
				assertThat(browser.find(By.id("case")).getText()).contains("taps_BJBUS_20261016_01.csv:4",
						"3104134470288174696");
				// the other copy holds the card_seq and is paid: said before the release
				assertThat(browser.find(By.id("accepted-copy")).getText()).contains("taps_BJBUS_20261016_01.csv 第 3 行",
						"已付款给 BJBUS", "否则请以“拒付”关闭");
				amount = browser.find(By.cssSelector("#case dd.amount")).getText();
				assertThat(amount).isEqualTo("0.50");
				assertThat(browser.find(By.id("source-row")).getText()).contains("charged_yuan", "0.50");
				assertThat(browser.find(By.cssSelector("#trace pre")).getAttribute("textContent"))
					.contains("card 3104134470288174696", "taps_BJBUS_20261016_01.csv:4");
				assertThat(browser.findAll(By.id("action-approve-release"))).isEmpty();
				assertThat(browser.driver().getPageSource()).doesNotContain("??");
				browser.screenshot("desk-case-desktop", Browser.DESKTOP);
				browser.screenshot("desk-case-phone", Browser.PHONE);
				// on a phone the trace keeps its lines whole and scrolls inside its box,
				// not the page
				assertThat(browser.overflowAt(Browser.PHONE)).isLessThanOrEqualTo(0);
				assertThat(browser.find(By.cssSelector("#trace pre")).getCssValue("white-space")).isEqualTo("pre");
				browser.driver().manage().window().setSize(Browser.PHONE);
				((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView();",
						browser.find(By.id("trace")));
				browser.screenshot("desk-case-trace-phone", Browser.PHONE);

				// a close with a blank note is refused: said in the close form, the page
				// opened there, the resolution chosen kept
				new Select(browser.find(By.cssSelector("#action-close select"))).selectByValue("WRITTEN_OFF");
				browser.find(By.cssSelector("#action-close textarea[name=note]")).sendKeys(" ");
				browser.follow(browser.find(By.cssSelector("#action-close button[type=submit]")));
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(caseUrl + "#action-close");
				assertThat(browser.find(By.cssSelector("#action-close #flash")).getText()).contains("关闭");
				assertThat(new Select(browser.find(By.cssSelector("#action-close select"))).getFirstSelectedOption()
					.getAttribute("value")).isEqualTo("WRITTEN_OFF");
				browser.driver().manage().window().setSize(Browser.PHONE);
				((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView();",
						browser.find(By.id("action-close")));
				browser.screenshot("desk-refused-phone", Browser.PHONE);

				// requests the release with a note
				browser.find(By.cssSelector("#action-request-release textarea[name=note]"))
					.sendKeys("BJBUS shows two real boardings on this card:\npay BJBUS");
				browser.follow(browser.find(By.cssSelector("#action-request-release button[type=submit]")));
				assertThat(browser.driver().getCurrentUrl()).isEqualTo(caseUrl);
				assertThat(browser.find(By.id("flash")).getText()).contains("申请放款", "待批准放款");
				assertThat(browser.find(By.id("case-state")).getText()).isEqualTo("待批准放款");
				assertThat(browser.findAll(By.id("action-approve-release"))).isEmpty();
				// the requester may withdraw the request, and the button says so
				assertThat(browser.find(By.cssSelector("#action-reject-release h3")).getText()).isEqualTo("撤回放款申请");
				assertThat(browser.find(By.id("trail")).getText()).contains("fin-wang", "pay BJBUS");
				// the note as it was written: its line break kept (finance.md)
				assertThat(browser.find(By.id("trail")).getText()).contains("on this card:\npay BJBUS");
				browser.screenshot("desk-requested-desktop", Browser.DESKTOP);
			}

			try (Browser browser = Browser.open(port, downloads, "en")) {
				// Finance B notes the date's settlement, then approves on the case's
				// page.
				browser.signIn("fin-zhou", PASSWORD_B);
				browser.open("/finance/settlements/" + DATE);
				assertThat(version(browser)).isEqualTo("Version 1");
				BigDecimal before = payable(browser);

				browser.driver().get(caseUrl);
				assertThat(browser.find(By.cssSelector("#action-reject-release h3")).getText())
					.isEqualTo("Reject release");
				assertThat(browser.find(By.id("case-state")).getText()).isEqualTo("Release requested");
				assertThat(browser.find(By.id("case")).getText()).contains("fin-wang");
				browser.screenshot("desk-approve-desktop", Browser.DESKTOP);
				browser.screenshot("desk-approve-phone", Browser.PHONE);
				browser.followWhenStill(browser.find(By.cssSelector("#action-approve-release button[type=submit]")));
				assertThat(browser.find(By.id("flash")).getText()).contains("Approve release", "Closed");
				assertThat(browser.find(By.id("case-state")).getText()).isEqualTo("Closed");
				assertThat(browser.find(By.id("case")).getText()).contains("Released (paid)");
				// paid from the next settlement of its date: none was published since
				assertThat(browser.find(By.id("release-next")).getText()).startsWith("Paid from the next settlement");
				String casePage = browser.driver().getCurrentUrl();
				assertThat(browser.find(By.id("trail")).getText()).contains("fin-wang", "fin-zhou", "Approve release");
				assertThat(browser.findAll(By.cssSelector("#actions form"))).isEmpty();
				scrollTo(browser, "trail");
				browser.screenshot("desk-trail-desktop", Browser.DESKTOP);
				scrollTo(browser, "trail");
				browser.screenshot("desk-trail-phone", Browser.PHONE);

				// the settle job for that date publishes version 2, paying the tap
				assertThat(cardops("run", "settle", "--date", DATE).summary())
					.startsWith("job=settle date=" + DATE + " status=COMPLETED version=2");
				browser.open("/finance/settlements/" + DATE);
				assertThat(version(browser)).isEqualTo("Version 2");
				assertThat(payable(browser)).isEqualByComparingTo(before.add(new BigDecimal(amount)));
				browser.screenshot("desk-settlement-v2-desktop", Browser.DESKTOP);
				// the case now names the version that paid it, linking the date
				browser.driver().get(casePage);
				assertThat(browser.findAll(By.id("release-next"))).isEmpty();
				WebElement paid = browser.find(By.id("release-paid"));
				assertThat(paid.getText())
					.startsWith("Paid in version 2 of the settlement of " + DATE + ", published ");
				assertThat(paid.getAttribute("href")).endsWith("/finance/settlements/" + DATE);

				// a later night reconciled with nothing in question is the latest night,
				// and the desk says it raised no case before showing the latest that did
				Files.createDirectories(this.work.resolve("inbox"));
				CliResult quiet = cardops("run", "reconcile", "--date", "2026-11-30");
				assertThat(quiet.summary()).as(quiet.out() + quiet.err())
					.startsWith("job=reconcile date=2026-11-30 status=NOOP");
				browser.open("/desk?lang=zh-CN");
				assertThat(browser.find(By.cssSelector("#night h2")).getText()).isEqualTo("2026-11-30（最近对账的一晚）没有案件");
				assertThat(browser.find(By.cssSelector("#night p")).getText()).startsWith("最近的案件是 2026-10-");
				assertThat(browser.findAll(By.cssSelector("#night table tbody tr"))).isNotEmpty();
				browser.screenshot("desk-quiet-night-phone", Browser.PHONE);
				// an old link past the last page says so and leads to the last
				browser.open("/desk?page=99");
				assertThat(browser.find(By.cssSelector("#cases p.message.error")).getText())
					.startsWith("没有第 100 页：列表共 1 页。");
				scrollTo(browser, "cases");
				browser.screenshot("desk-past-end-phone", Browser.PHONE);
				browser.follow(browser.find(By.cssSelector("#cases p.message.error a")));
				assertThat(browser.findAll(By.cssSelector("table.cases tbody tr"))).isNotEmpty();
			}
		}
	}

	private static void scrollTo(Browser browser, String id) {
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView();",
				browser.find(By.id(id)));
	}

	private static String version(Browser browser) {
		return browser.find(By.cssSelector("main section.card h2 span")).getText();
	}

	/** The latest version's payable: the first figure of the first version's totals. */
	private static BigDecimal payable(Browser browser) {
		return new BigDecimal(browser.find(By.cssSelector("main section.card table tbody td.num")).getText());
	}

}
