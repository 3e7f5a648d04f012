package io.cardops.portal.settlement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.settlement.SettlementAnswers.DateAnswer;
import io.cardops.portal.settlement.SettlementAnswers.DateEntry;
import io.cardops.portal.settlement.SettlementAnswers.DiffAnswer;
import io.cardops.portal.web.Problems;
import io.cardops.writers.workbook.CsvWorkbook;

/**
 * The settlement API (shared/spec/http.md, "Settlement"), for FINANCE and OPS: the
 * settled dates with their totals, a date's versions, files and claims, a file's bytes as
 * published (or as a workbook), a version's zip, and what changed between two versions.
 */
@RestController
@RequestMapping("/api/settlements")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Settlement", description = "Settlement versions, files and downloads. Roles: FINANCE, OPS.")
public class SettlementApiController {

	/** The longest range one list answers. */
	static final long MAX_DAYS = 366;

	/** The range a list without dates covers, ending today. */
	static final long DEFAULT_DAYS = 30;

	private final SettlementBrowser browser;

	private final SettlementDownloads downloads;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param browser the published settlement
	 * @param downloads the downloads
	 * @param clock today's date
	 */
	public SettlementApiController(SettlementBrowser browser, SettlementDownloads downloads, Clock clock) {
		this.browser = browser;
		this.downloads = downloads;
		this.clock = clock;
	}

	/**
	 * The settled dates of a range, oldest first, each with its latest totals.
	 * @param from the first date (default: 30 days before {@code to})
	 * @param to the last date (default: today, Asia/Shanghai)
	 * @return the dates
	 */
	@GetMapping
	@Operation(summary = "Settled dates with their latest totals",
			description = "Per clearing date of the range (at most 366 days): the latest version, when it was"
					+ " published, how many versions, and the totals in yuan. Roles: FINANCE, OPS.")
	@ApiResponse(responseCode = "200", description = "The dates, oldest first")
	@ApiResponse(responseCode = "400",
			description = "A date that is not YYYY-MM-DD, from after to, or a range too long",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "401", description = "Not signed in", content = @Content)
	@ApiResponse(responseCode = "403", description = "Not FINANCE or OPS", content = @Content)
	public List<DateEntry> list(
			@Parameter(description = "First clearing date, YYYY-MM-DD") @RequestParam(required = false) @DateTimeFormat(
					iso = ISO.DATE) LocalDate from,
			@Parameter(description = "Last clearing date, YYYY-MM-DD") @RequestParam(required = false) @DateTimeFormat(
					iso = ISO.DATE) LocalDate to) {
		LocalDate last = (to != null) ? to : LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		LocalDate first = (from != null) ? from : last.minusDays(DEFAULT_DAYS);
		if (first.isAfter(last)) {
			throw Problems.badRequest("from (" + first + ") is after to (" + last + ")");
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw Problems.badRequest("a range covers at most " + MAX_DAYS + " days");
		}
		return this.browser.list(first, last).stream().map(DateEntry::of).toList();
	}

	/**
	 * Every version of a date with its files and totals, and each operator's claim.
	 * @param date the clearing date
	 * @return the date
	 */
	@GetMapping("/{date}")
	@Operation(summary = "A date's versions, files and claims",
			description = "Every version of the clearing date, newest first, with its files (name, rows, sha256,"
					+ " bytes) and totals, and per operator from claim to payable: claimed_yuan (Σ of its tap"
					+ " files' control sums) = payable_yuan + held_yuan + dropped_yuan + malformed_yuan."
					+ " Roles: FINANCE, OPS.")
	@ApiResponse(responseCode = "200", description = "The date")
	@ApiResponse(responseCode = "400", description = "Not a date",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "The date was never settled",
			content = @Content(mediaType = "application/problem+json"))
	public DateAnswer date(@Parameter(description = "Clearing date, YYYY-MM-DD") @PathVariable @DateTimeFormat(
			iso = ISO.DATE) LocalDate date) {
		return DateAnswer.of(SettlementDownloads.found(this.browser.date(date), "no settlement of " + date));
	}

