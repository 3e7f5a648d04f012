package io.cardops.jobs.roster;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.roster.RosterStudent;
import io.cardops.jobs.identity.IdentityKeys;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.IdentityHasher;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.SqlResource;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.roster.RosterReader;
import io.cardops.readers.roster.RosterRowSink;
import io.cardops.readers.roster.RosterScan;
import io.cardops.writers.bulk.BulkLoader;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.roster.RosterRejectsWriter;

/**
 * Imports one roster snapshot in two transactions: {@link #load} checks the file and
 * stages its accepted rows under a new import; {@link #apply} judges the safety rules
 * and, if they pass, points the institution at the new snapshot with one guarded update.
 * Until that update the previous snapshot is untouched, so a crash at any point leaves it
 * intact.
 */
@Service
public class RosterImportService {

	/**
	 * How far after today a roster's date may be: a registry may date its export for the
	 * start of next month, not for a year to come.
	 */
	static final int MAX_DAYS_AHEAD = 31;

	/** Import statuses kept in {@code roster_import.status}. */
	static final String LOADING = "LOADING";

	static final String LOADED = "LOADED";

	/**
	 * The longest reason roster_import keeps (V33); a longer one is cut, not refused by
	 * the database.
	 */
	private static final int REASON_LENGTH = 2000;

	private static final List<String> ENTRY_COLUMNS = List.of("import_id", "student_no", "line_no", "name", "id_type",
			"id_hash", "id_last4", "level", "salaried", "status", "enrolled_on", "expected_graduation");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final IdentityHasher hasher;

	private final IdentityKeys keys;

	private final CardopsProperties properties;

	private final Clock clock;

	private final RunProgress progress;

	private final String insertImport = SqlResource.load(getClass(), "insert-import.sql");

	private final String updateImport = SqlResource.load(getClass(), "update-import.sql");

	private final String eligibleAndDropped = SqlResource.load(getClass(), "eligible-and-dropped.sql");

