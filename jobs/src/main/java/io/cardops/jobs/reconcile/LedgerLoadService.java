package io.cardops.jobs.reconcile;

import java.sql.Connection;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.inbox.InboxService.Arrival;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.Statistics;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.readers.ledger.LedgerFileReader;
import io.cardops.readers.ledger.LedgerFileTotals;
import io.cardops.readers.ledger.Malformed;
import io.cardops.readers.ledger.Payment;
import io.cardops.readers.ledger.Recharge;
import io.cardops.readers.ledger.RowSink;
import io.cardops.readers.ledger.Tap;
import io.cardops.writers.bulk.BulkLoader;

/**
 * Loads the new, complete tap, recharge and payment files of a clearing date (files.md,
 * "Control files"), streaming each into the database in bulk with its file and line. A
 * file whose bytes do not match its control file is rejected before it is read; one whose
 * rows or sum do not match is removed again and rejected. A malformed row is kept aside
 * and becomes a MALFORMED_RECORD exception.
 */
@Service
public class LedgerLoadService {

	/** The inbox kinds reconciliation reads, in the order it takes them in. */
	static final List<String> KINDS = List.of("taps", "recharges", "payments");

	/** The partner role that sends each kind. */
	private static final Map<String, String> SENDERS = Map.of("taps", "OPERATOR", "recharges", "CHANNEL", "payments",
			"PSP");

	static final List<String> ROW_COLUMNS = List.of("source_file", "source_line", "clearing_date", "partner", "kind",
			"card_no", "card_seq", "ext_id", "happened_at", "mode", "line_name", "station", "device_id", "tap_type",
			"full_fare_fen", "charged_fen", "discount", "amount_fen", "payment_ref", "balance_after_fen");

	private static final List<String> PAYMENT_COLUMNS = List.of("source_file", "source_line", "clearing_date",
			"partner", "payment_ref", "payment_type", "paid_at", "amount_fen", "fee_fen", "original_ref");

	private final InboxService inbox;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Statistics statistics;

	private final RunProgress progress;

	/**
	 * Creates the service.
	 * @param inbox the inbox
	 * @param jdbc the database
	 * @param dataSource the same database, for bulk loading in the caller's transaction
	 * @param statistics refreshes the planner's statistics after the load
	 * @param progress counts the rows read so far, by kind, for {@code cardops runs}
	 */
	public LedgerLoadService(InboxService inbox, JdbcClient jdbc, DataSource dataSource, Statistics statistics,
			RunProgress progress) {
		this.inbox = inbox;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.statistics = statistics;
		this.progress = progress;
	}

	/**
	 * Loads the date's new files, ordering the new tap and top-up rows per card in a
	 * spill sort as they are read when one is given.
	 * @param date the clearing date
	 * @param spill where the rows are sorted for the judging, or null
	 * @return what was taken in
	 * @throws Exception when the database refuses the data (the transaction rolls back)
	 */
	Loaded load(LocalDate date, DaySpill spill) throws Exception {
		this.statistics.batchTransaction();
		int files = 0;
		int waiting = 0;
		int rejected = 0;
		// Every kind shows from the start, at 0 until its files are read.
		Map<String, ProgressCounter> read = new HashMap<>();
		KINDS.forEach((kind) -> read.put(kind, this.progress.counter(kind)));
		for (String kind : KINDS) {
			InboxService.Intake intake = this.inbox.takeIn(kind, date, SENDERS.get(kind),
					(arrival) -> take(kind, arrival, read.get(kind), spill));
			files += intake.files();
			waiting += intake.waiting();
			rejected += intake.rejected();
		}
		this.inbox.recordRowsSetAside(date, KINDS);
		this.inbox.publishRejects(date);
		this.statistics.refresh("ledger_row", "payment_row", "ledger_malformed");
		this.statistics.summarize("ledger_row_by_date", "payment_row_by_date");
		return new Loaded(files, waiting, rejected);
	}

