package io.cardops.portal.settlement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.settle.ClaimToPayable.OperatorClaim;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.settle.SettlementDiff;

/**
 * The JSON answers of the settlement API: field names in snake_case, money as yuan
 * strings in {@code *_yuan} fields, instants with their offset (Asia/Shanghai).
 */
final class SettlementAnswers {

	private static final ZoneId ZONE = AcademicCalendar.ZONE;

	private SettlementAnswers() {
	}

	static OffsetDateTime local(OffsetDateTime instant) {
		return instant.atZoneSameInstant(ZONE).toOffsetDateTime();
	}

	/**
	 * A settled date with its latest version's totals.
	 *
	 * @param clearingDate the clearing date
	 * @param version the latest version
	 * @param versions how many versions the date has
	 * @param publishedAt when the latest version was published
	 * @param payableYuan Σ over operators
	 * @param netReceivableYuan Σ over channels
	 * @param claimableYuan the subsidy fund's
	 */
	record DateEntry(@JsonProperty("clearing_date") LocalDate clearingDate, @JsonProperty("version") int version,
			@JsonProperty("versions") int versions, @JsonProperty("published_at") OffsetDateTime publishedAt,
			@JsonProperty("payable_yuan") String payableYuan,
			@JsonProperty("net_receivable_yuan") String netReceivableYuan,
			@JsonProperty("claimable_yuan") String claimableYuan) {

		static DateEntry of(SettlementBrowser.DateTotals date) {
			return new DateEntry(date.clearingDate(), date.version(), date.versions(), local(date.publishedAt()),
					Yuan.of(date.totals().payableFen()), Yuan.of(date.totals().netReceivableFen()),
					Yuan.of(date.totals().claimableFen()));
		}

	}

	/**
	 * Every version of a date and, per operator, from claim to payable.
	 *
	 * @param clearingDate the clearing date
	 * @param versions the versions, newest first
	 * @param claimToPayable per operator, what it claimed against what it is paid
	 */
	record DateAnswer(@JsonProperty("clearing_date") LocalDate clearingDate,
			@JsonProperty("versions") List<VersionEntry> versions,
			@JsonProperty("claim_to_payable") List<ClaimEntry> claimToPayable) {

		static DateAnswer of(SettlementBrowser.SettlementDate date) {
			return new DateAnswer(date.clearingDate(), date.versions().stream().map(VersionEntry::of).toList(),
					date.claims().stream().map(ClaimEntry::of).toList());
		}

	}

	/**
	 * One version of a date.
	 *
	 * @param version the version number
	 * @param publishedAt when it was published
	 * @param payableYuan Σ over operators
	 * @param netReceivableYuan Σ over channels
	 * @param claimableYuan the subsidy fund's
	 * @param archived whether every file can still be downloaded
	 * @param files its files
	 */
	record VersionEntry(@JsonProperty("version") int version, @JsonProperty("published_at") OffsetDateTime publishedAt,
			@JsonProperty("payable_yuan") String payableYuan,
			@JsonProperty("net_receivable_yuan") String netReceivableYuan,
			@JsonProperty("claimable_yuan") String claimableYuan, @JsonProperty("archived") boolean archived,
			@JsonProperty("files") List<FileEntry> files) {

		static VersionEntry of(SettlementBrowser.Version version) {
			return new VersionEntry(version.version(), local(version.publishedAt()),
					Yuan.of(version.totals().payableFen()), Yuan.of(version.totals().netReceivableFen()),
					Yuan.of(version.totals().claimableFen()), version.archived(),
					version.files().stream().map(FileEntry::of).toList());
		}

	}

	/**
	 * One file of a version.
	 *
	 * @param name the file name
	 * @param rows its data rows
	 * @param sha256 the SHA-256 of its bytes (its ETag)
	 * @param bytes its size, or null when it is not archived
	 */
	record FileEntry(@JsonProperty("name") String name, @JsonProperty("rows") long rows,
			@JsonProperty("sha256") String sha256, @JsonProperty("bytes") Long bytes) {

		static FileEntry of(SettlementBrowser.File file) {
			return new FileEntry(file.name(), file.rows(), file.sha256(), file.bytes());
		}

	}

