package io.cardops.domain.settle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cardops.domain.reference.PartnerRole;

/**
 * The settlement of one clearing date: each operator's lines, each channel, the subsidy
 * fund's lines, and the summary across them. Lines are kept in a fixed order (by code,
 * mode and line, compared as Java strings) so that the files written from them are the
 * same bytes whatever database they came from.
 */
public final class Settlement {

	private static final Comparator<OperatorLine> OPERATOR_ORDER = Comparator.comparing(OperatorLine::mode)
		.thenComparing(OperatorLine::line);

	private static final Comparator<SubsidyLine> SUBSIDY_ORDER = Comparator.comparing(SubsidyLine::operator)
		.thenComparing(SubsidyLine::mode);

	private final LocalDate date;

	private final Map<String, List<OperatorLine>> operators;

	private final List<ChannelLine> channels;

	private final String subsidyFund;

	private final List<SubsidyLine> subsidy;

	private Settlement(LocalDate date, Map<String, List<OperatorLine>> operators, List<ChannelLine> channels,
			String subsidyFund, List<SubsidyLine> subsidy) {
		this.date = date;
		this.operators = operators;
		this.channels = channels;
		this.subsidyFund = subsidyFund;
		this.subsidy = subsidy;
	}

	/**
	 * Assembles a date's settlement from its lines, in any order.
	 * @param date the clearing date
	 * @param operatorLines every operator's mode and line rows
	 * @param channels every channel with accepted top-ups
	 * @param subsidyFund the subsidy fund's partner code (may be null when there are no
	 * subsidy lines)
	 * @param subsidy the subsidy lines, one per operator and mode
	 * @return the settlement
	 * @throws IllegalArgumentException when there are subsidy lines but no fund
	 */
	public static Settlement of(LocalDate date, List<OperatorLine> operatorLines, List<ChannelLine> channels,
			String subsidyFund, List<SubsidyLine> subsidy) {
		if (!subsidy.isEmpty() && subsidyFund == null) {
			throw new IllegalArgumentException("there is a student discount to claim but no SUBSIDY partner");
		}
		Map<String, List<OperatorLine>> operators = new TreeMap<>();
		for (OperatorLine line : operatorLines) {
			operators.computeIfAbsent(line.operator(), (code) -> new ArrayList<>()).add(line);
		}
		operators.values().forEach((lines) -> lines.sort(OPERATOR_ORDER));
		List<ChannelLine> sortedChannels = new ArrayList<>(channels);
		sortedChannels.sort(Comparator.comparing(ChannelLine::channel));
		List<SubsidyLine> sortedSubsidy = new ArrayList<>(subsidy);
		sortedSubsidy.sort(SUBSIDY_ORDER);
		return new Settlement(date, operators, List.copyOf(sortedChannels), subsidyFund, List.copyOf(sortedSubsidy));
	}

	/**
	 * The clearing date.
	 * @return the date
	 */
	public LocalDate date() {
		return this.date;
	}

	/**
	 * The operators with tap rows on the date, by code.
	 * @return the operator codes, sorted
	 */
	public List<String> operators() {
		return List.copyOf(this.operators.keySet());
	}

	/**
	 * An operator's lines, sorted by mode and line.
	 * @param operator the operator
	 * @return its lines
	 */
	public List<OperatorLine> lines(String operator) {
		return List.copyOf(this.operators.getOrDefault(operator, List.of()));
	}

	/**
	 * An operator's total row.
	 * @param operator the operator
	 * @return the sum of its lines, with mode TOTAL
	 */
	public OperatorLine total(String operator) {
		OperatorLine total = OperatorLine.zero(operator);
		for (OperatorLine line : this.operators.getOrDefault(operator, List.of())) {
			total = total.plus(line);
		}
		return total;
	}

	/**
	 * Every operator's total added up.
	 * @return the sum of the operator totals, with an empty operator and mode TOTAL
	 */
	public OperatorLine operatorsTotal() {
		OperatorLine total = OperatorLine.zero("");
		for (String operator : this.operators.keySet()) {
			total = total.plus(total(operator));
		}
		return total;
	}

	/**
	 * The channels with accepted top-ups, by code.
	 * @return the channel lines
	 */
	public List<ChannelLine> channels() {
		return this.channels;
	}

	/**
	 * The subsidy fund's partner code.
	 * @return the code, or null when the date has no student discount to claim
	 */
	public String subsidyFund() {
		return this.subsidyFund;
	}

	/**
	 * The subsidy lines, by operator and mode.
	 * @return the lines
	 */
	public List<SubsidyLine> subsidy() {
		return this.subsidy;
	}

	/**
	 * The subsidy fund's total row.
	 * @return the sum of the subsidy lines
	 */
	public SubsidyLine subsidyTotal() {
		SubsidyLine total = new SubsidyLine("", OperatorLine.TOTAL, 0, 0, 0);
		for (SubsidyLine line : this.subsidy) {
			total = total.plus(line);
		}
		return total;
	}

	/**
	 * The summary: one row per partner file, operators first, then channels, then the
	 * subsidy fund.
	 * @return the rows
	 */
	public List<SummaryRow> summary() {
		List<SummaryRow> rows = new ArrayList<>();
		for (String operator : this.operators.keySet()) {
			OperatorLine total = total(operator);
			rows.add(new SummaryRow(operator, PartnerRole.OPERATOR, total.taps(), total.chargedFen(), total.heldFen(),
					total.payableFen(), Direction.ISSUER_PAYS));
		}
		for (ChannelLine channel : this.channels) {
			rows.add(new SummaryRow(channel.channel(), PartnerRole.CHANNEL, channel.recharges(), channel.amountFen(),
					channel.commissionFen(), channel.netReceivableFen(), Direction.ISSUER_RECEIVES));
		}
		if (!this.subsidy.isEmpty()) {
			SubsidyLine total = subsidyTotal();
			rows.add(new SummaryRow(this.subsidyFund, PartnerRole.SUBSIDY, total.studentTaps(), total.discountFen(),
					total.clawbackFen(), total.claimableFen(), Direction.FUND_PAYS_OPERATORS));
		}
		return rows;
	}

}
