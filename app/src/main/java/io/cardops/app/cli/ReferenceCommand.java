package io.cardops.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.reference.ReferenceDataService.Loaded;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.readers.csv.InboundFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops reference load [--dir D]}.
 */
@Command(name = "reference", description = "Reference data commands.", subcommands = {},
		mixinStandardHelpOptions = true)
final class ReferenceCommand implements Runnable {

	private final Session session;

	ReferenceCommand(Session session) {
		this.session = session;
	}

	@Override
	public void run() {
		throw new GlobalOptions.UsageException("reference needs a command: reference load [--dir D]");
	}

	@Command(name = "load", description = "Loads partners.csv and fare_rules.csv (default sample-data/reference).",
			mixinStandardHelpOptions = true)
	Integer load(@Option(names = "--dir", paramLabel = "D",
			description = "folder holding partners.csv and fare_rules.csv") Path dir) {
		Path folder = (dir != null) ? dir : this.session.home().resolve("sample-data/reference");
		if (!Files.isDirectory(folder)) {
			throw new GlobalOptions.UsageException("reference folder not found: " + folder);
		}
		try (ConfigurableApplicationContext context = this.session.open()) {
			return load(this.session, context, folder);
		}
	}

	static int load(Session session, ConfigurableApplicationContext context, Path folder) {
		try {
			Loaded loaded = context.getBean(ReferenceDataService.class).load(folder);
			loaded.warnings().forEach((warning) -> session.err().println("warning: " + warning));
			session.out().println(loaded.line(folder));
			return 0;
		}
		catch (InboundFileException ex) {
			session.err().println(ex.getMessage());
			session.out().println(Loaded.line(RunOutcome.REJECTED, folder));
			return 3;
		}
	}

}
