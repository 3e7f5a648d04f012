package io.cardops.portal.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board shows a run's files by name: the server's folders stay on the command line.
 */
class OpsViewTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = {
					"date=2026-09-01 file=/srv/cardops/data/uploads/7/roster_UCAS_20260901.csv institution=UCAS"
							+ "|date=2026-09-01 file=roster_UCAS_20260901.csv institution=UCAS",
					"rejects_file=C:\\cardops\\outbox\\rejects.csv|rejects_file=rejects.csv",
					"rejects_file=data/outbox/2026-09-01/rejects.csv|rejects_file=rejects.csv",
					"rows=3 rejects_file=data\\outbox\\rejects.csv dropped=0|rows=3 rejects_file=rejects.csv dropped=0",
					"rule=BUS/STUDENT|rule=BUS/STUDENT", "date=2026-10-13|date=2026-10-13",
					"file=/top.csv|file=/top.csv", "file=top.csv|file=top.csv" })
	void pathsBecomeFileNames(String shown, String expected) {
		assertThat(OpsView.fileNames(shown)).isEqualTo(expected);
	}

	@Test
	void nothingIsEmpty() {
		assertThat(OpsView.fileNames(null)).isEmpty();
	}

}
