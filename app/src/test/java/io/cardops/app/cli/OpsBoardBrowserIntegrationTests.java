package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations board in a real browser: an OPS account signs in, lands on the board,
 * pauses the nightly chain and resumes it, triggers it for a night of the sample data and
 * sees the run; screenshots at a laptop's and a phone's size.
 */
class OpsBoardBrowserIntegrationTests extends NodeTestSupport {

	private static final LocalDate DATE = LocalDate.of(2026, 9, 3);

	private static final String PASSWORD = "correct-horse-battery";

	@Test
	void opsPausesResumesAndTriggersTheChainFromTheBoard() throws Exception {
		assertThat(cardops("schedules").code()).as("creates the schema").isZero();
		ScheduleFixtures.night(this.work.resolve("inbox"), DATE);
		int port = startNode();
		this.node.getBean(Accounts.class).add(new Actor("tester", "cli"), "ops-zhao", Role.OPS, null, PASSWORD);
		Path downloads = Files.createDirectories(this.work.resolve("downloads"));
		try (Browser browser = Browser.open(port, downloads, "zh-CN")) {
			// signs in and lands on the board
			browser.signIn("ops-zhao", PASSWORD);
			assertThat(browser.driver().getCurrentUrl()).endsWith("/ops");
			assertThat(state(browser)).isEqualTo("NORMAL");

			// pauses the nightly chain, then resumes it
			browser.follow(browser.find(By.cssSelector("#schedule-nightly-chain button.pause")));
			assertThat(browser.find(By.id("flash")).getText()).contains("nightly-chain");
			assertThat(state(browser)).isEqualTo("PAUSED");
			browser.follow(browser.find(By.cssSelector("#schedule-nightly-chain button.resume")));
			assertThat(state(browser)).isEqualTo("NORMAL");

			// the schedules other than the chain offer the day they run for: the expiry
			// today, the renewal window today from July 30 on, else the last July 30
			LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
			LocalDate renewal = LocalDate.of(today.getYear(), 7, 30);
			assertThat(browser.find(By.id("date-expire-cards")).getAttribute("value")).isEqualTo(today.toString());
			assertThat(browser.find(By.id("date-open-renewal")).getAttribute("value"))
				.isEqualTo((today.isBefore(renewal) ? renewal.minusYears(1) : today).toString());

			// the two runs that cannot be taken back ask for a tick first; the chain does
			// not
			for (String oneWay : new String[] { "open-renewal", "expire-cards" }) {
				WebElement tick = browser
					.find(By.cssSelector("#schedule-" + oneWay + " form.trigger input[name=confirm]"));
				assertThat(tick.getAttribute("required")).isNotNull();
				assertThat(tick.isSelected()).isFalse();
			}
			assertThat(browser.find(By.cssSelector("#schedule-open-renewal form.trigger label.confirm")).getText())
				.contains("不能撤回");
			assertThat(browser.findAll(By.cssSelector("#schedule-nightly-chain input[name=confirm]"))).isEmpty();

			// a night still to come is refused beside the chain's form, which the board
			// opens at, the date typed kept to correct
			String tomorrow = today.plusDays(1).toString();
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
					browser.find(By.id("date-nightly-chain")), tomorrow);
			browser.driver().manage().window().setSize(Browser.PHONE);
			browser.follow(browser.find(By.cssSelector("#schedule-nightly-chain form.trigger button")));
			assertThat(browser.driver().getCurrentUrl()).endsWith("/ops#schedule-nightly-chain");
			assertThat(browser.find(By.cssSelector("#schedule-nightly-chain #flash")).getText()).contains(tomorrow);
			assertThat(browser.find(By.id("date-nightly-chain")).getAttribute("value")).isEqualTo(tomorrow);
			browser.screenshot("ops-board-refused-trigger-phone", Browser.PHONE);

			// triggers it for a night of the sample data
			WebElement date = browser.find(By.id("date-nightly-chain"));
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", date,
					DATE.toString());
			browser.follow(browser.find(By.cssSelector("#schedule-nightly-chain form.trigger button")));
			assertThat(browser.find(By.id("flash")).getText()).contains(DATE.toString());
			// the board follows the run it started, reloading itself until it ends
			assertThat(browser.find(By.id("following")).getText()).contains("15");
			assertThat(browser.find(By.id("following")).getAttribute("data-follow-seconds")).isEqualTo("15");
			assertThat(browser.findAll(By.cssSelector("script[src='/js/follow.js']"))).hasSize(1);

