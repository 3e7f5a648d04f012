package io.cardops.portal.settlement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.settle.SettlementBrowser.Download;
import io.cardops.jobs.settle.SettlementBrowser.NotArchivedException;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;
import io.cardops.writers.workbook.CsvWorkbook;

/**
 * A settlement file's or a version's bytes as an HTTP answer, shared by the API and the
 * pages: the CSV as published ({@code text/csv; charset=UTF-8}, {@code ETag} its SHA-256,
 * 304 when the client has it), the same file as a workbook, a version's zip; every
 * download written to the audit log ({@value #DOWNLOAD}, {@value #ARCHIVE}).
 */
@Component
public class SettlementDownloads {

	/** The audit action of a file downloaded. */
	public static final String DOWNLOAD = "settlement.download";

	/** The audit action of a version's zip downloaded. */
	public static final String ARCHIVE = "settlement.archive";

	/** A CSV's media type. */
	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final MediaType XLSX = MediaType.parseMediaType(CsvWorkbook.MEDIA_TYPE);

	private final SettlementBrowser browser;

	private final AuditLog audit;

	/**
	 * Creates the helper.
	 * @param browser the published settlement
	 * @param audit the audit log
	 */
	public SettlementDownloads(SettlementBrowser browser, AuditLog audit) {
		this.browser = browser;
		this.audit = audit;
	}

	/**
	 * A file of a version, as CSV or as a workbook.
	 * @param date the clearing date
	 * @param version the version, or null for the latest
	 * @param name the file's name
	 * @param format {@code csv} (or null) or {@code xlsx}
	 * @param user who asks
	 * @param request the request (If-None-Match, the client's address)
	 * @return the answer: 200 with the bytes, or 304
	 * @throws ErrorResponseException 400 for an unknown format, 404 for an unknown date,
	 * version or file, 410 for a version no longer kept
	 */
	public ResponseEntity<byte[]> file(LocalDate date, Integer version, String name, String format, PortalUser user,
			HttpServletRequest request) {
		boolean workbook = workbook(format);
		Download download = found(notArchived(() -> this.browser.file(date, version, name)), "no settlement file "
				+ VisibleText.shown(name, 77) + " of " + date + ((version != null) ? " version " + version : ""));
		String etag = workbook ? "W/\"" + download.sha256() + "-xlsx\"" : "\"" + download.sha256() + "\"";
		if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		byte[] body = download.content();
		boolean csv = name.endsWith(".csv");
		String sheet = csv ? name.substring(0, name.length() - 4) : name;
		// The latest version downloads under its published name (the
		// partners' contract); an earlier one under that name with its
		// version, so that a clerk who saves both can tell them apart (as
		// the version's zip is named).
		String saved = download.latest() ? sheet : sheet + "_v" + download.version();
		String fileName = csv ? saved + ".csv" : saved;
		MediaType type = CSV;
		if (workbook) {
			ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
			CsvWorkbook.export(new ByteArrayInputStream(body), sheet, xlsx);
			body = xlsx.toByteArray();
			fileName = saved + ".xlsx";
			type = XLSX;
		}
		record(user, request, DOWNLOAD, date + " v" + download.version() + " " + (workbook ? sheet + ".xlsx" : name));
		return ResponseEntity.ok()
			.contentType(type)
			.eTag(etag)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName).build().toString())
			.body(body);
	}

	/**
	 * A version's files and their control files as a zip.
	 * @param date the clearing date
	 * @param version the version, or null for the latest
	 * @param user who asks
	 * @param request the request (the client's address)
	 * @return the answer
	 * @throws ErrorResponseException 404 for an unknown date or version, 410 for a
	 * version no longer kept
	 */
	public ResponseEntity<byte[]> archive(LocalDate date, Integer version, PortalUser user,
			HttpServletRequest request) {
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		int number = found(notArchived(() -> this.browser.zip(date, version, zip)),
				"no settlement of " + date + ((version != null) ? " version " + version : ""));
		String fileName = "settlement_" + DateTimeFormatter.BASIC_ISO_DATE.format(date) + "_v" + number + ".zip";
		record(user, request, ARCHIVE, date + " v" + number + " " + fileName);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName).build().toString())
			.body(zip.toByteArray());
	}

	private static boolean workbook(String format) {
		if (format == null || format.equals("csv")) {
			return false;
		}
		if (format.equals("xlsx")) {
			return true;
		}
		throw Problems.badRequest("format must be csv or xlsx");
	}

	/** Whether an If-None-Match header names the tag (weak comparison, as for a GET). */
	static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		String opaque = opaque(etag);
		for (String tag : ifNoneMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*") || opaque(candidate).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

	private void record(PortalUser user, HttpServletRequest request, String action, String object) {
		if (HttpMethod.HEAD.matches(request.getMethod())) {
			// Asked whether it is there, nothing sent: not a download.
			return;
		}
		this.audit.record(new Actor(user.name(), request.getRemoteAddr()), action, object, AuditLog.OK, null);
	}

	static <T> T found(Optional<T> value, String detail) {
		return value.orElseThrow(() -> Problems.notFound(detail));
	}

	/** Runs a read, answering 410 Gone for a version whose bytes are no longer kept. */
	static <T> Optional<T> notArchived(java.util.function.Supplier<Optional<T>> read) {
		try {
			return read.get();
		}
		catch (NotArchivedException ex) {
			throw Problems.problem(HttpStatus.GONE, ex.getMessage());
		}
	}

}