	/**
	 * A file's bytes as published, or the same content as a workbook.
	 * @param date the clearing date
	 * @param name the file's name
	 * @param version the version (default: the latest)
	 * @param format csv (default) or xlsx
	 * @param user who asks
	 * @param request the request
	 * @return the bytes, or 304
	 */
	@GetMapping("/{date}/files/{name}")
	@Operation(summary = "A settlement file as published",
			description = "The file's bytes as published in that version (the latest when none is named),"
					+ " text/csv; charset=UTF-8, ETag \"<sha256>\"; If-None-Match with that tag answers 304."
					+ " Every version stays downloadable after a later one replaced it in the outbox."
					+ " format=xlsx: the same content as a workbook (card numbers as text, amounts as numbers"
					+ " with two decimals, dates as dates, the header frozen). Audited as settlement.download."
					+ " Roles: FINANCE, OPS.")
	@ApiResponse(responseCode = "200", description = "The file",
			content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = CsvWorkbook.MEDIA_TYPE,
							schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "304", description = "The client's copy (If-None-Match) is current", content = @Content)
	@ApiResponse(responseCode = "400",
			description = "Not a date, not a version number, or a format other than csv" + " or xlsx",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such date, version or file",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "410",
			description = "A version published before its bytes were archived, which the outbox no longer holds",
			content = @Content(mediaType = "application/problem+json"))
	public ResponseEntity<byte[]> file(
			@Parameter(description = "Clearing date, YYYY-MM-DD") @PathVariable @DateTimeFormat(
					iso = ISO.DATE) LocalDate date,
			@Parameter(description = "File name, e.g. settlement_20260903_summary.csv") @PathVariable String name,
			@Parameter(description = "Version (default: the latest)") @RequestParam(required = false) Integer version,
			@Parameter(description = "csv (default) or xlsx") @RequestParam(required = false) String format,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return this.downloads.file(date, version, name, format, user, request);
	}

	/**
	 * A version's files and their control files as a zip.
	 * @param date the clearing date
	 * @param version the version (default: the latest)
	 * @param user who asks
	 * @param request the request
	 * @return the zip
	 */
	@GetMapping("/{date}/archive")
	@Operation(summary = "A version as a zip",
			description = "The version's files and their .ctl, byte for byte as published. Audited as"
					+ " settlement.archive. Roles: FINANCE, OPS.")
	@ApiResponse(responseCode = "200", description = "The zip",
			content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "404", description = "No such date or version",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "410", description = "The version's bytes are no longer kept",
			content = @Content(mediaType = "application/problem+json"))
	public ResponseEntity<byte[]> archive(
			@Parameter(description = "Clearing date, YYYY-MM-DD") @PathVariable @DateTimeFormat(
					iso = ISO.DATE) LocalDate date,
			@Parameter(description = "Version (default: the latest)") @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return this.downloads.archive(date, version, user, request);
	}

	/**
	 * What changed between two versions, per file and row.
	 * @param date the clearing date
	 * @param from the earlier version
	 * @param to the later version
	 * @return the changes
	 */
	@GetMapping("/{date}/diff")
	@Operation(summary = "What changed between two versions",
			description = "Per file and row (known by its operator, channel, partner, role, mode and line), before,"
					+ " after and the difference of each money column; files and rows that did not change are"
					+ " left out. Roles: FINANCE, OPS.")
	@ApiResponse(responseCode = "200", description = "The changes")
	@ApiResponse(responseCode = "400", description = "Not a date, or from/to missing or not numbers",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such date or version",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "410", description = "A version's bytes are no longer kept",
			content = @Content(mediaType = "application/problem+json"))
	public DiffAnswer diff(
			@Parameter(description = "Clearing date, YYYY-MM-DD") @PathVariable @DateTimeFormat(
					iso = ISO.DATE) LocalDate date,
			@Parameter(description = "The earlier version") @RequestParam int from,
			@Parameter(description = "The later version") @RequestParam int to) {
		return DiffAnswer.of(date,
				SettlementDownloads.found(SettlementDownloads.notArchived(() -> this.browser.diff(date, from, to)),
						"no settlement of " + date + " with versions " + from + " and " + to));
	}

}
