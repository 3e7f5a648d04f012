package io.cardops.jobs.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.eligibility.Eligibility;
import io.cardops.domain.eligibility.IneligibilityReason;
import io.cardops.domain.eligibility.RosterStanding;
import io.cardops.domain.roster.EnrollmentStatus;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.SqlResource;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Opens the renewal window of the run date's year and publishes, per institution,
 * {@code renewal_eligibility_<D>_<INSTITUTION>.csv}: the ACTIVE and EXPIRED cards valid
 * until September 30 of that year, each judged against the latest roster (a reason when
 * not eligible).
 */
@Service
public class OpenRenewalService {

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final Clock clock;

	private final String cardsUpForRenewal = SqlResource.load(getClass(), "cards-up-for-renewal.sql");

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 * @param clock the clock
	 */
	public OpenRenewalService(JdbcClient jdbc, CardopsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Opens the window and publishes the lists, once: a later run for the same year
	 * rewrites nothing and reports the counts published when the window opened.
	 * @param date the run date
	 * @return the run's summary
	 */
	public RunSummary open(LocalDate date) {
		int year = date.getYear();
		Optional<RunSummary> opened = this.jdbc
			.sql("SELECT opened_on, institutions, cards, eligible FROM renewal_window WHERE window_year = ?")
			.params(year)
			.query((rs, row) -> summary(RunOutcome.NOOP, year, rs.getObject(1, LocalDate.class), rs.getInt(2),
					rs.getInt(3), rs.getInt(4)))
			.optional();
		if (opened.isPresent()) {
			return opened.get();
		}
		// Eligible means still studying on the run date and through October 1 (not
		// graduating).
		LocalDate studyThrough = Eligibility.forRenewalList(year).isAfter(date) ? Eligibility.forRenewalList(year)
				: date;
		Map<String, List<Object[]>> lists = new LinkedHashMap<>();
		this.jdbc.sql("SELECT partner_code FROM partner WHERE role = 'INSTITUTION' ORDER BY partner_code")
			.query(String.class)
			.list()
			.forEach((institution) -> lists.put(institution, new ArrayList<>()));
		int[] eligible = { 0, 0 };
		this.jdbc.sql(this.cardsUpForRenewal)
			.param("validUntil", LocalDate.of(year, 9, 30))
			.query((RowCallbackHandler) (rs) -> {
				String status = rs.getString(5);
				RosterStanding standing = (status != null) ? new RosterStanding(EnrollmentStatus.valueOf(status),
						rs.getBoolean(6), rs.getObject(7, LocalDate.class)) : null;
				Optional<IneligibilityReason> reason = Eligibility.judge(standing, studyThrough);
				eligible[reason.isEmpty() ? 0 : 1]++;
				lists.computeIfAbsent(rs.getString(1), (institution) -> new ArrayList<>())
					.add(new Object[] { rs.getString(2), rs.getString(3), rs.getString(8),
							rs.getObject(4, LocalDate.class), reason.isEmpty() ? "Y" : "N",
							reason.map(Enum::name).orElse("") });
			});
		// Recorded in the run's transaction: when publishing fails the window stays
		// closed, and the next run publishes again.
		this.jdbc
			.sql("INSERT INTO renewal_window (window_year, opened_on, opened_at, institutions, cards, eligible)"
					+ " VALUES (?, ?, ?, ?, ?, ?)")
			.params(year, date, OffsetDateTime.now(this.clock), lists.size(), eligible[0] + eligible[1], eligible[0])
			.update();
		lists.forEach((institution, rows) -> {
			try (OutboundCsvWriter csv = OutboundFile.RENEWAL_ELIGIBILITY.create(this.properties.outbox(), date,
					institution)) {
				rows.forEach(csv::row);
				csv.publish();
			}
		});
		return summary(RunOutcome.COMPLETED, year, date, lists.size(), eligible[0] + eligible[1], eligible[0]);
	}

	private static RunSummary summary(RunOutcome outcome, int year, LocalDate openedOn, int institutions, int cards,
			int eligible) {
		return RunSummary.of(outcome)
			.with("window_year", year)
			.with("window_opened_on", openedOn)
			.with("institutions", institutions)
			.with("cards", cards)
			.with("eligible", eligible)
			.with("not_eligible", cards - eligible);
	}

}
