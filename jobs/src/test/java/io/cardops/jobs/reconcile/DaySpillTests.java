package io.cardops.jobs.reconcile;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.domain.ledger.TapType;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.TravelMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load's spill sort: each partition's rows come back in the judging's order, merged
 * from many run files, field for field as they went in; a rejected file's rows are left
 * out; a row the database would not keep as it came makes the sort stand for nothing.
 */
class DaySpillTests {

	private static final LocalDate DATE = LocalDate.of(2026, 10, 12);

	@TempDir
	Path work;

	@Test
	void eachPartitionComesBackInTheJudgingsOrderAcrossManyRuns() {
		Random random = new Random(3);
		List<LedgerRow> rows = new ArrayList<>();
		for (String file : List.of("taps_BJMTR_20261012_01.csv", "recharges_HEBAO_20261012_01.csv",
				"taps_BJBUS_20261012_01.csv")) {
			for (int line = 2; line < 400; line++) {
				rows.add(row(file, line, "1000113" + String.format("%012d", random.nextInt(60)), random.nextInt(9) + 1,
						file.startsWith("taps")));
			}
		}
		Path folder = this.work.resolve("sort");
		try (DaySpill spill = new DaySpill(DATE, 3, 50, folder)) {
			rows.forEach(spill::add);
			// the third file was rejected after its rows were read: it is never counted
			// in
			List.of("taps_BJMTR_20261012_01.csv", "recharges_HEBAO_20261012_01.csv").forEach(spill::loaded);

			assertThat(folder.toFile().list()).as("the rows went to run files").hasSizeGreaterThan(3 * 10);
			for (int part = 0; part < 3; part++) {
				int wanted = part;
				List<LedgerRow> expected = rows.stream()
					.filter((row) -> !row.sourceFile().startsWith("taps_BJBUS"))
					.filter((row) -> LedgerJudge.partOf(row.cardNo(), 3) == wanted)
					.sorted(DaySpill.ORDER)
					.toList();
				assertThat(read(spill, part)).as("partition %d", part).isNotEmpty().containsExactlyElementsOf(expected);
				assertThat(read(spill, part)).as("read again").hasSameSizeAs(expected);
			}
			assertThat(spill.holds(DATE, 3, List.of("recharges_HEBAO_20261012_01.csv", "taps_BJMTR_20261012_01.csv")))
				.isTrue();
			assertThat(spill.holds(DATE, 3, List.of("taps_BJMTR_20261012_01.csv"))).as("another set of files")
				.isFalse();
			Set<String> loaded = Set.of("recharges_HEBAO_20261012_01.csv", "taps_BJMTR_20261012_01.csv");
			assertThat(spill.holds(DATE, 2, loaded)).as("another split").isFalse();
			assertThat(spill.holds(DATE.plusDays(1), 3, loaded)).as("another date").isFalse();
		}
		assertThat(folder).as("closing removes the run files").doesNotExist();
	}

	@Test
	void aRowTheDatabaseWouldNotKeepAsItCameMakesTheSortStandForNothing() {
		try (DaySpill finer = new DaySpill(DATE, 2, 10, this.work.resolve("finer"));
				DaySpill shorter = new DaySpill(DATE, 2, 10, this.work.resolve("shorter"))) {
			LedgerRow row = row("taps_BJMTR_20261012_01.csv", 2, "1000113000000000001", 1, true);
			finer.add(row);
			// PostgreSQL keeps microseconds: a nanosecond would be rounded away there
			finer.add(new LedgerRow(true, row.sourceFile(), 3, DATE, row.partner(), "T", row.cardNo(), 2,
					row.at().plusNanos(1), row.mode(), row.tapType(), row.fullFareFen(), row.chargedFen(),
					row.discount(), null, row.balanceAfterFen()));
			finer.loaded(row.sourceFile());
			shorter.add(row("taps_BJMTR_20261012_01.csv", 2, "1000113", 1, true));
			shorter.loaded(row.sourceFile());

			assertThat(finer.holds(DATE, 2, Set.of(row.sourceFile()))).isFalse();
			assertThat(shorter.holds(DATE, 2, Set.of(row.sourceFile()))).isFalse();
		}
	}

	@Test
	void aSortThatCannotWriteItsRunsStandsForNothingAndStopsNothing() throws Exception {
		// the sort's folder cannot be made: a file is in its place
		Path blocked = java.nio.file.Files.writeString(this.work.resolve("blocked"), "not a folder");
		try (DaySpill spill = new DaySpill(DATE, 2, 5, blocked.resolve("sort"))) {
			for (int line = 2; line < 40; line++) {
				spill.add(row("taps_BJMTR_20261012_01.csv", line, "1000113000000000001", line, true));
			}
			spill.loaded("taps_BJMTR_20261012_01.csv");

			assertThat(spill.holds(DATE, 2, Set.of("taps_BJMTR_20261012_01.csv"))).isFalse();
		}
	}

	@Test
	void aSortFolderThatCannotBeMadeLeavesTheLoadWithoutASortAndStopsNothing() throws Exception {
		// cardops.reconcile.sort-directory names a place under a file
		Path blocked = java.nio.file.Files.writeString(this.work.resolve("blocked"), "not a folder");
		DaySpills spills = new DaySpills();

		assertThat(spills.open(7, DATE, 2, new ReconcileSettings(true, 5, blocked.resolve("sort").toString())))
			.isNull();
		assertThat(spills.of(7)).isEmpty();
		// and a folder that can be made gets a sort of its own, gone once the job ends
		DaySpill spill = spills.open(8, DATE, 2, new ReconcileSettings(true, 5, this.work.resolve("ok").toString()));
		assertThat(spill).isNotNull();
		assertThat(spills.of(8)).containsSame(spill);
		spills.destroy();
		assertThat(this.work.resolve("ok")).isEmptyDirectory();
	}

	private static List<LedgerRow> read(DaySpill spill, int part) {
		List<LedgerRow> read = new ArrayList<>();
		try (DaySpill.Rows rows = spill.rows(part)) {
			while (rows.hasNext()) {
				read.add(rows.next());
			}
		}
		return read;
	}

	private static LedgerRow row(String file, int line, String cardNo, long cardSeq, boolean tap) {
		Instant at = Instant.parse("2026-10-12T00:15:30Z").plusSeconds(line * 7L);
		String partner = file.split("_")[1];
		return tap ? new LedgerRow(true, file, line, DATE, partner, "T", cardNo, cardSeq, at, TravelMode.METRO,
				(line % 2 == 0) ? TapType.ENTRY : TapType.EXIT, 300L, 150L, Discount.STUDENT, null, 1000L + line)
				: new LedgerRow(true, file, line, DATE, partner, "R", cardNo, cardSeq, at, null, null, null, null, null,
						5000L, 6000L + line);
	}

}
