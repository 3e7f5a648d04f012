package io.cardops.jobs.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.text.VisibleText;
import io.cardops.domain.digest.Sha256;
import io.cardops.jobs.JobName;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunLocks;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.readers.roster.RosterFileName;
import io.cardops.writers.roster.RosterRejectsWriter;

/**
 * Roster uploads through the portal: receives the bytes under a name the server chooses,
 * runs the roster-import job on them exactly as {@code cardops run roster-import} does
 * (the same rules, outcome and rejects file) and records the upload with the import's
 * verdict in {@code roster_upload}.
 *
 * <p>
 * One import of an institution runs at a time across nodes: the upload takes the
 * institution's row of {@code run_lock} ({@link RunLocks}) for as long as it receives and
 * imports, and frees it however it ends. An upload that fails midway (the client went
 * away, the job failed) is recorded {@code FAILED} with its reason; its bytes are removed
 * and nothing is imported.
 */
@Service
public class RosterUploads {

	private static final Logger logger = LoggerFactory.getLogger(RosterUploads.class);

	private static final Map<String, Charset> CHARSETS = Map.of("UTF-8", StandardCharsets.UTF_8, "GB18030",
			Charset.forName("GB18030"));

	private static final List<String> FINAL = List.of("COMPLETED", "NOOP", "REJECTED", "HELD");

	/**
	 * An upload {@code u} that a later roster of its institution replaced or may replace:
	 * a later upload sent, whatever it was judged (running, applied, held, the same as
	 * the roster applied, or refused: the university has moved on from the held file, and
	 * re-sending the complete roster is what its page tells it to do), or a later import
	 * judged on the command line. Only a later run that failed (nothing judged, to be
	 * sent again) leaves it forceable. Only a held upload that is not superseded can be
	 * forced.
	 */
	private static final String SUPERSEDED = """
			(EXISTS (SELECT 1 FROM roster_upload l WHERE l.institution = u.institution AND l.upload_id > u.upload_id
			         AND l.status <> 'FAILED')
			 OR EXISTS (SELECT 1 FROM roster_import i WHERE i.institution = u.institution AND i.import_id > u.import_id
			            AND i.status IN ('COMPLETED', 'NOOP', 'HELD', 'REJECTED')))""";

	private static final String SELECT = """
			SELECT u.upload_id, u.file_name, u.institution, u.snapshot_date, u.uploaded_at, u.uploaded_by, u.status,
			       i.data_rows, i.accepted_rows, i.rejected_rows, i.eligible_before, i.dropped_students, u.reason,
			       u.rejects_name, u.forced_by, u.forced_at,
			       CASE WHEN u.status = 'HELD' AND NOT""" + SUPERSEDED + """
			        THEN 1 ELSE 0 END
			FROM roster_upload u LEFT JOIN roster_import i ON i.import_id = u.import_id
			""";

	private final JdbcClient jdbc;

	private final JobRunner jobs;

	private final RunLocks locks;

	private final CardopsProperties properties;

	private final RosterUploadProperties uploads;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param jdbc the database (each statement commits on its own)
	 * @param jobs runs the roster-import job as the command line does
	 * @param locks one import per institution at a time, across nodes
	 * @param properties the outbox the rejects files are published in
	 * @param uploads the uploads folder and the size limit
	 * @param clock the clock
	 */
	public RosterUploads(JdbcClient jdbc, JobRunner jobs, RunLocks locks, CardopsProperties properties,
			RosterUploadProperties uploads, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.locks = locks;
		this.properties = properties;
		this.uploads = uploads;
		this.clock = clock;
	}

