package io.cardops.jobs.reconcile;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

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
	 * The newest exception so far, so that a run can tell the exceptions it raised.
	 * @return the highest exception id, 0 when there is none
	 */
	public long watermark() {
		return this.jdbc.sql("SELECT COALESCE(MAX(exception_id), 0) FROM recon_exception").query(Long.class).single();
	}

	/**
	 * The exceptions of a date raised after a watermark, per category.
	 * @param date the clearing date
	 * @param watermark the highest exception id before the run
	 * @return the counts per category, by category name
	 */
	public Map<String, Long> raisedSince(LocalDate date, long watermark) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("""
				SELECT category, COUNT(*) FROM recon_exception WHERE clearing_date = ? AND exception_id > ?
				GROUP BY category""")
			.params(date, watermark)
			.query((RowCallbackHandler) (rs) -> counts.put(rs.getString(1), rs.getLong(2)));
		return counts;
	}

	private static String trimmed(String text) {
		return (text != null) ? text.trim() : null;
	}

}
