package io.cardops.schedules.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.readers.roster.RosterFileName;
import picocli.CommandLine.Command;

/**
 * {@code cardops demo}: loads the sample reference data and runs every job on the sample
 * inbox in calendar order, printing each run's summary line.
 *
 * <p>
 * Roster uploads come with what the university declared at upload time (charset, force);
 * the sample keeps those declarations in {@code sample-data/roster-uploads.csv}, in
 * upload order.
 */
@Command(name = "demo", description = "Runs every job on the sample data (embedded database by default).",
		mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

	private final Session session;

	DemoCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws IOException {
		Path samples = this.session.home().resolve("sample-data");
		Path inbox = (this.session.options().inbox() != null) ? this.session.options().inbox()
				: samples.resolve("inbox");
		if (!Files.isDirectory(inbox)) {
			throw new GlobalOptions.UsageException(
					"sample inbox not found: " + inbox + " (run ./cardops from the repository root)");
		}
		try (ConfigurableApplicationContext context = this.session.open()) {
			this.session.out().println("== reference data");
			if (ReferenceCommand.load(this.session, context, samples.resolve("reference")) != 0) {
				return 3;
			}
			JobRunner runner = context.getBean(JobRunner.class);
			boolean failed = false;
			this.session.out().println("== roster uploads (sample-data/roster-uploads.csv)");
			try (Reader manifest = Files.newBufferedReader(samples.resolve("roster-uploads.csv"),
					StandardCharsets.UTF_8)) {
				for (CSVRecord upload : CSVFormat.RFC4180.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.get()
					.parse(manifest)) {
					Path file = inbox.resolve(upload.get("file"));
					RosterFileName name = RosterFileName.parse(file)
						.orElseThrow(() -> new IllegalStateException("bad sample file name " + file));
					this.session.out().println("-- " + upload.get("file") + ": " + upload.get("why"));
					RosterImportRequest request = new RosterImportRequest(file, name.institution(), name.date(),
							Charset.forName(upload.get("charset")), "Y".equals(upload.get("force")));
					JobRunner.RunResult result = runner.run(JobName.ROSTER_IMPORT, request.toParameters());
					failed |= result.outcome() == RunOutcome.FAILED;
					RunReport.print(this.session, JobName.ROSTER_IMPORT, name.date(), result);
				}
			}
			Path outbox = context.getBean(CardopsProperties.class).outbox();
			this.session.out().println("== done; published files are under " + outbox.toAbsolutePath().normalize());
			return failed ? 1 : 0;
		}
	}

}
