package io.cardops.jobs.settle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.money.Money;
import io.cardops.domain.reference.PartnerRole;
import io.cardops.domain.settle.ChannelLine;
import io.cardops.domain.settle.ControlTotals;
import io.cardops.domain.settle.LedgerTotals;
import io.cardops.domain.settle.OperatorLine;
import io.cardops.domain.settle.Settlement;
import io.cardops.domain.settle.SubsidyLine;
import io.cardops.domain.settle.SummaryRow;
import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.JobRunRepository.JobRun;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.SqlResource;
import io.cardops.jobs.support.Statistics;
import io.cardops.readers.csv.InboundValues;

/**
 * Settles a clearing date: aggregates the judged ledger in one set-based pass, checks the
 * control totals against the tap files' control records and the judging's dispositions,
 * and hands the result to the publisher. Nothing is published when reconciliation of the
 * date has not completed or a control total does not hold.
 */
@Service
public class SettlementService {

	private final Statistics statistics;

	private final JdbcClient jdbc;

	private final JobRunRepository runs;

	private final SettlementPublisher publisher;

	private final ReleaseCutoff releases;

	private final String ledgerOfDate = SqlResource.load(getClass(), "ledger-of-date.sql");

	private final String malformedTaps = SqlResource.load(getClass(), "malformed-taps.sql");

	private final String expiredDiscounts = SqlResource.load(getClass(), "expired-discounts.sql");

	private final String judgedCounts = SqlResource.load(getClass(), "judged-counts.sql");

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param runs the job run records (to see that reconciliation completed)
	 * @param publisher writes the files and records the versions
	 * @param statistics sets up the settling transaction for batch work
	 * @param releases the instant up to which the desk's releases are counted
	 */
	public SettlementService(JdbcClient jdbc, JobRunRepository runs, SettlementPublisher publisher,
			Statistics statistics, ReleaseCutoff releases) {
		this.jdbc = jdbc;
		this.releases = releases;
		this.statistics = statistics;
		this.runs = runs;
		this.publisher = publisher;
	}

	/**
	 * Settles a clearing date.
	 * @param date the clearing date
	 * @param executionId the job execution publishing it
	 * @return the run's summary
	 * @throws IllegalStateException when reconciliation of the date has not completed or
	 * the reference data lacks a partner the ledger names
	 * @throws ControlTotals.BrokenControlTotalException when a control total does not
	 * hold
	 * @throws SQLException when the connection cannot be inspected
	 */
	public RunSummary settle(LocalDate date, long executionId) throws SQLException {
		requireReconciled(date);
		this.statistics.batchTransaction();
		OffsetDateTime releasesBefore = this.releases.take(date);
		Ledger ledger = read(date, releasesBefore);
		Settlement settlement = ledger.settlement(date, partners());
		List<SummaryRow> summary = settlement.summary();
		ControlTotals.check(settlement, summary, ledger.totals());
		SettlementPublisher.Publication publication = this.publisher.publish(settlement, summary, executionId,
				releasesBefore);
		return summary(settlement, publication);
	}

	private void requireReconciled(LocalDate date) {
		Optional<JobRun> reconcile = this.runs.latest(JobName.RECONCILE.command(), "date=" + date);
		String outcome = reconcile.map(JobRun::outcome).orElse(null);
		if (RunOutcome.COMPLETED.name().equals(outcome) || RunOutcome.NOOP.name().equals(outcome)) {
			return;
		}
		String state;
		if (reconcile.isEmpty()) {
			state = "has not run";
		}
		else if (outcome == null) {
			// A run whose process died ends no outcome: it is restarted, not waited for.
			state = this.runs.ownerAlive(reconcile.get()) ? "is still running" : "died before it ended (execution "
					+ reconcile.get().executionId() + "): it continues where it stopped when run again";
		}
		else {
			state = "ended " + outcome + " (execution " + reconcile.get().executionId() + ")";
		}
		throw new IllegalStateException("settlement of " + date + " refused: reconciliation of " + date + " " + state
				+ "; settle after `cardops run reconcile --date " + date + "` has completed");
	}

