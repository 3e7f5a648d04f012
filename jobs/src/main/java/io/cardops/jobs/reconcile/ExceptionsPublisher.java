package io.cardops.jobs.reconcile;

import java.time.LocalDate;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.SqlResource;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Publishes {@code exceptions_<D>.csv} from the stored exceptions, sorted, so a re-run
 * writes the same bytes, and reports the date's counts.
 */
@Service
public class ExceptionsPublisher {

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final InboxService inbox;

	private final String exceptionsOfDate = SqlResource.load(getClass(), "exceptions-of-date.sql");

	private final String countsOfDate = SqlResource.load(getClass(), "counts-of-date.sql");

	/**
	 * Creates the publisher.
	 * @param jdbc the database
	 * @param properties the settings (the outbox)
	 * @param inbox what the date's files were warned about
	 */
	public ExceptionsPublisher(JdbcClient jdbc, CardopsProperties properties, InboxService inbox) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.inbox = inbox;
	}

	/**
	 * Publishes the file and returns the run's summary.
	 * @param date the clearing date
	 * @param newFiles files the run took in (none: the run is a no-op)
	 * @return the summary
	 */
	public RunSummary publish(LocalDate date, int newFiles) {
		try (OutboundCsvWriter csv = OutboundFile.EXCEPTIONS.create(this.properties.outbox(), date, null)) {
			this.jdbc.sql(this.exceptionsOfDate)
				.param("date", date)
				.query((RowCallbackHandler) (rs) -> csv.row(rs.getObject(1, LocalDate.class), rs.getString(2),
						rs.getString(3), rs.getString(4), trimmed(rs.getString(5)), rs.getString(6), rs.getString(7),
						rs.getInt(8), OutboundCsvWriter.yuan(rs.getLong(9)), rs.getString(10)));
			csv.publish();
		}
		RunSummary summary = RunSummary.of((newFiles == 0) ? RunOutcome.NOOP : RunOutcome.COMPLETED);
		this.jdbc.sql(this.countsOfDate).param("date", date).query((RowCallbackHandler) (rs) -> {
			for (String key : new String[] { "taps", "recharges", "payments", "exceptions", "held", "dropped",
					"files_rejected" }) {
				summary.with(key, rs.getLong(key));
			}
		});
		String warnings = this.inbox.warnings(date, LedgerLoadService.KINDS);
		return (warnings != null) ? summary.withMessage(warnings) : summary;
	}

	/**
	 * Counts the exceptions of a date per category again, into
	 * {@code recon_exception_total} (V28), which the metrics sum instead of counting a
	 * year of exceptions at every scrape. Every exception of a date is raised by that
	 * date's reconciliation, and none is ever deleted, so a date's totals only grow.
	 * @param date the clearing date
	 */
	public void countRaised(LocalDate date) {
		this.jdbc.sql("DELETE FROM recon_exception_total WHERE clearing_date = ?").params(date).update();
		this.jdbc.sql("""
				INSERT INTO recon_exception_total (clearing_date, category, raised)
				SELECT clearing_date, category, COUNT(*) FROM recon_exception WHERE clearing_date = ?
				GROUP BY clearing_date, category""").params(date).update();
	}

	private static String trimmed(String text) {
		return (text != null) ? text.trim() : null;
	}

}
