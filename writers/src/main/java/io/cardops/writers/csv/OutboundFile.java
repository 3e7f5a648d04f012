package io.cardops.writers.csv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every file the back office publishes (files.md, "Outbound"): its name pattern and its
 * columns. Files go to {@code <outbox>/<YYYYMMDD>/}.
 */
public enum OutboundFile {

	/** Rejected roster rows; qualified by the institution. */
	ROSTER_REJECTS("roster_rejects_{q}_{d}.csv", "line", "student_no", "field", "reason"),
	/** Rejected card events of a date. */
	CARDEVENT_REJECTS("cardevent_rejects_{d}.csv", "source_file", "line", "event_id", "card_no", "reason"),
	/** Cards the expiry run of a date expired. */
	EXPIRED_CARDS("expired_cards_{d}.csv", "card_no", "institution", "student_no", "valid_until"),
	/** The whole blocklist; qualified by the version. */
	HOTLIST_FULL("hotlist_{d}_v{q}_full.csv", "version", "card_no", "action", "reason", "since"),
	/** What a blocklist version changed; qualified by the version. */
	HOTLIST_DELTA("hotlist_{d}_v{q}_delta.csv", "version", "card_no", "action", "reason", "since"),
	/** Cards up for renewal with their eligibility; qualified by the institution. */
	RENEWAL_ELIGIBILITY("renewal_eligibility_{d}_{q}.csv", "card_no", "student_no", "name", "valid_until", "eligible",
			"reason"),
	/** Reconciliation exceptions raised or resolved by a date's run. */
	EXCEPTIONS("exceptions_{d}.csv", "clearing_date", "category", "status", "partner", "card_no", "card_seq",
			"source_file", "source_line", "amount_yuan", "detail"),
	/** What the issuer pays an operator, by mode and line; qualified by the operator. */
	SETTLEMENT_OPERATOR("settlement_{d}_{q}.csv", "clearing_date", "operator", "mode", "line", "taps", "trips",
			"full_fare_yuan", "discount_yuan", "charged_yuan", "held_yuan", "payable_yuan"),
	/** What a channel owes the issuer; qualified by the channel. */
	SETTLEMENT_CHANNEL("settlement_{d}_{q}.csv", "clearing_date", "channel", "recharges", "amount_yuan",
			"commission_bp", "commission_yuan", "net_receivable_yuan"),
	/** What the subsidy fund owes for student discounts; qualified by the fund. */
	SETTLEMENT_SUBSIDY("settlement_{d}_{q}.csv", "clearing_date", "operator", "mode", "student_taps", "discount_yuan",
			"clawback_yuan", "claimable_yuan"),
	/** One row per settlement file of a date. */
	SETTLEMENT_SUMMARY("settlement_{d}_summary.csv", "clearing_date", "partner", "role", "items", "gross_yuan",
			"deductions_yuan", "net_yuan", "direction"),
	/** Inbox files of a date rejected whole. */
	INBOX_REJECTS("inbox_rejects_{d}.csv", "source_file", "reason");

	private final String pattern;

	private final List<String> header;

	OutboundFile(String pattern, String... header) {
		this.pattern = pattern;
		this.header = List.of(header);
	}

	/**
	 * The columns.
	 * @return the header row
	 */
	public List<String> header() {
		return this.header;
	}

	/**
	 * Where the file of a date goes.
	 * @param outbox the outbox folder
	 * @param date the date
	 * @param qualifier the institution or version for the files named by one, else null
	 * @return the path
	 */
	public Path path(Path outbox, LocalDate date, Object qualifier) {
		if (this.pattern.contains("{q}") && qualifier == null) {
			throw new IllegalArgumentException(name() + " files are named by an institution or version");
		}
		String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);
		String name = this.pattern.replace("{d}", day).replace("{q}", String.valueOf(qualifier));
		return outbox.resolve(day).resolve(name);
	}

	/**
	 * Starts writing the file of a date; nothing is visible until it is published.
	 * @param outbox the outbox folder
	 * @param date the date
	 * @param qualifier the institution or version for the files named by one, else null
	 * @return the writer
	 */
	public OutboundCsvWriter create(Path outbox, LocalDate date, Object qualifier) {
		return OutboundCsvWriter.create(path(outbox, date, qualifier), this.header);
	}

}
