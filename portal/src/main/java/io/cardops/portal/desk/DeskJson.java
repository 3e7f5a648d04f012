package io.cardops.portal.desk;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.AgeBucket;
import io.cardops.domain.money.Money;
import io.cardops.jobs.desk.DeskCase;
import io.cardops.jobs.desk.DeskCases.AgingCell;
import io.cardops.jobs.desk.DeskCases.AgingRow;
import io.cardops.jobs.desk.TrailEntry;

/**
 * The desk's answers as the API gives them (shared/spec/desk.md, "Interfaces"): snake
 * case, money in yuan strings, instants in Asia/Shanghai with their offset, never an
 * identity number.
 */
public final class DeskJson {

	private DeskJson() {
	}

	/**
	 * A case in a list.
	 *
	 * @param id its stable id
	 * @param clearingDate the clearing date it was raised on
	 * @param category its category
	 * @param status the system status, OPEN or RESOLVED
	 * @param caseState NEW, ACKNOWLEDGED, RELEASE_REQUESTED or CLOSED
	 * @param owner who owns it, or null
	 * @param partner the partner of its source file
	 * @param cardNo the card's number, or null
	 * @param cardSeq the card's transaction counter, or null
	 * @param sourceFile the file of its source row
	 * @param sourceLine the line of its source row
	 * @param amountYuan the amount at stake
	 * @param detail what the judging said, or null
	 * @param resolution how it was closed, or null
	 * @param resolvedOn when the judging resolved it, or null
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record CaseJson(long id, LocalDate clearingDate, String category, String status, String caseState,
			String owner, String partner, String cardNo, String cardSeq, String sourceFile, int sourceLine,
			String amountYuan, String detail, String resolution, LocalDate resolvedOn) {

		static CaseJson of(DeskCase c) {
			return new CaseJson(c.id(), c.clearingDate(), c.category(), c.status(), c.caseState(), c.owner(),
					c.partner(), c.cardNo(), c.cardSeq(), c.sourceFile(), c.sourceLine(), Money.yuan(c.amountFen()),
					c.detail(), c.resolution(), c.resolvedOn());
		}

	}

	/**
	 * A case with its source row and its trail.
	 *
	 * @param id its stable id
	 * @param clearingDate the clearing date it was raised on
	 * @param category its category
	 * @param status the system status, OPEN or RESOLVED
	 * @param caseState NEW, ACKNOWLEDGED, RELEASE_REQUESTED or CLOSED
	 * @param owner who owns it, or null
	 * @param partner the partner of its source file
	 * @param cardNo the card's number, or null
	 * @param cardSeq the card's transaction counter, or null
	 * @param sourceFile the file of its source row
	 * @param sourceLine the line of its source row
	 * @param amountYuan the amount at stake
	 * @param detail what the judging said, or null
	 * @param resolution how it was closed, or null
	 * @param resolvedOn when the judging resolved it, or null
	 * @param sourceRow the row it was raised on, field by field (amounts in yuan)
	 * @param trail every action taken on it, oldest first
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record CaseDetailJson(long id, LocalDate clearingDate, String category, String status, String caseState,
			String owner, String partner, String cardNo, String cardSeq, String sourceFile, int sourceLine,
			String amountYuan, String detail, String resolution, LocalDate resolvedOn, Map<String, String> sourceRow,
			List<TrailJson> trail) {

		static CaseDetailJson of(DeskCase c, Map<String, String> sourceRow, List<TrailEntry> trail) {
			return new CaseDetailJson(c.id(), c.clearingDate(), c.category(), c.status(), c.caseState(), c.owner(),
					c.partner(), c.cardNo(), c.cardSeq(), c.sourceFile(), c.sourceLine(), Money.yuan(c.amountFen()),
					c.detail(), c.resolution(), c.resolvedOn(), sourceRow, trail.stream().map(TrailJson::of).toList());
		}

	}

	/**
	 * One action of a case's trail.
	 *
	 * @param actedAt when, in Asia/Shanghai
	 * @param account who
	 * @param action its command name
	 * @param fromState the case_state before
	 * @param toState the case_state after
	 * @param resolution the resolution it set, or null
	 * @param note the note, or null
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record TrailJson(OffsetDateTime actedAt, String account, String action, String fromState, String toState,
			String resolution, String note) {

		static TrailJson of(TrailEntry entry) {
			return new TrailJson(shanghai(entry.actedAt()), entry.account(), entry.action(), entry.fromState(),
					entry.toState(), entry.resolution(), entry.note());
		}

	}

	/**
	 * The aging of the cases not closed.
	 *
	 * @param asOf the day ages are taken on
	 * @param rows one per category with open cases
	 * @param totals every category together
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AgingJson(LocalDate asOf, List<AgingRowJson> rows, AgingTotalsJson totals) {

		static AgingJson of(LocalDate asOf, List<AgingRow> rows) {
			long[][] sums = new long[AgeBucket.values().length][2];
			List<AgingRowJson> answered = new ArrayList<>();
			for (AgingRow row : rows) {
				List<BucketJson> buckets = new ArrayList<>();
				for (AgingCell cell : row.cells()) {
					buckets.add(BucketJson.of(cell));
					sums[cell.bucket().ordinal()][0] += cell.count();
					sums[cell.bucket().ordinal()][1] += cell.amountFen();
				}
				AgingCell total = row.total();
				answered.add(new AgingRowJson(row.category(), buckets, total.count(), Money.yuan(total.amountFen())));
			}
			List<BucketJson> buckets = new ArrayList<>();
			long count = 0;
			long fen = 0;
			for (AgeBucket bucket : AgeBucket.values()) {
				long[] sum = sums[bucket.ordinal()];
				buckets.add(new BucketJson(bucket.label(), sum[0], Money.yuan(sum[1])));
				count += sum[0];
				fen += sum[1];
			}
			return new AgingJson(asOf, answered, new AgingTotalsJson(buckets, count, Money.yuan(fen)));
		}

	}

	/**
	 * The open cases of a category.
	 *
	 * @param category the category
	 * @param buckets per age bucket, youngest first
	 * @param count how many in all
	 * @param amountYuan the money at stake in all
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AgingRowJson(String category, List<BucketJson> buckets, long count, String amountYuan) {
	}

	/**
	 * The open cases of every category.
	 *
	 * @param buckets per age bucket, youngest first
	 * @param count how many in all
	 * @param amountYuan the money at stake in all
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AgingTotalsJson(List<BucketJson> buckets, long count, String amountYuan) {
	}

	/**
	 * One age bucket.
	 *
	 * @param label its label: 0-1, 2-7, 8-30 or over 30 (days)
	 * @param count how many cases
	 * @param amountYuan the money at stake (the magnitudes of their amounts)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record BucketJson(String label, long count, String amountYuan) {

		static BucketJson of(AgingCell cell) {
			return new BucketJson(cell.bucket().label(), cell.count(), Money.yuan(cell.amountFen()));
		}

	}

	static OffsetDateTime shanghai(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(AcademicCalendar.ZONE).toOffsetDateTime() : null;
	}

}
