package io.cardops.app.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, finding 6: a wrong {@code CARDOPS_ID_KEY} was accepted silently, so a roster
 * imported under another key hashed every student differently. Each test reproduces the
 * finding as the issue describes it.
 */
class HostileKeyIntegrationTests extends CliTestSupport {

	private static final String OTHER_KEY = "another-key-of-the-same-length!";

	@Test
	void aCommandUnderAnotherKeyThanTheRosterWasImportedWithIsRefused() {
		// given: a roster imported under key A
		loadReference();
		assertThat(cardops("run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString()).code())
			.isZero();
		String hashes = hashes();

		// when: the next upload comes under key B
		CliResult result = cardopsWith(Map.of("CARDOPS_ID_KEY", OTHER_KEY), "run", "roster-import", "--file",
				sample("roster_BJTU_20260826.csv").toString());

		// then: refused as wrong usage, naming the setting, and nothing is hashed under B
		assertThat(result.code()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).startsWith("cardops: CARDOPS_ID_KEY does not match the key this database's identity"
				+ " hashes were made with (check value recorded ");
		assertThat(result.out()).isEmpty();
		assertThat(hashes()).isEqualTo(hashes);
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM roster_import").query(Long.class).single())
			.isEqualTo(1);
	}

	private String hashes() {
		return String.join(",",
				this.database.sql()
					.sql("SELECT institution || ':' || COUNT(*) FROM roster_entry e JOIN roster_import i"
							+ " ON i.import_id = e.import_id GROUP BY institution ORDER BY institution")
					.query(String.class)
					.list());
	}

}
