package io.cardops.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.readers.inbox.InboxFileName;
import io.cardops.readers.roster.RosterFileName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample data's nights run through the real jobs up to a date, as the demo runs them:
 * the reference data, the roster uploads of {@code sample-data/roster-uploads.csv}, every
 * card-events date, then reconciliation of every ledger date.
 */
public final class SampleNights {

	/** The repository's sample data. */
	public static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	private SampleNights() {
	}

	/**
	 * Runs the jobs over the sample inbox up to a date, each one required to complete.
	 * @param context the jobs
	 * @param last the last date run
	 * @throws IOException when the samples cannot be read
	 */
	public static void runUntil(JobsContext context, LocalDate last) throws IOException {
		context.bean(ReferenceDataService.class).load(SAMPLES.resolve("reference"));
		Path inbox = SAMPLES.resolve("inbox");
		JobRunner jobs = context.bean(JobRunner.class);
		List<String> manifest = Files.readAllLines(SAMPLES.resolve("roster-uploads.csv"), StandardCharsets.UTF_8);
		for (String line : manifest.subList(1, manifest.size())) {
			String[] fields = line.split(",");
			Path file = inbox.resolve(fields[0]);
			RosterFileName name = RosterFileName.parse(file).orElseThrow();
			if (!name.date().isAfter(last)) {
				jobs.run(JobName.ROSTER_IMPORT, new RosterImportRequest(file, name.institution(), name.date(),
						java.nio.charset.Charset.forName(fields[1]), "Y".equals(fields[2]))
					.toParameters());
			}
		}
		TreeSet<LocalDate> events = new TreeSet<>();
		TreeSet<LocalDate> ledger = new TreeSet<>();
		try (Stream<Path> files = Files.list(inbox)) {
			files.map(InboxFileName::parse).flatMap(java.util.Optional::stream).forEach((name) -> {
				if (!name.date().isAfter(last)) {
					(name.kind().equals("cardevents") ? events : ledger).add(name.date());
				}
			});
		}
		for (LocalDate date : events) {
			run(jobs, JobName.CARD_EVENTS, date);
		}
		for (LocalDate date : ledger) {
			run(jobs, JobName.RECONCILE, date);
		}
	}

	/**
	 * Runs a job of a date, required to complete (or find nothing new).
	 * @param jobs the runner
	 * @param job the job
	 * @param date the date
	 * @return the result
	 */
	public static JobRunner.RunResult run(JobRunner jobs, JobName job, LocalDate date) {
		JobRunner.RunResult result = jobs.run(job, Map.of("date", date.toString()));
		assertThat(result.outcome()).as(job + " " + date + ": " + result.message())
			.isIn(RunOutcome.COMPLETED, RunOutcome.NOOP);
		return result;
	}

}