			// and sees the run: the chain of that date with its jobs
			new WebDriverWait(browser.driver(), Duration.ofMinutes(3)).pollingEvery(Duration.ofSeconds(1))
				.until((driver) -> {
					driver.navigate().refresh();
					String chain = driver.findElement(By.id("chain")).getText();
					return chain.contains(DATE.toString())
							&& driver.findElements(By.cssSelector("#chain .chain-head .badge.COMPLETED")).size() == 1;
				});
			String runs = browser.find(By.id("runs")).getText();
			assertThat(runs).contains("reconcile", "settle");
			assertThat(browser.findAll(By.id("following"))).as("nothing runs: no reload").isEmpty();
			assertThat(browser.find(By.id("chain")).getText()).contains("settle");
			// each of its runs names its own date (a re-settlement's is an earlier one)
			assertThat(browser.findAll(By.cssSelector("#chain td.params"))).isNotEmpty()
				.allSatisfy((cell) -> assertThat(cell.getText()).contains("date="));
			// started by Run now in the portal (the board or the API: the audit log says
			// which), in the page's language
			assertThat(browser.find(By.id("chain")).getText()).contains("在门户中“立即运行”（看板或 API）").doesNotContain("PORTAL");
			assertThat(browser.findAll(By.cssSelector("#nights div.chart canvas"))).isNotEmpty();
			assertThat(browser.driver().getPageSource()).doesNotContain("??");
			browser.screenshot("ops-board-desktop", Browser.DESKTOP);
			browser.screenshot("ops-board-phone", Browser.PHONE);
			for (String section : new String[] { "schedules", "nights" }) {
				((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView();",
						browser.find(By.id(section)));
				browser.screenshot("ops-board-desktop-" + section, Browser.DESKTOP);
			}

			// a run's page
			browser.follow(browser.find(By.cssSelector("#runs tbody tr a")));
			assertThat(browser.find(By.tagName("h1")).getText()).contains("运行");
			browser.screenshot("ops-run-desktop", Browser.DESKTOP);

			// the chain's own run: one job whose steps are the chain's
			browser.open("/ops");
			browser.follow(browser.find(By.id("chain-run")));
			assertThat(browser.find(By.tagName("h1")).getText()).contains("运行");
			assertThat(browser.find(By.tagName("main")).getText()).contains("nightly-chain", "reference", "rosters",
					"card-events", "reconcile", "settle");
			browser.screenshot("ops-chain-run-desktop", Browser.DESKTOP);
			browser.screenshot("ops-chain-run-phone", Browser.PHONE);

			// a chain stopped by a file where the outbox's folder of its date goes: the
			// reason, with its long path, wraps inside the board on a phone
			LocalDate failed = DATE.plusDays(1);
			Files.writeString(outbox().resolve(failed.format(DateTimeFormatter.BASIC_ISO_DATE)), "in the way");
			// (run from the board: a command line in this JVM would take over the
			// node's Quartz connection provider, kept by scheduler name in a static)
			browser.open("/ops");
			WebElement next = browser.find(By.id("date-nightly-chain"));
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", next,
					failed.toString());
			browser.follow(browser.find(By.cssSelector("#schedule-nightly-chain form.trigger button")));
			new WebDriverWait(browser.driver(), Duration.ofMinutes(2)).pollingEvery(Duration.ofSeconds(1))
				.until((driver) -> {
					driver.navigate().refresh();
					return !driver.findElements(By.id("chain-reason")).isEmpty();
				});
			assertThat(browser.find(By.id("chain-reason")).getText()).contains("move it away");
			browser.driver().manage().window().setSize(Browser.PHONE);
			Object overflow = ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			browser.screenshot("ops-board-failed-phone", Browser.PHONE);
			assertThat(((Number) overflow).longValue()).as("the page scrolls sideways on a phone")
				.isLessThanOrEqualTo(0);
		}
	}

	private static String state(Browser browser) {
		String classes = browser.find(By.cssSelector("#schedule-nightly-chain .badge.state")).getAttribute("class");
		return classes.contains("PAUSED") ? "PAUSED" : classes.contains("NORMAL") ? "NORMAL" : classes;
	}

}