	/**
	 * Reads what the settlement of a date needs: one pass over the date's rows with their
	 * judgments (only the rows turned away have one), then the few malformed rows, the
	 * clawback, the paid, held and dropped taps as the judging left them and the tap
	 * files' control records.
	 */
	private Ledger read(LocalDate date, OffsetDateTime releasesBefore) {
		Ledger ledger = new Ledger();
		this.jdbc.sql(this.ledgerOfDate)
			.param("date", date)
			.param("releasesBefore", releasesBefore)
			.query((RowCallbackHandler) ledger::add);
		this.jdbc.sql(this.malformedTaps).param("date", date).query((RowCallbackHandler) (rs) -> {
			long rows = rs.getLong("row_count");
			ledger.line(rs.getString("partner"), rs.getString("mode"), readableLine(rs.getString("line_name")))
				.malformed(rows);
			ledger.judged.merge("HELD", rows, Long::sum);
		});
		this.jdbc.sql(this.judgedCounts)
			.param("date", date)
			.param("releasesBefore", releasesBefore)
			.query((RowCallbackHandler) (rs) -> {
				ledger.judged.merge(rs.getString("settlement"), rs.getLong("row_count"), Long::sum);
			});
		this.jdbc.sql(this.expiredDiscounts).param("date", date).query((RowCallbackHandler) (rs) -> {
			ledger.subsidy(rs.getString("partner"), rs.getString("mode")).clawback += rs.getLong("clawback");
		});
		ledger.tapsIn = this.jdbc
			.sql("SELECT COALESCE(SUM(records), 0) FROM inbox_file"
					+ " WHERE clearing_date = ? AND kind = 'taps' AND status = 'LOADED'")
			.params(date)
			.query(Long.class)
			.single();
		return ledger;
	}

	/**
	 * A malformed tap's line as its settlement row names it: only when it can be read, as
	 * the reader takes a line, none of its characters masked as U+FFFD when it was kept;
	 * else no line, rather than the cut and masked text of one that does not exist.
	 */
	static String readableLine(String line) {
		return (InboundValues.isName(line) && line.indexOf('\uFFFD') < 0) ? line : "";
	}

	private Map<String, Partner> partners() {
		Map<String, Partner> partners = new HashMap<>();
		this.jdbc.sql("SELECT partner_code, role, commission_bp FROM partner")
			.query((RowCallbackHandler) (rs) -> partners.put(rs.getString(1),
					new Partner(PartnerRole.valueOf(rs.getString(2)), (Integer) rs.getObject(3, Integer.class))));
		return partners;
	}

	private static Partner requireRole(Map<String, Partner> partners, String code, PartnerRole role, String kind) {
		Partner partner = partners.get(code);
		if (partner == null || partner.role() != role) {
			throw new IllegalStateException(kind + " files came from " + code + ", which is not " + role.inWords()
					+ " in the reference data; settlement refused");
		}
		return partner;
	}

