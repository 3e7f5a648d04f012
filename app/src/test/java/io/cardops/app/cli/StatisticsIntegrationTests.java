package io.cardops.app.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.cardops.jobs.support.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The batch statements' PostgreSQL housekeeping, against a real server: a BRIN index's
 * page ranges are summarized in the writing transaction, not months later by autovacuum.
 */
class StatisticsIntegrationTests {

	@TempDir
	Path folder;

	private TestDatabase database;

	@BeforeEach
	void createDatabase() throws Exception {
		assumeTrue(TestDatabase.postgres(), "BRIN indexes are PostgreSQL's");
		this.database = TestDatabase.create(this.folder);
	}

	@AfterEach
	void dropDatabase() throws Exception {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void summarizeLeavesNoPageRangeOfABrinIndexUnsummarized() throws Exception {
		Statistics statistics = new Statistics(this.database.sql(), this.database.dataSource());
		for (String table : new String[] { "summarized", "left_alone" }) {
			// 50,000 rows of 200 characters: about 1,400 pages, eleven ranges of 128.
			this.database.sql()
				.sql("CREATE TABLE " + table + " (day DATE NOT NULL, filler VARCHAR(200) NOT NULL)")
				.update();
			this.database.sql().sql("CREATE INDEX " + table + "_by_day ON " + table + " USING brin (day)").update();
			this.database.sql()
				.sql("INSERT INTO " + table
						+ " SELECT DATE '2026-10-12' + (n / 10000), repeat('x', 200) FROM generate_series(1, 50000) n")
				.update();
		}

		statistics.summarize("summarized_by_day");

		assertThat(summarizeNewValues(this.database.sql(), "summarized_by_day")).isZero();
		assertThat(summarizeNewValues(this.database.sql(), "left_alone_by_day")).isGreaterThan(5);
	}

	private static int summarizeNewValues(JdbcClient sql, String index) {
		return sql.sql("SELECT brin_summarize_new_values(CAST(:index AS regclass))")
			.param("index", index)
			.query(Integer.class)
			.single();
	}

}
