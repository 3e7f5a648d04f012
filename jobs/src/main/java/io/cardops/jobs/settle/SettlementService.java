package io.cardops.jobs.settle;

import java.time.LocalDate;
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

/**
 * Settles a clearing date: aggregates the judged ledger in two set-based queries, checks
 * the control totals against the tap files' control records and the judging's
 * dispositions, and hands the result to the publisher. Nothing is published when
 * reconciliation of the date has not completed or a control total does not hold.
 */
@Service
public class SettlementService {

	private final JdbcClient jdbc;

	private final JobRunRepository runs;

	private final SettlementPublisher publisher;

	private final String tapLines = SqlResource.load(getClass(), "tap-lines.sql");

	private final String topUpLines = SqlResource.load(getClass(), "topup-lines.sql");

	private final String ledgerTotals = SqlResource.load(getClass(), "ledger-totals.sql");

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param runs the job run records (to see that reconciliation completed)
	 * @param publisher writes the files and records the versions
	 */
	public SettlementService(JdbcClient jdbc, JobRunRepository runs, SettlementPublisher publisher) {
		this.jdbc = jdbc;
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
	 */
	public RunSummary settle(LocalDate date, long executionId) {
		requireReconciled(date);
		Settlement settlement = compute(date);
		List<SummaryRow> summary = settlement.summary();
		ControlTotals.check(settlement, summary, ledgerTotals(date));
		SettlementPublisher.Publication publication = this.publisher.publish(settlement, summary, executionId);
		return summary(settlement, publication);
	}

	private void requireReconciled(LocalDate date) {
		Optional<JobRun> reconcile = this.runs.latest(JobName.RECONCILE.command(), "date=" + date);
		String outcome = reconcile.map(JobRun::outcome).orElse(null);
		if (RunOutcome.COMPLETED.name().equals(outcome) || RunOutcome.NOOP.name().equals(outcome)) {
			return;
		}
		String state = reconcile.isEmpty() ? "has not run" : (outcome == null) ? "is still running"
				: "ended " + outcome + " (execution " + reconcile.get().executionId() + ")";
		throw new IllegalStateException("settlement of " + date + " refused: reconciliation of " + date + " " + state
				+ "; settle after `cardops run reconcile --date " + date + "` has completed");
	}

	/**
	 * Computes a date's settlement from the judged ledger, without checking or publishing
	 * it.
	 * @param date the clearing date
	 * @return the settlement
	 */
	Settlement compute(LocalDate date) {
		Map<String, Partner> partners = partners();
		List<OperatorLine> operatorLines = new ArrayList<>();
		Map<String, SubsidyLine> subsidy = new TreeMap<>();
		this.jdbc.sql(this.tapLines).param("date", date).query((RowCallbackHandler) (rs) -> {
			String operator = rs.getString("partner");
			requireRole(partners, operator, PartnerRole.OPERATOR, "taps");
			String mode = rs.getString("mode");
			operatorLines.add(
					new OperatorLine(operator, mode, rs.getString("line_name"), rs.getLong("taps"), rs.getLong("trips"),
							rs.getLong("full_fare"), rs.getLong("charged"), rs.getLong("held"), rs.getLong("payable"),
							rs.getLong("paid_taps"), rs.getLong("held_taps"), rs.getLong("dropped_taps")));
			long studentTaps = rs.getLong("student_taps");
			if (studentTaps > 0) {
				SubsidyLine line = new SubsidyLine(operator, mode, studentTaps, rs.getLong("student_discount"),
						rs.getLong("clawback"));
				subsidy.merge(operator + "\u0000" + mode, line,
						(a, b) -> new SubsidyLine(operator, mode, a.studentTaps() + b.studentTaps(),
								a.discountFen() + b.discountFen(), a.clawbackFen() + b.clawbackFen()));
			}
		});
		List<ChannelLine> channels = new ArrayList<>();
		this.jdbc.sql(this.topUpLines).param("date", date).query((RowCallbackHandler) (rs) -> {
			String channel = rs.getString("partner");
			Partner partner = requireRole(partners, channel, PartnerRole.CHANNEL, "recharges");
			if (partner.commissionBp() == null) {
				throw new IllegalStateException(
						"channel " + channel + " has no commission_bp in the reference data; settlement refused");
			}
			channels
				.add(new ChannelLine(channel, rs.getLong("recharges"), rs.getLong("amount"), partner.commissionBp()));
		});
		String fund = subsidy.isEmpty() ? null : subsidyFund(partners);
		return Settlement.of(date, operatorLines, channels, fund, List.copyOf(subsidy.values()));
	}

	private LedgerTotals ledgerTotals(LocalDate date) {
		return this.jdbc.sql(this.ledgerTotals)
			.param("date", date)
			.query((rs, n) -> new LedgerTotals(rs.getLong("taps_in"), rs.getLong("accepted_charged"),
					rs.getLong("accepted_topups"), rs.getLong("accepted_topups_fen")))
			.single();
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
			throw new IllegalStateException(kind + " files came from " + code + ", which is not a " + role
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
		long taps = 0;
		long paid = 0;
		long held = 0;
		long dropped = 0;
		long payable = 0;
		for (String operator : settlement.operators()) {
			OperatorLine total = settlement.total(operator);
			taps += total.taps();
			paid += total.paidTaps();
			held += total.heldTaps();
			dropped += total.droppedTaps();
			payable += total.payableFen();
		}
		long recharges = 0;
		long receivable = 0;
		for (ChannelLine channel : settlement.channels()) {
			recharges += channel.recharges();
			receivable += channel.netReceivableFen();
		}
		return RunSummary.of(publication.changed() ? RunOutcome.COMPLETED : RunOutcome.NOOP)
			.with("version", publication.version())
			.with("files", publication.files())
			.with("taps", taps)
			.with("paid", paid)
			.with("held", held)
			.with("dropped", dropped)
			.with("payable_yuan", Money.yuan(payable))
			.with("recharges", recharges)
			.with("net_receivable_yuan", Money.yuan(receivable))
			.with("claimable_yuan", Money.yuan(settlement.subsidyTotal().claimableFen()));
	}

	private record Partner(PartnerRole role, Integer commissionBp) {
	}

}