	private final String switchSnapshot = SqlResource.load(getClass(), "switch-snapshot.sql");

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param dataSource the same database, for bulk loading on the transaction's
	 * connection
	 * @param hasher hashes identity numbers
	 * @param keys the database's identity-number key, checked where hashes are stored
	 * @param properties the settings
	 * @param clock the clock
	 * @param progress counts the rows read so far, for {@code cardops runs}
	 */
	public RosterImportService(JdbcClient jdbc, DataSource dataSource, IdentityHasher hasher, IdentityKeys keys,
			CardopsProperties properties, Clock clock, RunProgress progress) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.hasher = hasher;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.progress = progress;
	}

	/**
	 * Checks the file and stages its accepted rows; writes the rejects file when any row
	 * was rejected. Runs in the caller's transaction; a repeated call for the same job
	 * instance starts over.
	 * @param request the upload
	 * @param jobInstanceId the job instance (stable across restarts)
	 * @return the import id
	 * @throws Exception when the database fails (the transaction rolls back)
	 */
	public long load(RosterImportRequest request, long jobInstanceId) throws Exception {
		long importId = startImport(request, jobInstanceId);
		if (!isInstitution(request.institution())) {
			finish(importId, null, "REJECTED", new Counts(), "unknown institution " + request.institution()
					+ " (not an INSTITUTION in the partners reference data): the whole file is rejected and nothing"
					+ " was imported; check the institution code in the file name");
			return importId;
		}
		LocalDate today = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		if (request.fileDate().isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
			// The drop guard judges "currently eligible" at the file's date: far ahead,
			// after every student's graduation, nobody would be eligible and a truncated
			// file would pass. Refused before a row is read.
			finish(importId, null, "REJECTED", new Counts(),
					"the date in the file name, " + request.fileDate() + ", is more than " + MAX_DAYS_AHEAD
							+ " days after today (" + today + "): a roster is a snapshot as of its date;"
							+ " name the file with the date it was exported");
			return importId;
		}
		Optional<String> older = request.force() ? Optional.empty()
				: olderThanInForce(request.fileDate(), inForce(request.institution()));
		if (older.isPresent()) {
			// A full snapshot older than the one in force would undo every change since
			// (a re-sent old export, a second demo): refused before a row is read, and
			// again when applied (a roster applied meanwhile).
			finish(importId, null, "REJECTED", new Counts(), older.get());
			return importId;
		}
		RosterReader reader = new RosterReader(request.file(), request.charset(), request.fileDate());
		RosterScan scan;
		try {
			scan = reader.scan();
		}
		catch (InboundFileException ex) {
			finish(importId, null, "REJECTED", new Counts(), wholeFileRejected(ex, request));
			return importId;
		}
		Optional<Long> applied = appliedWithSameContent(request.institution(), scan.sha256());
		if (applied.isPresent()) {
			finish(importId, scan.sha256(), "NOOP", new Counts(scan.dataRows(), 0, 0),
					"the same content was already applied (import " + applied.get() + ")");
			return importId;
		}
		Counts counts = stage(request, scan, reader, importId);
		// Checked (and recorded when first) where the hashes are stored, in their
		// transaction: a rotation since this process started refuses them.
		int keyGeneration = this.keys
			.keyForNewHashes("roster import of " + request.file().getFileName() + " (import " + importId + ")");
		this.jdbc.sql("UPDATE roster_import SET key_generation = ? WHERE import_id = ?")
			.params(keyGeneration, importId)
			.update();
		// Header warnings (unknown columns) travel with the import until it is reported.
		String warnings = scan.warnings().isEmpty() ? null : String.join("; ", scan.warnings());
		finish(importId, scan.sha256(), LOADED, counts, warnings);
		return importId;
	}

	private long startImport(RosterImportRequest request, long jobInstanceId) {
		Optional<Long> previous = this.jdbc.sql("SELECT import_id FROM roster_import WHERE job_instance_id = ?")
			.params(jobInstanceId)
			.query(Long.class)
			.optional();
		if (previous.isPresent()) {
			// A restart of a load that committed but whose job did not finish: stage
			// again from scratch.
			this.jdbc.sql("DELETE FROM roster_entry WHERE import_id = ?").params(previous.get()).update();
			this.jdbc.sql("UPDATE roster_import SET status = ? WHERE import_id = ?")
				.params(LOADING, previous.get())
				.update();
			return previous.get();
		}
		long importId = this.jdbc.sql("SELECT nextval('roster_import_seq')").query(Long.class).single();
		this.jdbc.sql(this.insertImport)
			.param("importId", importId)
			.param("institution", request.institution())
			.param("fileName", request.file().getFileName().toString())
			.param("fileDate", request.fileDate())
			.param("charset", request.charset().name())
			.param("forced", request.force())
			.param("jobInstanceId", jobInstanceId)
			.param("startedAt", OffsetDateTime.now(this.clock))
			.update();
		return importId;
	}

	/**
	 * A file refused whole, in a sentence its sender can act on: where and what, that
	 * nothing was imported, and what to do.
	 */
	private static String wholeFileRejected(InboundFileException ex, RosterImportRequest request) {
		String remedy = ex.reason().startsWith("bytes not valid in ") ? "the file is not " + request.charset().name()
				+ " text: send it again declaring the charset it was" + " saved in (UTF-8 or GB18030)"
				: "correct the file and send it again";
		String warnings = ex.warnings().isEmpty() ? "" : "; " + String.join("; ", ex.warnings());
		return ex.locatedReason() + ": the whole file is rejected and nothing was imported; " + remedy + warnings;
	}

	private boolean isInstitution(String code) {
		return this.jdbc.sql("SELECT COUNT(*) FROM partner WHERE partner_code = ? AND role = 'INSTITUTION'")
			.params(code)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The institution's roster in force (its last applied snapshot), if any.
	 */
	private Optional<InForce> inForce(String institution) {
		return this.jdbc.sql("SELECT import_id, file_date FROM roster_current WHERE institution = ?")
			.params(institution)
			.query((rs, n) -> new InForce(rs.getLong(1), rs.getObject(2, LocalDate.class)))
			.optional();
	}

	/**
	 * An institution's roster in force.
	 *
	 * @param importId the import that applied it
	 * @param fileDate its snapshot's date
	 */
	private record InForce(long importId, LocalDate fileDate) {
	}

	/**
	 * Why a snapshot of this date may not replace the roster in force: it is older. A
	 * roster is a full snapshot, and an older one would undo every change since; the same
	 * content is restored by sending it as a current export, or applied with
	 * {@code --force}.
	 */
	private static Optional<String> olderThanInForce(LocalDate fileDate, Optional<InForce> inForce) {
		if (inForce.isEmpty() || !fileDate.isBefore(inForce.get().fileDate())) {
			return Optional.empty();
		}
		return Optional.of("the date in the file name, " + fileDate + ", is before that of the roster in force ("
				+ inForce.get().fileDate()
				+ "): a roster is a full snapshot, and an older one would undo what changed since;"
				+ " send a current export (the issuer's operators can apply it anyway with --force)");
	}

	/**
	 * The import that applied the institution's current snapshot, when it had the same
	 * content under the current key: sending the roster in force again changes nothing.
	 * The same content as an earlier snapshot that a later one replaced is applied again
	 * when sent as a current export (a roster is a full snapshot: a university that sent
	 * a wrong file goes back to its last good export by sending it again, dated today);
	 * after a key rotation the same file sent again is imported again, so that its hashes
	 * are made under the new key.
	 */
	private Optional<Long> appliedWithSameContent(String institution, String sha256) {
		return this.jdbc.sql("""
				SELECT import_id, sha256, key_generation FROM roster_import
				WHERE institution = ? AND status = 'COMPLETED'
				ORDER BY import_id DESC FETCH FIRST 1 ROW ONLY""")
			.params(institution)
			.query((rs, n) -> (sha256.equals(rs.getString(2)) && rs.getLong(3) == this.keys.currentGeneration())
					? rs.getLong(1) : null)
			.optional();
	}

	private Counts stage(RosterImportRequest request, RosterScan scan, RosterReader reader, long importId)
			throws Exception {
		Path rejectsPath = RosterRejectsWriter.target(this.properties.outbox(), request.institution(),
				request.fileDate());
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (BulkLoader loader = BulkLoader.open(connection, "roster_entry", ENTRY_COLUMNS);
				RosterRejectsWriter rejects = RosterRejectsWriter.create(rejectsPath)) {
			long[] rejected = { 0 };
			ProgressCounter read = this.progress.counter("rows");
			reader.read(scan, new RosterRowSink() {

				@Override
				public void accepted(long line, RosterStudent student) throws Exception {
					read.increment();
					String idType = student.idType().name();
					loader.add(importId, student.studentNo(), line, student.name(), idType,
							RosterImportService.this.hasher.hash(idType, student.idNo()),
							IdNumbers.last4(student.idNo()), student.level().name(), student.salaried(),
							student.status().name(), student.enrolledOn(), student.expectedGraduation());
				}

				@Override
				public void rejected(long line, String studentNo, String field, String reason) {
					read.increment();
					rejects.reject(line, studentNo, field, reason);
					rejected[0]++;
				}

			});
			long accepted = loader.finish();
			if (rejected[0] > 0) {
				rejects.publish();
			}
			else {
				// An earlier upload of the same day may have left a rejects file that no
				// longer applies.
				OutboundCsvWriter.withdraw(rejectsPath);
			}
			return new Counts(scan.dataRows(), accepted, rejected[0]);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * The import a job instance staged.
	 * @param jobInstanceId the job instance
	 * @return the import id
	 */
	public long importOf(long jobInstanceId) {
		return this.jdbc.sql("SELECT import_id FROM roster_import WHERE job_instance_id = ?")
			.params(jobInstanceId)
			.query(Long.class)
			.single();
	}

	/**
	 * Judges the staged import against the safety rules and applies it when they pass.
	 * @param importId the import
	 * @return the run's summary
	 */
	public RunSummary apply(long importId) {
		ImportRow row = row(importId);
		if (!LOADED.equals(row.status())) {
			return summary(row, RunOutcome.valueOf(row.status()), row.reason());
		}
		CardopsProperties.Roster rules = this.properties.roster();
		Counts counts = new Counts(row.dataRows(), row.acceptedRows(), row.rejectedRows());
		// The roster this one replaces: the switch below is guarded by its import, and
		// a later snapshot applied since this one was loaded is refused here.
		Optional<InForce> inForce = inForce(row.institution());
		Optional<Long> current = inForce.map(InForce::importId);
		long eligible = 0;
		long dropped = 0;
		if (current.isPresent()) {
			long[] result = this.jdbc.sql(this.eligibleAndDropped)
				.param("newImport", importId)
				.param("currentImport", current.get())
				.param("fileDate", row.fileDate())
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.single();
			eligible = result[0];
			dropped = result[1];
		}
		// Counted before any refusal, so that a rejected or held run reports them as an
		// applied one does (operations.md, "Roster import counts").
		counts = counts.withDrop(eligible, dropped);
		if (exceeds(row.rejectedRows(), row.dataRows(), rules.maxRejectedPercent())) {
			String reason = row.rejectedRows() + " of " + row.dataRows() + " rows rejected, more than "
					+ rules.maxRejectedPercent().stripTrailingZeros().toPlainString()
					+ "%: the whole file is rejected and nothing was imported; the rejects file gives each rejected"
					+ " row's line, field and reason: correct those rows and send the whole file again";
			return discard(importId, row, counts, "REJECTED", reason);
		}
		Optional<String> older = row.forced() ? Optional.empty() : olderThanInForce(row.fileDate(), inForce);
		if (older.isPresent()) {
			return discard(importId, row, counts, "REJECTED", older.get());
		}
		if (exceeds(dropped, eligible, rules.maxDropPercent()) && !row.forced()) {
			String reason = "the upload drops " + dropped + " of " + eligible
					+ " currently eligible students, more than "
					+ rules.maxDropPercent().stripTrailingZeros().toPlainString()
					+ "%: held, nothing was applied; if so many students really left, the issuer's operators apply it"
					+ " (re-run with --force), otherwise send the complete roster again";
			return discard(importId, row, counts, "HELD", reason);
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		if (current.isPresent()) {
			int switched = this.jdbc.sql(this.switchSnapshot)
				.param("newImport", importId)
				.param("fileDate", row.fileDate())
				.param("appliedAt", now)
				.param("institution", row.institution())
				.param("currentImport", current.get())
				.update();
			if (switched != 1) {
				throw new IllegalStateException(
						"the roster of " + row.institution() + " changed while this import ran; run it again");
			}
		}
		else {
			this.jdbc
				.sql("INSERT INTO roster_current (institution, import_id, file_date, applied_at) VALUES (?, ?, ?, ?)")
				.params(row.institution(), importId, row.fileDate(), now)
				.update();
		}
		String note = (row.forced() && exceeds(dropped, eligible, rules.maxDropPercent()))
				? withHeaderWarnings(
						"forced: applied although it drops " + dropped + " of " + eligible + " eligible students", row)
				: row.reason();
		finish(importId, row.sha256(), "COMPLETED", counts, note);
		return summary(withStatus(row, "COMPLETED", counts, note), RunOutcome.COMPLETED, note);
	}

	private ImportRow row(long importId) {
		return this.jdbc.sql("""
				SELECT institution, file_name, file_date, forced, status, data_rows, accepted_rows, rejected_rows,
				       eligible_before, dropped_students, reason, sha256
				FROM roster_import WHERE import_id = ?""")
			.params(importId)
			.query((rs, n) -> new ImportRow(rs.getString(1), rs.getString(2),
					rs.getObject(3, java.time.LocalDate.class), rs.getBoolean(4), rs.getString(5), rs.getLong(6),
					rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getString(12)))
			.single();
	}

	private RunSummary discard(long importId, ImportRow row, Counts counts, String status, String reason) {
		this.jdbc.sql("DELETE FROM roster_entry WHERE import_id = ?").params(importId).update();
		String message = withHeaderWarnings(reason, row);
		finish(importId, row.sha256(), status, counts, message);
		return summary(withStatus(row, status, counts, message), RunOutcome.valueOf(status), message);
	}

	/**
	 * A loaded import's reason holds its header warnings (unknown columns) until the
	 * import is reported; a verdict that brings its own reason keeps them after it.
	 */
	private static String withHeaderWarnings(String verdict, ImportRow row) {
		return (row.reason() != null) ? verdict + "; " + row.reason() : verdict;
	}

	private static boolean exceeds(long part, long whole, BigDecimal percent) {
		return whole > 0 && BigDecimal.valueOf(part)
			.multiply(BigDecimal.valueOf(100))
			.compareTo(percent.multiply(BigDecimal.valueOf(whole))) > 0;
	}

	private void finish(long importId, String sha256, String status, Counts counts, String reason) {
		this.jdbc.sql(this.updateImport)
			.param("sha256", sha256)
			.param("status", status)
			.param("dataRows", counts.dataRows())
			.param("acceptedRows", counts.accepted())
			.param("rejectedRows", counts.rejected())
			.param("eligibleBefore", counts.eligible())
			.param("droppedStudents", counts.dropped())
			.param("reason",
					(reason != null && reason.length() > REASON_LENGTH) ? reason.substring(0, REASON_LENGTH - 3) + "..."
							: reason)
			.param("finishedAt", OffsetDateTime.now(this.clock))
			.param("importId", importId)
			.update();
	}

	private RunSummary summary(ImportRow row, RunOutcome outcome, String message) {
		RunSummary summary = RunSummary.of(outcome)
			.with("institution", row.institution())
			.with("rows", row.dataRows())
			.with("accepted", row.acceptedRows())
			.with("rejected", row.rejectedRows())
			.with("eligible_before", row.eligibleBefore())
			.with("dropped", row.droppedStudents());
		if (row.rejectedRows() > 0) {
			summary.with("rejects_file",
					RosterRejectsWriter.target(this.properties.outbox(), row.institution(), row.fileDate()).toString());
		}
		summary.with("file", row.fileName());
		if (message == null) {
			return summary;
		}
		return summary.withMessage(message.startsWith(row.fileName()) ? message : row.fileName() + ": " + message);
	}

	private static ImportRow withStatus(ImportRow row, String status, Counts counts, String reason) {
		return new ImportRow(row.institution(), row.fileName(), row.fileDate(), row.forced(), status, counts.dataRows(),
				counts.accepted(), counts.rejected(), counts.eligible(), counts.dropped(), reason, row.sha256());
	}

	private record ImportRow(String institution, String fileName, java.time.LocalDate fileDate, boolean forced,
			String status, long dataRows, long acceptedRows, long rejectedRows, long eligibleBefore,
			long droppedStudents, String reason, String sha256) {
	}

	private record Counts(long dataRows, long accepted, long rejected, long eligible, long dropped) {

		Counts() {
			this(0, 0, 0, 0, 0);
		}

		Counts(long dataRows, long accepted, long rejected) {
			this(dataRows, accepted, rejected, 0, 0);
		}

		Counts withDrop(long eligible, long dropped) {
			return new Counts(this.dataRows, this.accepted, this.rejected, eligible, dropped);
		}

	}

}
