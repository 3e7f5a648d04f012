package io.cardops.portal.ops;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cardops.jobs.JobName;
import io.cardops.jobs.runs.RunView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API tells a run's files by name, as the pages do: the server's folders stay on the
 * command line.
 */
class RunJsonTests {

	@Test
	void aRunsFilesAreNamedWithoutTheServersFolders() {
		RunView run = new RunView(7, JobName.ROSTER_IMPORT, "rosterImportJob", "COMPLETED", null, null, null,
				"charset=UTF-8 date=2026-11-02 file=/srv/cardops/data/uploads/7/roster_UCAS_20261102.csv force=false"
						+ " institution=UCAS",
				"rows=3 rejects_file=/srv/cardops/data/outbox/2026-11-02/roster_rejects_UCAS_20261102.csv", null,
				List.of(), null);

		RunJson json = RunJson.of(run);

		assertThat(json.businessKey())
			.isEqualTo("charset=UTF-8 date=2026-11-02 file=roster_UCAS_20261102.csv force=false institution=UCAS");
		assertThat(json.summary()).isEqualTo("rows=3 rejects_file=roster_rejects_UCAS_20261102.csv");
	}

}
