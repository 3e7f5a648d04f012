package io.cardops.portal.ops;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.portal.ops.OpsRecords.AuditRow;
import io.cardops.jobs.support.Page;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/inbox-rejects} and {@code /api/audit}: what the nights left behind and who
 * changed what (the exceptions are the desk's: io.cardops.portal.desk).
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Operations")
public class RecordsApiController {

	private final InboxService inbox;

	private final OpsRecords records;

	/**
	 * Creates the controller.
	 * @param inbox the inbox's rejects
	 * @param records the audit log
	 */
	public RecordsApiController(InboxService inbox, OpsRecords records) {
		this.inbox = inbox;
		this.records = records;
	}

	/**
	 * The inbox files of a date rejected whole.
	 * @param date the clearing date
	 * @return the rows of {@code inbox_rejects_<D>.csv}
	 */
	@GetMapping("/api/inbox-rejects")
	@Operation(summary = "The inbox files of a clearing date rejected whole (OPS)",
			description = "The same rows as the published inbox_rejects_<YYYYMMDD>.csv.")
	@ApiResponse(responseCode = "200", description = "the rejected files, by name")
	@ApiResponse(responseCode = "400", description = "no date, or not YYYY-MM-DD")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public InboxRejects inboxRejects(@Parameter(description = "the clearing date, YYYY-MM-DD",
			required = true) @RequestParam(required = false) String date) {
		LocalDate day = OpsRequests.date("date", date);
		if (day == null) {
			throw Problems.badRequest("date is required: the clearing date, YYYY-MM-DD (?date=2026-10-13)");
		}
		return new InboxRejects(day,
				this.inbox.rejects(day).stream().map((row) -> new InboxReject(row[0], row[1])).toList());
	}

	/**
	 * A page of the audit log, newest first.
	 * @param since only events since (a date, from its midnight in Asia/Shanghai, or an
	 * instant with offset)
	 * @param user only this account's
	 * @param action only this action
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	@GetMapping("/api/audit")
	@Operation(summary = "The audit log, newest first, paged (OPS)")
	@ApiResponse(responseCode = "200", description = "the page: page, size, total, items")
	@ApiResponse(responseCode = "400", description = "a bad since, page or size")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public Page<AuditRow> audit(
			@Parameter(description = "YYYY-MM-DD (from its midnight, Asia/Shanghai) or an ISO-8601 instant with"
					+ " offset") @RequestParam(required = false) String since,
			@Parameter(description = "an account") @RequestParam(required = false) String user,
			@Parameter(description = "e.g. sign-in, schedule.pause") @RequestParam(required = false) String action,
			@Parameter(description = "from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "1 to 500 (default 50)") @RequestParam(defaultValue = "50") int size) {
		return this.records.audit(since(since), blank(user), blank(action), OpsRequests.page(page),
				OpsRequests.size("size", size));
	}

	/**
	 * The start of the audit log's window, as the API and the page take it.
	 * @param text a date (from its midnight in Asia/Shanghai) or an instant, or null
	 * @return the instant, or null for none
	 * @throws org.springframework.web.ErrorResponseException 400 naming what it must be
	 */
	static OffsetDateTime since(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() == 10) {
			return OpsRequests.date("since", text).atStartOfDay(AcademicCalendar.ZONE).toOffsetDateTime();
		}
		OffsetDateTime given;
		try {
			given = OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw Problems.badRequest("since must be YYYY-MM-DD or an instant such as 2026-09-01T00:00:00+08:00");
		}
		// (checked before the move to UTC, which fails at the ends of Java's years)
		if (given.getYear() < 1 || given.getYear() > 9999) {
			throw Problems.badRequest("since must be an instant of the years 0001 to 9999, not " + text);
		}
		// In UTC: an offset beyond PostgreSQL's +-15:59 (ISO allows +-18:00) is the same
		// instant, and the database answered 500 for it.
		OffsetDateTime instant = given.withOffsetSameInstant(ZoneOffset.UTC);
		if (instant.getYear() < 1 || instant.getYear() > 9999) {
			throw Problems.badRequest("since must be an instant of the years 0001 to 9999, not " + text);
		}
		return instant;
	}

	private static String blank(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	/**
	 * The inbox files of a date rejected whole.
	 *
	 * @param date the clearing date
	 * @param rejects the files
	 */
	public record InboxRejects(LocalDate date, List<InboxReject> rejects) {
	}

	/**
	 * One file rejected whole.
	 *
	 * @param fileName its name
	 * @param reason why
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record InboxReject(String fileName, String reason) {
	}

}
