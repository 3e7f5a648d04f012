package io.cardops.app.cli;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserSmokeIntegrationTests extends CliTestSupport {

	@Test
	void chromiumOpensTheNodesHealth() throws Exception {
		assertThat(cardops("schedules").code()).isZero();
		try (ConfigurableApplicationContext node = ServeCommand.open(session(), 0)) {
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			try (Browser browser = Browser.open(port, this.work, "zh-CN")) {
				browser.open("/actuator/health");
				assertThat(browser.find(By.tagName("body")).getText()).contains("UP");
				browser.screenshot("smoke", Browser.PHONE);
			}
		}
	}

}
