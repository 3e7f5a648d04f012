package io.cardops.app.cli;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.audit.Actor;
import io.cardops.portal.account.Accounts;
import io.cardops.portal.account.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's sign-in and landing pages in a real Chromium against a {@code cardops
 * serve} node: each role lands on its own page, a refusal never says whether the name
 * exists, a locked account stays locked, the language switch, sign-out; screenshots of
 * the login page and each landing page, on a laptop and a phone, under
 * {@code target/screenshots/} (login-*, landing-*).
 */
class PortalPagesBrowserIntegrationTests extends CliTestSupport {

	private static final String PASSWORD = "correct horse battery";

	private ConfigurableApplicationContext node;

	private Browser browser;

	@BeforeEach
	void startNodeAndBrowser() throws Exception {
		// given: a node on a database holding the sample reference data, one account per
		// role
		loadReference();
		this.node = ServeCommand.open(session(), 0);
		ServeCommand.start(session(), this.node);
		Accounts accounts = this.node.getBean(Accounts.class);
		accounts.add(Actor.commandLine(), "ucas-registry", Role.UNIVERSITY, "UCAS", PASSWORD);
		accounts.add(Actor.commandLine(), "finance-clerk", Role.FINANCE, null, PASSWORD);
		accounts.add(Actor.commandLine(), "ops-watch", Role.OPS, null, PASSWORD);
		int port = ((WebServerApplicationContext) this.node).getWebServer().getPort();
		this.browser = Browser.open(port, this.work, "en");
	}

	@AfterEach
	void stopNodeAndBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void eachRoleSignsInToItsOwnPageAndSignsOut() throws Exception {
		this.browser.open("/login");
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Sign in");
		assertThat(this.browser.find(By.cssSelector(".lang a.current")).getText()).isEqualTo("English");
		this.browser.screenshot("login-desktop", Browser.DESKTOP);
		this.browser.screenshot("login-phone", Browser.PHONE);

		landsOn("ucas-registry", "/university", "Roster uploads", "university");
		landsOn("finance-clerk", "/finance", "Settlement calendar", "finance");
		// the operations board's own heading is its helper's to choose: any label, none
		// missing
		landsOn("ops-watch", "/ops", null, "ops");
	}

	@Test
	void aRefusalSaysTheSameWhetherOrNotTheNameExistsAndALockedAccountStaysLocked() throws Exception {
		// when: a wrong password for a known name, and any password for an unknown one
		String wrongPassword = refusal("finance-clerk", "not the password at all");
		String unknownName = refusal("nobody-here", "not the password at all");

		// then: the same words, which name neither
		assertThat(wrongPassword).isEqualTo(unknownName)
			.isEqualTo("Sign-in refused: the name or password is wrong, or the account is locked or disabled.");
		this.browser.screenshot("login-refused-desktop", Browser.DESKTOP);

		// when: five wrong passwords in a row, then the right one
		for (int i = 2; i <= 5; i++) {
			refusal("finance-clerk", "wrong password number " + i);
		}

		// then: still refused, in the same words
		assertThat(refusal("finance-clerk", PASSWORD)).isEqualTo(unknownName);
		assertThat(this.browser.driver().getCurrentUrl()).endsWith("/login?error");
	}

	@Test
	void theLanguageSwitchTurnsTheLabelsChineseAndBack() throws Exception {
		this.browser.open("/login");
		this.browser.follow(this.browser.find(By.cssSelector(".lang a[lang=zh-CN]")));
		waitForText("h1", "登录");
		assertThat(this.browser.find(By.cssSelector(".lang a.current")).getText()).isEqualTo("中文");
		assertThat(this.browser.find(By.cssSelector("label[for=username]")).getText()).isEqualTo("用户名");
		assertThat(this.browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
		this.browser.screenshot("login-zh-phone", Browser.PHONE);

		// the choice is kept across the sign-in
		this.browser.signIn("ucas-registry", PASSWORD);
		waitForPath("/university");
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("学籍名单上传");
		assertThat(this.browser.find(By.cssSelector(".signout button")).getText()).isEqualTo("退出登录");
		this.browser.screenshot("landing-university-zh-phone", Browser.PHONE);

		this.browser.follow(this.browser.find(By.cssSelector(".lang a[lang=en]")));
		waitForText("h1", "Roster uploads");
		assertThat(this.browser.find(By.cssSelector(".signout button")).getText()).isEqualTo("Sign out");
	}

	/**
	 * Signs in, checks the landing page and its navigation, takes its screenshots, signs
	 * out.
	 */
	private void landsOn(String name, String path, String title, String screenshot) throws Exception {
		// as from a browser of its own: the page the previous person was sent to sign in
		// from would otherwise be where this one lands, when its role may open it
		this.browser.driver().manage().deleteAllCookies();
		this.browser.signIn(name, PASSWORD);
		waitForPath(path);
		String heading = this.browser.find(By.tagName("h1")).getText();
		if (title != null) {
			assertThat(heading).isEqualTo(title);
		}
		// a label missing from the bundles shows as ??key??
		assertThat(heading).isNotBlank();
		assertThat(this.browser.find(By.tagName("body")).getText()).doesNotContain("??");
		assertThat(this.browser.find(By.cssSelector(".who")).getText()).contains(name);
		this.browser.screenshot("landing-" + screenshot + "-desktop", Browser.DESKTOP);
		this.browser.screenshot("landing-" + screenshot + "-phone", Browser.PHONE);

		// a page of another role is refused
		String other = path.equals("/ops") ? "/university" : "/ops";
		this.browser.open(other);
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Not for your account");
		assertThat(this.browser.find(By.tagName("main")).getText()).contains("Your account may not open this page.");
		if (screenshot.equals("university")) {
			this.browser.screenshot("error-forbidden-phone", Browser.PHONE);
		}
		// a page refused for a value says what to change
		if (screenshot.equals("finance")) {
			this.browser.open("/desk/abc");
			assertThat(this.browser.find(By.id("detail")).getText())
				.isEqualTo("What to change: id must be a whole number ('abc' is none).");
			this.browser.screenshot("error-detail-phone", Browser.PHONE);
		}

		// sign-out ends the session: the landing page asks for a sign-in again
		// (the university's through the page an address-bar /logout opens)
		if (screenshot.equals("university")) {
			this.browser.open("/logout");
			assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Sign out");
			this.browser.screenshot("logout-phone", Browser.PHONE);
			this.browser.follow(this.browser.find(By.cssSelector(".signout-confirm button")));
		}
		else {
			this.browser.open(path);
			this.browser.follow(this.browser.find(By.cssSelector(".signout button")));
		}
		waitForPath("/login");
		assertThat(this.browser.find(By.cssSelector(".message")).getText()).isEqualTo("You have signed out.");
		this.browser.open(path);
		waitForPath("/login");
	}

	/** Signs in with a password the portal refuses; returns the message shown. */
	private String refusal(String name, String password) {
		this.browser.signIn(name, password);
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30))
			.until(ExpectedConditions.urlContains("/login?error"));
		List<String> messages = this.browser.findAll(By.cssSelector(".message.error"))
			.stream()
			.map((element) -> element.getText())
			.toList();
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private void waitForPath(String path) {
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30)).until((driver) -> {
			String url = driver.getCurrentUrl();
			String rest = url.substring(url.indexOf('/', "http://".length()));
			return rest.equals(path) || rest.startsWith(path + "?");
		});
	}

	private void waitForText(String selector, String text) {
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBe(By.cssSelector(selector), text));
	}

}