	/**
	 * Receives one roster file and imports it.
	 * @param body the file's bytes (read to their end, not closed)
	 * @param clientName the file name as the client sent it
	 * @param charsetName the charset the client declared, null for UTF-8
	 * @param uploader who sends it
	 * @return the upload as judged (status {@code FAILED} when the bytes could not be
	 * received or the job failed)
	 * @throws RosterUploadException.BadName when the name is not a roster name (nothing
	 * is read or stored)
	 * @throws RosterUploadException.BadCharset when the charset is neither UTF-8 nor
	 * GB18030
	 * @throws RosterUploadException.ForeignInstitution when a university's account sends
	 * another institution's file
	 * @throws RosterUploadException.ImportRunning when an import of the same institution
	 * is running
	 * @throws RosterUploadException.TooLarge when the bytes exceed
	 * {@code cardops.http.max-upload} (nothing is stored)
	 */
	public RosterUpload accept(InputStream body, String clientName, String charsetName, Uploader uploader) {
		RosterFileName name = RosterFileName.parse(clientName)
			.orElseThrow(() -> new RosterUploadException.BadName(clientName));
		Charset charset = charset(charsetName);
		if (!uploader.mayAct(name.institution())) {
			throw new RosterUploadException.ForeignInstitution();
		}
		try (RunLocks.Held held = lock(name, false)) {
			return receiveAndImport(body, clientName, name, charset, uploader);
		}
	}

	private static Charset charset(String name) {
		if (name == null || name.isBlank()) {
			return StandardCharsets.UTF_8;
		}
		Charset charset = CHARSETS.get(name.strip().toUpperCase(Locale.ROOT));
		if (charset == null) {
			throw new RosterUploadException.BadCharset();
		}
		return charset;
	}

	private RunLocks.Held lock(RosterFileName name, boolean forcing) {
		try {
			// the lock the roster-import job takes (JobRunner), here held first
			String resource = JobRunner.rosterResource(name.institution());
			return this.locks.takeNamed(resource, resource, name.date());
		}
		catch (RunLocks.RunLockedException ex) {
			throw new RosterUploadException.ImportRunning(name.institution(), forcing);
		}
	}

	private RosterUpload receiveAndImport(InputStream body, String clientName, RosterFileName name, Charset charset,
			Uploader uploader) {
		Path folder = this.uploads.uploads();
		Path temp;
		Received received;
		try {
			Path incoming = Files.createDirectories(folder.resolve(".incoming"));
			temp = Files.createTempFile(incoming, "upload-", ".part");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write in the uploads folder " + folder.toAbsolutePath(), ex);
		}
		try {
			received = receive(body, temp);
		}
		catch (RosterUploadException ex) {
			deleteQuietly(temp);
			throw ex;
		}
		catch (IOException ex) {
			deleteQuietly(temp);
			logger.warn("roster upload {} from {} ({}) broke off: {}", clientName, uploader.account(),
					uploader.sourceAddress(), ex.toString());
			long id = insert(name, clientName, charset, uploader, null, null, RosterUpload.FAILED,
					"the upload broke off before the whole file arrived: nothing was imported; send the file again");
			return get(id);
		}
		long id = nextId();
		Path stored = folder.resolve(Long.toString(id)).resolve(name.fileName());
		try {
			Files.createDirectories(stored.getParent());
			move(temp, stored);
		}
		catch (IOException ex) {
			deleteQuietly(temp);
			throw new IllegalStateException("cannot keep the upload in " + stored.toAbsolutePath(), ex);
		}
		insert(id, name, clientName, charset, uploader, received, folder.relativize(stored).toString(),
				RosterUpload.RUNNING, null);
		Verdict verdict = runImport(id, stored, name, charset, false);
		this.jdbc.sql("""
				UPDATE roster_upload SET status = ?, import_id = ?, reason = ?, rejects_name = ?, rejects_sha256 = ?
				WHERE upload_id = ?""")
			.params(verdict.status(), verdict.importId(), verdict.reason(), verdict.rejectsName(),
					verdict.rejectsSha256(), id)
			.update();
		if (RosterUpload.FAILED.equals(verdict.status())) {
			deleteQuietly(stored);
			deleteQuietly(stored.getParent());
		}
		else {
			forgetBytes(name.institution(), stored, verdict.status());
		}
		return get(id);
	}

