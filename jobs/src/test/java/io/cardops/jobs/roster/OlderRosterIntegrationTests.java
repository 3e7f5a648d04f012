package io.cardops.jobs.roster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.jobs.JobsContext;
import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster dated before its institution's roster in force never replaces it: refused
 * before it is read, and again when it is applied after a later roster was applied
 * meanwhile (an import restarted at its apply step, a command-line import beside a portal
 * upload); {@code --force} applies it anyway.
 */
class OlderRosterIntegrationTests {

	private static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	@TempDir
	Path work;

	@Test
	void anOlderRosterLoadedBeforeALaterOneWasAppliedIsRejectedWhenItsTurnComes() throws Exception {
		try (JobsContext context = JobsContext.start(this.work, Map.of())) {
			context.bean(ReferenceDataService.class).load(SAMPLES.resolve("reference"));
			RosterImportService rosters = context.bean(RosterImportService.class);
			Path autumn = SAMPLES.resolve("inbox/roster_UCAS_20260825.csv");
			Path next = SAMPLES.resolve("inbox/roster_UCAS_20260905.csv");
			assertThat(rosters.apply(rosters.load(request(autumn, "2026-08-25", false), 1)).outcome())
				.isEqualTo(RunOutcome.COMPLETED);

			// given: September 1 loaded, then September 10 loaded and applied first
			long older = rosters.load(request(copy(next, "roster_UCAS_20260901.csv"), "2026-09-01", false), 2);
			long later = rosters.load(request(copy(next, "roster_UCAS_20260910.csv"), "2026-09-10", false), 3);
			assertThat(rosters.apply(later).outcome()).isEqualTo(RunOutcome.COMPLETED);

			// when: the older one is applied
			RunSummary applied = rosters.apply(older);

			// then: it is refused, and the later one stays in force
			assertThat(applied.outcome()).isEqualTo(RunOutcome.REJECTED);
			assertThat(inForce(context)).isEqualTo("2026-09-10");

			// and: forced, an older roster is applied (the operators' decision)
			long forced = rosters.load(request(autumn, "2026-08-25", true), 4);
			assertThat(rosters.apply(forced).outcome()).isEqualTo(RunOutcome.COMPLETED);
			assertThat(inForce(context)).isEqualTo("2026-08-25");
		}
	}

	private static RosterImportRequest request(Path file, String date, boolean force) {
		return new RosterImportRequest(file, "UCAS", LocalDate.parse(date), StandardCharsets.UTF_8, force);
	}

	private Path copy(Path sample, String name) throws java.io.IOException {
		return Files.copy(sample, this.work.resolve(name));
	}

	private static String inForce(JobsContext context) {
		return context.sql()
			.sql("SELECT file_date FROM roster_current WHERE institution = 'UCAS'")
			.query(LocalDate.class)
			.single()
			.toString();
	}

}