	/**
	 * One operator's claim of a date (claimed = payable + held + dropped + malformed).
	 *
	 * @param operator the operator's code
	 * @param files its tap files taken in
	 * @param filesWithoutClaim how many of them have no recorded control sum
	 * @param taps the rows of its files
	 * @param claimedYuan Σ of its files' control sums, or null when unknown
	 * @param paidTaps the taps paid
	 * @param payableYuan what the paid taps charged
	 * @param heldTaps the well-formed taps held
	 * @param heldYuan what they charged
	 * @param droppedTaps the taps dropped
	 * @param droppedYuan what they charged
	 * @param malformedTaps the rows that broke their format
	 * @param malformedYuan what the control sums claim for them, or null when unknown
	 */
	record ClaimEntry(@JsonProperty("operator") String operator, @JsonProperty("files") int files,
			@JsonProperty("files_without_claim") int filesWithoutClaim, @JsonProperty("taps") long taps,
			@JsonProperty("claimed_yuan") String claimedYuan, @JsonProperty("paid_taps") long paidTaps,
			@JsonProperty("payable_yuan") String payableYuan, @JsonProperty("held_taps") long heldTaps,
			@JsonProperty("held_yuan") String heldYuan, @JsonProperty("dropped_taps") long droppedTaps,
			@JsonProperty("dropped_yuan") String droppedYuan, @JsonProperty("malformed_taps") long malformedTaps,
			@JsonProperty("malformed_yuan") String malformedYuan) {

		static ClaimEntry of(OperatorClaim claim) {
			return new ClaimEntry(claim.operator(), claim.files(), claim.filesWithoutClaim(), claim.taps(),
					Yuan.of(claim.claimedFen()), claim.paidTaps(), Yuan.of(claim.payableFen()), claim.heldTaps(),
					Yuan.of(claim.heldFen()), claim.droppedTaps(), Yuan.of(claim.droppedFen()), claim.malformedTaps(),
					Yuan.of(claim.malformedFen()));
		}

	}

	/**
	 * What changed between two versions.
	 *
	 * @param clearingDate the clearing date
	 * @param from the earlier version
	 * @param to the later version
	 * @param files the files that changed
	 */
	record DiffAnswer(@JsonProperty("clearing_date") LocalDate clearingDate, @JsonProperty("from") int from,
			@JsonProperty("to") int to, @JsonProperty("files") List<FileChangeEntry> files) {

		static DiffAnswer of(LocalDate date, SettlementDiff diff) {
			return new DiffAnswer(date, diff.from(), diff.to(),
					diff.files().stream().map(FileChangeEntry::of).toList());
		}

	}

	/**
	 * A file that changed.
	 *
	 * @param name the file name
	 * @param change ADDED, REMOVED or CHANGED
	 * @param rows its rows that changed
	 */
	record FileChangeEntry(@JsonProperty("name") String name, @JsonProperty("change") String change,
			@JsonProperty("rows") List<RowChangeEntry> rows) {

		static FileChangeEntry of(SettlementDiff.FileChange file) {
			return new FileChangeEntry(file.name(), file.change().name(),
					file.rows().stream().map(RowChangeEntry::of).toList());
		}

	}

	/**
	 * A row that changed.
	 *
	 * @param key its identity columns
	 * @param change ADDED, REMOVED or CHANGED
	 * @param money every money column: before, after, difference
	 * @param values the other columns that differ
	 */
	record RowChangeEntry(@JsonProperty("key") Map<String, String> key, @JsonProperty("change") String change,
			@JsonProperty("money") List<MoneyEntry> money, @JsonProperty("values") List<ValueEntry> values) {

		static RowChangeEntry of(SettlementDiff.RowChange row) {
			return new RowChangeEntry(row.key(), row.change().name(), row.money().stream().map(MoneyEntry::of).toList(),
					row.values().stream().map(ValueEntry::of).toList());
		}

	}

	/**
	 * A money column of a changed row.
	 *
	 * @param column the column
	 * @param beforeYuan the earlier amount, or null when the row is new
	 * @param afterYuan the later amount, or null when the row is gone
	 * @param differenceYuan after minus before
	 */
	record MoneyEntry(@JsonProperty("column") String column, @JsonProperty("before_yuan") String beforeYuan,
			@JsonProperty("after_yuan") String afterYuan, @JsonProperty("difference_yuan") String differenceYuan) {

		static MoneyEntry of(SettlementDiff.MoneyChange money) {
			return new MoneyEntry(money.column(), Yuan.of(money.beforeFen()), Yuan.of(money.afterFen()),
					Yuan.of(money.differenceFen()));
		}

	}

	/**
	 * Another column of a changed row.
	 *
	 * @param column the column
	 * @param before the earlier value
	 * @param after the later value
	 */
	record ValueEntry(@JsonProperty("column") String column, @JsonProperty("before") String before,
			@JsonProperty("after") String after) {

		static ValueEntry of(SettlementDiff.ValueChange value) {
			return new ValueEntry(value.column(), value.before(), value.after());
		}

	}

}
