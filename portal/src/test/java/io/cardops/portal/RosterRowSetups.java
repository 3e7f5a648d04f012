package io.cardops.portal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterUploads;
import io.cardops.jobs.roster.Uploader;
import io.cardops.jobs.support.JobRunner;

/**
 * The role table's setups for the roster endpoints: an upload of PKU with rejects
 * ({@code {upload}}), and the renewal lists of 2026 published.
 */
final class RosterRowSetups {

	private static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	private RosterRowSetups() {
	}

	/**
	 * PKU's sample roster uploaded once (it has rejected rows).
	 * @param test the running test
	 * @return {@code upload}: its id
	 * @throws Exception when it cannot be uploaded
	 */
	static Map<String, String> upload(PortalTestSupport test) throws Exception {
		Long found = test.jdbc
			.sql("SELECT MIN(upload_id) FROM roster_upload WHERE institution = 'PKU' AND rejects_name IS NOT NULL")
			.query(Long.class)
			.optional()
			.orElse(null);
		if (found == null) {
			try (InputStream in = Files.newInputStream(SAMPLES.resolve("inbox/roster_PKU_20260825.csv"))) {
				found = test.context.getBean(RosterUploads.class)
					.accept(in, "roster_PKU_20260825.csv", "GB18030", new Uploader("setup", "test", "PKU"))
					.id();
			}
		}
		return Map.of("upload", Long.toString(found));
	}

	/**
	 * The renewal window of 2026 opened and its lists published.
	 * @param test the running test
	 * @return no placeholders
	 */
	static Map<String, String> renewal(PortalTestSupport test) {
		if (test.jdbc.sql("SELECT COUNT(*) FROM renewal_window WHERE window_year = 2026")
			.query(Long.class)
			.single() == 0) {
			test.context.getBean(JobRunner.class).run(JobName.OPEN_RENEWAL, Map.of("date", "2026-08-01"));
		}
		return Map.of();
	}

}
