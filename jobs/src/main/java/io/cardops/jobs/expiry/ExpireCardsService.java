package io.cardops.jobs.expiry;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.SqlResource;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Expires every ACTIVE card whose {@code valid_until} is before the run date, in two
 * set-based statements, and lists them in {@code expired_cards_<D>.csv}. A second run of
 * the same date finds nothing to expire and changes nothing.
 */
@Service
public class ExpireCardsService {

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final String recordExpiry = SqlResource.load(getClass(), "record-expiry.sql");

	private final String expireCards = SqlResource.load(getClass(), "expire-cards.sql");

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 */
	public ExpireCardsService(JdbcClient jdbc, CardopsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Expires the cards whose validity ended before a date.
	 * @param date the run date
	 * @return the run's summary
	 */
	public RunSummary expire(LocalDate date) {
		// A card expired by this run has been invalid since the start of the run date
		// (Asia/Shanghai).
		OffsetDateTime since = date.atStartOfDay(AcademicCalendar.ZONE).toOffsetDateTime();
		int recorded = this.jdbc.sql(this.recordExpiry).param("runDate", date).update();
		int expired = this.jdbc.sql(this.expireCards).param("runDate", date).param("since", since).update();
		if (recorded != expired) {
			throw new IllegalStateException(
					"recorded " + recorded + " expiries but expired " + expired + " cards; the run is rolled back");
		}
		if (expired == 0) {
			return RunSummary.of(RunOutcome.NOOP).with("expired", 0);
		}
		try (OutboundCsvWriter csv = OutboundFile.EXPIRED_CARDS.create(this.properties.outbox(), date, null)) {
			this.jdbc.sql("""
					SELECT x.card_no, c.institution, c.student_no, x.valid_until
					FROM card_expiry x JOIN card c ON c.card_no = x.card_no
					WHERE x.run_date = ? ORDER BY x.card_no""")
				.params(date)
				.query((org.springframework.jdbc.core.RowCallbackHandler) (rs) -> csv.row(rs.getString(1),
						rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
			csv.publish();
		}
		return RunSummary.of(RunOutcome.COMPLETED).with("expired", expired);
	}

}