	private InboxService.Taken take(String kind, Arrival arrival, ProgressCounter read, DaySpill spill)
			throws Exception {
		ControlFile control;
		try {
			control = ControlFile.read(arrival.path());
		}
		catch (InboundFileException ex) {
			return InboxService.Taken.rejected(ex.locatedReasonAndWarnings());
		}
		if (!control.sha256().equals(arrival.sha256())) {
			return InboxService.Taken.rejected("content does not match its control file (sha256 differs)");
		}
		LedgerFileTotals totals;
		List<Malformed> malformed = new ArrayList<>();
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		// A file is loaded whole or not at all: a failure part-way (which also aborts a
		// PostgreSQL COPY)
		// or a mismatch with the control file rolls back to here, keeping the other files
		// of the run.
		Savepoint beforeFile = connection.setSavepoint();
		try {
			try (BulkLoader loader = BulkLoader.openInBackground(connection,
					kind.equals("payments") ? "payment_row" : "ledger_row",
					kind.equals("payments") ? PAYMENT_COLUMNS : ROW_COLUMNS)) {
				totals = read(kind, arrival, loader, malformed, read, spill);
				loader.finish();
			}
			catch (InboundFileException ex) {
				connection.rollback(beforeFile);
				return InboxService.Taken.rejected(ex.locatedReasonAndWarnings());
			}
			String mismatch = control.mismatch(totals.totals());
			if (mismatch != null) {
				connection.rollback(beforeFile);
				return InboxService.Taken.rejected(mismatch);
			}
			connection.releaseSavepoint(beforeFile);
			if (spill != null && !kind.equals("payments")) {
				// Only now do its rows count in the sort: a file rejected above left them
				// there, unread.
				spill.loaded(arrival.fileName());
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		for (Malformed row : malformed) {
			this.jdbc
				.sql("""
						INSERT INTO ledger_malformed (source_file, source_line, clearing_date, partner, kind, card_no, card_seq,
						    mode, line_name, reason)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(arrival.fileName(), row.line(), arrival.name().date(), arrival.name().partner(), code(kind),
						cut(row.cardNo()), cut(row.cardSeq()), cut(row.mode()), cut(row.lineName()), row.reason())
				.update();
			this.jdbc.sql("""
					INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq,
					    source_file, source_line, amount_fen, detail)
					VALUES (?, 'MALFORMED_RECORD', 'OPEN', ?, ?, ?, ?, ?, 0, ?)""")
				.params(arrival.name().date(), arrival.name().partner(), cut(row.cardNo()), cut(row.cardSeq()),
						arrival.fileName(), row.line(), row.reason())
				.update();
		}
		return InboxService.Taken.loaded(totals.totals().records(), totals.warnings(), control.sumFen());
	}

	private static LedgerFileTotals read(String kind, Arrival arrival, BulkLoader loader, List<Malformed> malformed,
			ProgressCounter read, DaySpill spill) throws Exception {
		String file = arrival.fileName();
		LocalDate date = arrival.name().date();
		String partner = arrival.name().partner();
		return switch (kind) {
			case "taps" -> LedgerFileReader.readTaps(arrival.path(), date, sink(malformed, read, (line, tap) -> {
				loader.add(file, line, date, partner, "T", tap.cardNo(), tap.cardSeq(), tap.txnId(), tap.tappedAt(),
						tap.mode().name(), tap.line(), tap.station(), tap.deviceId(), tap.tapType().name(),
						tap.fullFareFen(), tap.chargedFen(), tap.discount().name(), null, null, tap.balanceAfterFen());
				if (spill != null) {
					spill.add(new LedgerRow(true, file, (int) line, date, partner, "T", tap.cardNo(), tap.cardSeq(),
							tap.tappedAt(), tap.mode(), tap.tapType(), tap.fullFareFen(), tap.chargedFen(),
							tap.discount(), null, tap.balanceAfterFen()));
				}
			}));
			case "recharges" ->
				LedgerFileReader.readRecharges(arrival.path(), date, sink(malformed, read, (line, recharge) -> {
					loader.add(file, line, date, partner, "R", recharge.cardNo(), recharge.cardSeq(),
							recharge.rechargeId(), recharge.rechargedAt(), null, null, null, null, null, null, null,
							null, recharge.amountFen(), recharge.paymentRef(), recharge.balanceAfterFen());
					if (spill != null) {
						spill.add(new LedgerRow(true, file, (int) line, date, partner, "R", recharge.cardNo(),
								recharge.cardSeq(), recharge.rechargedAt(), null, null, null, null, null,
								recharge.amountFen(), recharge.balanceAfterFen()));
					}
				}));
			default -> LedgerFileReader.readPayments(arrival.path(), date,
					sink(malformed, read,
							(line, payment) -> loader.add(file, line, date, partner, payment.paymentRef(),
									payment.type().name(), payment.paidAt(), payment.amountFen(), payment.feeFen(),
									payment.originalRef())));
		};
	}

	/**
	 * Loads each row, keeps the malformed ones aside, and counts both as read (a file
	 * rejected later is rolled back, but its rows were read).
	 */
	private static <T> RowSink<T> sink(List<Malformed> malformed, ProgressCounter read, Row<T> rows) {
		return new RowSink<>() {

			@Override
			public void row(long line, T row) throws Exception {
				rows.accept(line, row);
				read.increment();
			}

			@Override
			public void malformed(Malformed row) {
				malformed.add(row);
				read.increment();
			}

		};
	}

	private static String code(String kind) {
		return switch (kind) {
			case "taps" -> "T";
			case "recharges" -> "R";
			default -> "P";
		};
	}

	private static String cut(String text) {
		return VisibleText.cut(text, 64);
	}

	@FunctionalInterface
	private interface Row<T> {

		void accept(long line, T row) throws Exception;

	}

	/**
	 * What a load took in.
	 *
	 * @param files new files (loaded or rejected)
	 * @param waiting files still without their control file
	 * @param rejected files rejected whole
	 */
	public record Loaded(int files, int waiting, int rejected) {
	}

}
