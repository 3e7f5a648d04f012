package io.cardops.schedules.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.cardops.schedules.CardopsApplication;

/**
 * What one invocation of the command line works with: the global options, the output
 * streams, the environment, and the Spring context it opens when a command needs the
 * database.
 */
public final class Session {

	private final GlobalOptions options;

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	Session(GlobalOptions options, PrintStream out, PrintStream err, Map<String, String> environment) {
		this.options = options;
		this.out = out;
		this.err = err;
		this.environment = environment;
	}

	PrintStream out() {
		return this.out;
	}

	PrintStream err() {
		return this.err;
	}

	GlobalOptions options() {
		return this.options;
	}

	/**
	 * The folder the application was installed in (the repository root when run through
	 * {@code ./cardops}).
	 * @return the home folder
	 */
	Path home() {
		return Path.of(System.getProperty("cardops.home", "."));
	}

	/**
	 * Opens the application on the chosen database (migrating its schema).
	 * @return the running context; close it when done
	 * @throws GlobalOptions.UsageException when PostgreSQL is chosen without an
	 * identity-number key
	 */
	ConfigurableApplicationContext open() {
		return open(null);
	}

	/**
	 * Opens the application with an inbox of the caller's choosing (the demo reads the
	 * sample inbox).
	 * @param inbox the inbox folder, or null for {@code --inbox} or the default
	 * @return the running context; close it when done
	 */
	ConfigurableApplicationContext open(Path inbox) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", this.options.db());
		String key = this.environment.getOrDefault("CARDOPS_ID_KEY", System.getProperty("cardops.id-key"));
		if (key != null && !key.isBlank()) {
			properties.put("cardops.id-key", key);
		}
		if (this.options.embedded()) {
			properties.put("spring.datasource.username", "sa");
			properties.put("spring.datasource.password", "");
			if (key == null || key.isBlank()) {
				this.err
					.println("warning: CARDOPS_ID_KEY is not set; identity numbers are hashed with the development key"
							+ " (allowed only for the embedded database)");
			}
		}
		else {
			if (key == null || key.isBlank()) {
				throw new GlobalOptions.UsageException("CARDOPS_ID_KEY is not set: a PostgreSQL run needs the secret"
						+ " that keys the hash of identity numbers (export CARDOPS_ID_KEY=...)");
			}
			copy("CARDOPS_DB_USER", "spring.datasource.username", properties);
			copy("CARDOPS_DB_PASSWORD", "spring.datasource.password", properties);
		}
		Path chosenInbox = (inbox != null) ? inbox : this.options.inbox();
		if (chosenInbox != null) {
			properties.put("cardops.inbox", chosenInbox.toString());
		}
		if (this.options.outbox() != null) {
			properties.put("cardops.outbox", this.options.outbox().toString());
		}
		SpringApplication application = new SpringApplication(CardopsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("cardops-command-line", properties)));
		return application.run();
	}

	private void copy(String variable, String property, Map<String, Object> properties) {
		String value = this.environment.get(variable);
		if (value != null) {
			properties.put(property, value);
		}
	}

}
