package io.cardops.app.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.SchedulerException;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tests of a {@code cardops serve} node opened in this JVM on the test's database and
 * folders, with the nightly chain as built on this branch; the node is closed before the
 * database is dropped.
 */
abstract class NodeTestSupport extends CliTestSupport {

	ConfigurableApplicationContext node;

	@BeforeEach
	void chainAsBuiltOnThisBranch() {
		System.setProperty("cardops.chain.steps", ScheduleFixtures.STEPS);
	}

	@AfterEach
	void stopNode() {
		System.clearProperty("cardops.chain.steps");
		if (this.node != null) {
			this.node.close();
		}
	}

	/**
	 * Opens the node, registers its schedules and starts its scheduler, as
	 * {@code cardops serve} does.
	 * @return the node's HTTP port
	 */
	int startNode() throws SchedulerException {
		this.node = ServeCommand.open(session(), 0);
		ServeCommand.start(session(), this.node);
		return port();
	}

	int port() {
		return ((WebServerApplicationContext) this.node).getWebServer().getPort();
	}

}