	/**
	 * Removes the uploaded bytes, which hold identity numbers in clear, as soon as no
	 * force can need them: an upload judged anything but held is done with them, and so
	 * is every held upload of the institution that can no longer be forced (a later
	 * roster was sent or applied since, through the portal or the command line: the same
	 * rule as the force's). The database keeps the hashes and the last 4 characters, as
	 * domain.md asks; the copy of the rejects file stays beside.
	 */
	private void forgetBytes(String institution, Path stored, String status) {
		if (!RosterUpload.HELD.equals(status)) {
			deleteQuietly(stored);
		}
		for (String superseded : this.jdbc
			.sql("SELECT u.stored_name FROM roster_upload u WHERE u.institution = ? AND u.status = 'HELD'"
					+ " AND u.stored_name IS NOT NULL AND " + SUPERSEDED)
			.params(institution)
			.query(String.class)
			.list()) {
			deleteQuietly(this.uploads.uploads().resolve(superseded));
		}
	}

	private Received receive(InputStream body, Path temp) throws IOException {
		long limit = this.uploads.http().maxUpload().toBytes();
		MessageDigest digest = Sha256.newDigest();
		long bytes = 0;
		byte[] buffer = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(temp)) {
			int read;
			while ((read = body.read(buffer)) >= 0) {
				bytes += read;
				if (bytes > limit) {
					throw new RosterUploadException.TooLarge(limit);
				}
				digest.update(buffer, 0, read);
				out.write(buffer, 0, read);
			}
		}
		return new Received(Sha256.hex(digest), bytes);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Runs the roster-import job on a stored upload, as the command line does, and keeps
	 * a copy of the rejects file it published.
	 */
	private Verdict runImport(long id, Path stored, RosterFileName name, Charset charset, boolean force) {
		RosterImportRequest request = new RosterImportRequest(stored, name.institution(), name.date(), charset, force);
		JobRunner.RunResult result;
		try {
			result = this.jobs.run(JobName.ROSTER_IMPORT, request.toParameters());
		}
		catch (RuntimeException ex) {
			logger.error("roster upload {}: the roster-import job could not run", id, ex);
			return Verdict.failed(null, "the import could not start on the issuer's side: nothing was imported;"
					+ " send the file again later, or ask the issuer's operators if it keeps failing");
		}
		Optional<ImportVerdict> imported = this.jdbc.sql("""
				SELECT r.import_id, r.status, r.reason, r.rejected_rows FROM roster_import r
				JOIN batch_job_execution e ON e.job_instance_id = r.job_instance_id
				WHERE e.job_execution_id = ?""")
			.params(result.executionId())
			.query((rs, n) -> new ImportVerdict(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.optional();
		if (result.outcome() == RunOutcome.FAILED || imported.isEmpty() || !FINAL.contains(imported.get().status())) {
			logger.error("roster upload {}: roster-import run {} failed: {}", id, result.executionId(),
					result.message());
			return Verdict.failed(imported.map(ImportVerdict::importId).orElse(null),
					"the import stopped on an error on the issuer's side (run " + result.executionId()
							+ "): nothing was imported; send the file again later, or ask the issuer's operators"
							+ " if it keeps failing");
		}
		ImportVerdict verdict = imported.get();
		String rejectsName = null;
		String rejectsSha256 = null;
		if (verdict.rejectedRows() > 0) {
			Path published = RosterRejectsWriter.target(this.properties.outbox(), name.institution(), name.date());
			Path kept = stored.resolveSibling("rejects-" + verdict.importId() + ".csv");
			try {
				Files.copy(published, kept, StandardCopyOption.REPLACE_EXISTING);
				rejectsName = this.uploads.uploads().relativize(kept).toString();
				rejectsSha256 = Sha256.of(kept);
			}
			catch (IOException ex) {
				logger.warn("roster upload {}: cannot keep a copy of its rejects file {}", id, published, ex);
			}
		}
		return new Verdict(verdict.status(), verdict.importId(), verdict.reason(), rejectsName, rejectsSha256);
	}

	/**
	 * How many held uploads can still be forced (the latest of their institution, no
	 * later roster applied), for the operations board.
	 * @return the count
	 */
	public long forceable() {
		return this.jdbc.sql("SELECT COUNT(*) FROM roster_upload u WHERE u.status = 'HELD' AND NOT " + SUPERSEDED)
			.query(Long.class)
			.single();
	}

	/**
	 * Applies an institution's latest held upload as {@code cardops run roster-import
	 * --force} does, recording who forced it.
	 * @param uploadId the upload
	 * @param operator who forces it (the issuer's operations)
	 * @return the upload as judged again
	 * @throws RosterUploadException.NotFound when there is no such upload
	 * @throws RosterUploadException.NotForceable when it is not its institution's latest
	 * held upload
	 * @throws RosterUploadException.ImportRunning when an import of the institution is
	 * running
	 */
	public RosterUpload force(long uploadId, Uploader operator) {
		RosterUpload upload = get(uploadId, operator);
		RosterFileName name = new RosterFileName(upload.institution(), upload.snapshotDate());
		try (RunLocks.Held held = lock(name, true)) {
			Stored stored = this.jdbc.sql("SELECT status, stored_name, charset FROM roster_upload WHERE upload_id = ?")
				.params(uploadId)
				.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
				.single();
			if (!RosterUpload.HELD.equals(stored.status())) {
				throw new RosterUploadException.NotForceable(uploadId, "it is " + stored.status() + ", not HELD");
			}
			if (this.jdbc.sql("SELECT COUNT(*) FROM roster_upload u WHERE u.upload_id = ? AND " + SUPERSEDED)
				.params(uploadId)
				.query(Long.class)
				.single() > 0) {
				throw new RosterUploadException.NotForceable(uploadId, "a later roster of " + upload.institution()
						+ " was sent since; only the latest held upload" + " can be forced");
			}
			Path file = this.uploads.uploads().resolve(stored.storedName());
			if (!Files.isRegularFile(file)) {
				throw new RosterUploadException.NotForceable(uploadId, "its file is no longer kept");
			}
			Verdict verdict = runImport(uploadId, file, name, Charset.forName(stored.charset()), true);
			if (RosterUpload.FAILED.equals(verdict.status())) {
				throw new IllegalStateException("forcing roster upload " + uploadId + " failed: " + verdict.reason());
			}
			this.jdbc.sql("""
					UPDATE roster_upload SET status = ?, import_id = ?, reason = ?, rejects_name = ?,
					       rejects_sha256 = ?, forced_by = ?, forced_at = ?
					WHERE upload_id = ?""")
				.params(verdict.status(), verdict.importId(), verdict.reason(), verdict.rejectsName(),
						verdict.rejectsSha256(), operator.account(), OffsetDateTime.now(this.clock), uploadId)
				.update();
			forgetBytes(upload.institution(), file, verdict.status());
			return get(uploadId);
		}
	}

	/**
	 * The uploads an asker may see, newest first.
	 * @param asker who asks
	 * @param institution only this institution's, or null for every one the asker may see
	 * @return the uploads (none when a university asks for another institution's)
	 */
	public List<RosterUpload> list(Uploader asker, String institution) {
		String only = (asker.institution() != null) ? asker.institution() : institution;
		if (institution != null && !institution.equals(only)) {
			return List.of();
		}
		if (only == null) {
			return this.jdbc.sql(SELECT + "ORDER BY u.upload_id DESC").query(this::upload).list();
		}
		return this.jdbc.sql(SELECT + "WHERE u.institution = ? ORDER BY u.upload_id DESC")
			.params(only)
			.query(this::upload)
			.list();
	}

	/**
	 * One upload.
	 * @param id the upload
	 * @param asker who asks
	 * @return the upload
	 * @throws RosterUploadException.NotFound when there is none, or it belongs to an
	 * institution the asker may not see
	 */
	public RosterUpload get(long id, Uploader asker) {
		RosterUpload upload = find(id).orElseThrow(() -> new RosterUploadException.NotFound("upload " + id));
		if (!asker.mayAct(upload.institution())) {
			throw new RosterUploadException.NotFound("upload " + id);
		}
		return upload;
	}

	/**
	 * The rejects file of an upload, byte for byte as the job published it.
	 * @param id the upload
	 * @param asker who asks
	 * @return the bytes
	 * @throws RosterUploadException.NotFound when there is no such upload the asker may
	 * see, or it has no rejects
	 */
	public byte[] rejects(long id, Uploader asker) {
		get(id, asker);
		String kept = this.jdbc.sql("SELECT rejects_name FROM roster_upload WHERE upload_id = ?")
			.params(id)
			.query(String.class)
			.optional()
			.orElse(null);
		if (kept == null) {
			throw new RosterUploadException.NotFound("rejects of upload " + id);
		}
		try {
			return Files.readAllBytes(this.uploads.uploads().resolve(kept));
		}
		catch (IOException ex) {
			logger.warn("roster upload {}: cannot read its rejects file {}", id, kept, ex);
			throw new RosterUploadException.NotFound("rejects of upload " + id);
		}
	}

	private RosterUpload get(long id) {
		return find(id).orElseThrow(() -> new IllegalStateException("upload " + id + " was not recorded"));
	}

	private Optional<RosterUpload> find(long id) {
		return this.jdbc.sql(SELECT + "WHERE u.upload_id = ?").params(id).query(this::upload).optional();
	}

	private RosterUpload upload(ResultSet rs, int row) throws SQLException {
		String institution = rs.getString(3);
		LocalDate date = rs.getObject(4, LocalDate.class);
		String rejectsFile = (rs.getString(14) != null)
				? RosterRejectsWriter.target(Path.of("."), institution, date).getFileName().toString() : null;
		return new RosterUpload(rs.getLong(1), rs.getString(2), institution, date,
				rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), count(rs, 8), count(rs, 9),
				count(rs, 10), count(rs, 11), count(rs, 12), rs.getString(13), rejectsFile, rs.getString(15),
				rs.getObject(16, OffsetDateTime.class), rs.getInt(17) == 1);
	}

	private static Long count(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private long nextId() {
		return this.jdbc.sql("SELECT nextval('roster_upload_seq')").query(Long.class).single();
	}

	private long insert(RosterFileName name, String clientName, Charset charset, Uploader uploader, Received received,
			String storedName, String status, String reason) {
		long id = nextId();
		insert(id, name, clientName, charset, uploader, received, storedName, status, reason);
		return id;
	}

	private void insert(long id, RosterFileName name, String clientName, Charset charset, Uploader uploader,
			Received received, String storedName, String status, String reason) {
		this.jdbc.sql("""
				INSERT INTO roster_upload (upload_id, institution, file_name, snapshot_date, stored_name, sha256, bytes,
				       charset, uploaded_at, uploaded_by, source_address, status, reason)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, name.institution(), clientName, name.date(), storedName,
					(received != null) ? received.sha256() : null, (received != null) ? received.bytes() : null,
					charset.name(), OffsetDateTime.now(this.clock), cut(uploader.account(), 128),
					cut(uploader.sourceAddress(), 64), status, reason)
			.update();
	}

	private static String cut(String text, int length) {
		return VisibleText.cut(text, length);
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.warn("cannot remove {}", path, ex);
		}
	}

	private record Received(String sha256, long bytes) {
	}

	private record ImportVerdict(long importId, String status, String reason, long rejectedRows) {
	}

	private record Stored(String status, String storedName, String charset) {
	}

	private record Verdict(String status, Long importId, String reason, String rejectsName, String rejectsSha256) {

		static Verdict failed(Long importId, String reason) {
			return new Verdict(RosterUpload.FAILED, importId, reason, null, null);
		}

	}

}