	private static String subsidyFund(Map<String, Partner> partners) {
		List<String> funds = partners.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().role() == PartnerRole.SUBSIDY)
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		if (funds.size() != 1) {
			throw new IllegalStateException(
					"the student discount is claimed from the one SUBSIDY partner, but the" + " reference data has "
							+ (funds.isEmpty() ? "none" : String.join(", ", funds)) + "; settlement refused");
		}
		return funds.get(0);
	}

	private static RunSummary summary(Settlement settlement, SettlementPublisher.Publication publication) {
		OperatorLine operators = settlement.operatorsTotal();
		long recharges = 0;
		long receivable = 0;
		for (ChannelLine channel : settlement.channels()) {
			recharges += channel.recharges();
			receivable += channel.netReceivableFen();
		}
		return RunSummary.of(publication.changed() ? RunOutcome.COMPLETED : RunOutcome.NOOP)
			.with("version", publication.version())
			.with("files", publication.files())
			.with("taps", operators.taps())
			.with("paid", operators.paidTaps())
			.with("held", operators.heldTaps())
			.with("dropped", operators.droppedTaps())
			.with("payable_yuan", Money.yuan(operators.payableFen()))
			.with("recharges", recharges)
			.with("net_receivable_yuan", Money.yuan(receivable))
			.with("claimable_yuan", Money.yuan(settlement.subsidyTotal().claimableFen()));
	}

	private record Partner(PartnerRole role, Integer commissionBp) {
	}

	/**
	 * The date's judged rows added up per operator line, channel and subsidy line, and
	 * the control side of the totals. Plain {@code long} additions are safe here: every
	 * amount loaded is within ±10,000,000 fen (files.md), so no day's total comes near
	 * the range of a {@code long} (that would take 900 billion rows).
	 */
	private static final class Ledger {

		private final Map<List<String>, LineTotals> lines = new HashMap<>();

		private final Map<String, long[]> channels = new TreeMap<>();

		private final Map<List<String>, SubsidyTotals> subsidy = new HashMap<>();

		private final Map<String, Long> judged = new HashMap<>();

		private long tapsIn;

		private long acceptedCharged;

		private long acceptedTopUps;

		private long acceptedTopUpsFen;

		void add(ResultSet rs) throws SQLException {
			String partner = rs.getString("partner");
			String settlement = rs.getString("settlement");
			boolean accepted = "ACCEPTED".equals(rs.getString("disposition"));
			long rows = rs.getLong("row_count");
			long charged = rs.getLong("charged");
			if (rs.getString("kind").equals("R")) {
				long amount = rs.getLong("amount");
				if ("PAID".equals(settlement)) {
					long[] channel = this.channels.computeIfAbsent(partner, (code) -> new long[2]);
					channel[0] += rows;
					channel[1] += amount;
				}
				if (accepted) {
					this.acceptedTopUps += rows;
					this.acceptedTopUpsFen += amount;
				}
				return;
			}
			String mode = rs.getString("mode");
			long fullFare = rs.getLong("full_fare");
			line(partner, mode, rs.getString("line_name")).add(settlement, rows, rs.getInt("fare") == 1, fullFare,
					charged);
			// A released tap is paid, but its card could not be vouched for: its student
			// discount is not claimed from the fund (desk.md, "What a release changes").
			boolean released = rs.getInt("released") == 1;
			if ("PAID".equals(settlement) && rs.getInt("student_fare") == 1 && !released) {
				SubsidyTotals fund = subsidy(partner, mode);
				fund.studentTaps += rows;
				fund.discount += fullFare - charged;
			}
			if (accepted || released) {
				this.acceptedCharged += charged;
			}
		}

		LineTotals line(String partner, String mode, String line) {
			return this.lines.computeIfAbsent(List.of(partner, mode, line), (key) -> new LineTotals());
		}

		SubsidyTotals subsidy(String partner, String mode) {
			return this.subsidy.computeIfAbsent(List.of(partner, mode), (key) -> new SubsidyTotals());
		}

		LedgerTotals totals() {
			return new LedgerTotals(this.tapsIn, this.judged.getOrDefault("PAID", 0L),
					this.judged.getOrDefault("HELD", 0L), this.judged.getOrDefault("DROPPED", 0L), this.acceptedCharged,
					this.acceptedTopUps, this.acceptedTopUpsFen);
		}

		Settlement settlement(LocalDate date, Map<String, Partner> partners) {
			List<OperatorLine> operatorLines = new ArrayList<>();
			this.lines.forEach((key, line) -> {
				requireRole(partners, key.get(0), PartnerRole.OPERATOR, "taps");
				operatorLines.add(line.toLine(key.get(0), key.get(1), key.get(2)));
			});
			List<ChannelLine> channelLines = new ArrayList<>();
			this.channels.forEach((code, totals) -> {
				Partner partner = requireRole(partners, code, PartnerRole.CHANNEL, "recharges");
				if (partner.commissionBp() == null) {
					throw new IllegalStateException(
							"channel " + code + " has no commission_bp in the reference data; settlement refused");
				}
				channelLines.add(new ChannelLine(code, totals[0], totals[1], partner.commissionBp()));
			});
			List<SubsidyLine> subsidyLines = new ArrayList<>();
			this.subsidy.forEach((key, fund) -> subsidyLines
				.add(new SubsidyLine(key.get(0), key.get(1), fund.studentTaps, fund.discount, fund.clawback)));
			String fund = subsidyLines.isEmpty() ? null : subsidyFund(partners);
			return Settlement.of(date, operatorLines, channelLines, fund, subsidyLines);
		}

	}

	/** One operator line being added up. */
	private static final class LineTotals {

		private long taps;

		private long trips;

		private long fullFare;

		private long charged;

		private long held;

		private long payable;

		private long paidTaps;

		private long heldTaps;

		private long droppedTaps;

		void add(String settlement, long rows, boolean fare, long fullFare, long charged) {
			this.taps += rows;
			if ("PAID".equals(settlement)) {
				this.paidTaps += rows;
				this.trips += fare ? rows : 0;
				this.payable += charged;
			}
			else if ("HELD".equals(settlement)) {
				this.heldTaps += rows;
				this.held += charged;
			}
			else if ("DROPPED".equals(settlement)) {
				this.droppedTaps += rows;
				return;
			}
			else {
				throw new IllegalStateException("a tap judged " + settlement + " cannot be settled");
			}
			this.fullFare += fullFare;
			this.charged += charged;
		}

		void malformed(long rows) {
			this.taps += rows;
			this.heldTaps += rows;
		}

		OperatorLine toLine(String operator, String mode, String line) {
			return new OperatorLine(operator, mode, line, this.taps, this.trips, this.fullFare, this.charged, this.held,
					this.payable, this.paidTaps, this.heldTaps, this.droppedTaps);
		}

	}

	/** One operator and mode of the subsidy fund being added up. */
	private static final class SubsidyTotals {

		private long studentTaps;

		private long discount;

		private long clawback;

	}

}
