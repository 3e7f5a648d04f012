package io.cardops.portal.desk;

import java.time.LocalDate;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.DeskRules;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.desk.DeskCase;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.desk.ExceptionDesk;
import io.cardops.jobs.desk.ExceptionDesk.CaseNotFoundException;
import io.cardops.jobs.support.Page;
import io.cardops.portal.desk.DeskJson.AgingJson;
import io.cardops.portal.desk.DeskJson.CaseDetailJson;
import io.cardops.portal.desk.DeskJson.CaseJson;
import io.cardops.portal.desk.DeskRequests.BadValue;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.ApiExceptionHandler;
import io.cardops.portal.web.OneValueEach;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/exceptions}: the exception desk's cases, one case with its source row and
 * trail, the actions on a case, and the aging of the cases not closed
 * (shared/spec/desk.md, "Interfaces"). FINANCE and OPS; every action is decided by the
 * desk's rules under a row lock and written to the trail and the audit log with the
 * account and its address.
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Exception desk")
public class DeskApiController {

	private final DeskCases cases;

	private final ExceptionDesk desk;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param cases reads the cases
	 * @param desk takes the actions
	 * @param clock today, for the aging
	 */
	public DeskApiController(DeskCases cases, ExceptionDesk desk, Clock clock) {
		this.cases = cases;
		this.desk = desk;
		this.clock = clock;
	}

	/**
	 * A page of cases.
	 * @param date only this clearing date
	 * @param category only this category
	 * @param state only this case_state
	 * @param partner only this partner's
	 * @param status only this system status
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	@GetMapping("/api/exceptions")
	@Operation(summary = "The exception desk's cases, paged (FINANCE, OPS)",
			description = "Newest clearing date first; each case with its case_state, owner and resolution; amounts"
					+ " in yuan; never an identity number.")
	@ApiResponse(responseCode = "200", description = "the page: page, size, total, items")
	@ApiResponse(responseCode = "400",
			description = "a filter value not allowed (the detail names those that are)," + " a bad date, page or size")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "a UNIVERSITY account")
	public Page<CaseJson> list(
			@Parameter(description = "the clearing date, YYYY-MM-DD") @RequestParam(required = false) String date,
			@Parameter(description = "a category, e.g. SEQ_CONFLICT") @RequestParam(required = false) String category,
			@Parameter(description = "NEW, ACKNOWLEDGED, RELEASE_REQUESTED or CLOSED") @RequestParam(
					required = false) String state,
			@Parameter(description = "a partner code") @RequestParam(required = false) String partner,
			@Parameter(description = "OPEN or RESOLVED") @RequestParam(required = false) String status,
			@Parameter(description = "from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "1 to 500 (default 50)") @RequestParam(defaultValue = "50") int size) {
		Page<DeskCase> found = this.cases.list(DeskRequests.filter(date, category, state, partner, status),
				DeskRequests.page(page), DeskRequests.size(size));
		return new Page<>(found.page(), found.size(), found.total(), found.items().stream().map(CaseJson::of).toList());
	}

	/**
	 * One case with its source row and trail.
	 * @param id the case
	 * @return the case
	 */
	@GetMapping("/api/exceptions/{id}")
	@Operation(summary = "A case with its source row and its whole trail (FINANCE, OPS)")
	@ApiResponse(responseCode = "200", description = "the case, source_row and trail (oldest action first)")
	@ApiResponse(responseCode = "404", description = "no such case")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "a UNIVERSITY account")
	public CaseDetailJson show(@PathVariable long id) {
		DeskCase found = this.cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
		return CaseDetailJson.of(found, this.cases.sourceRow(found), this.cases.trail(id));
	}

	/**
	 * Takes an action on a case.
	 * @param id the case
	 * @param action the action's command name
	 * @param body the resolution and the note, when the action needs them
	 * @param user who acts
	 * @param request the request (its address)
	 * @return the case afterwards
	 */
	@PostMapping("/api/exceptions/{id}/{action}")
	@Operation(summary = "Takes an action on a case as the signed-in account (FINANCE, OPS)",
			description = "action: acknowledge, close, reopen, request-release, approve-release or reject-release;"
					+ " body {\"resolution\": ..., \"note\": ...} (optional for actions that need neither). close"
					+ " needs a resolution (a note for WRITTEN_OFF, REFUSED, OTHER); reopen and reject-release need"
					+ " a note; approve-release needs a FINANCE account other than the requester.")
	@ApiResponse(responseCode = "200", description = "the case afterwards")
	@ApiResponse(responseCode = "400", description = "a body that is not JSON, an unknown resolution, a note too long")
	@ApiResponse(responseCode = "404", description = "no such case, or no such action")
	@ApiResponse(responseCode = "409", description = "the desk's rules refuse the action; the detail says why")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "a UNIVERSITY account")
	public CaseJson act(@PathVariable long id, @PathVariable String action,
			@RequestBody(required = false) ActionBody body, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		CaseAction chosen = DeskRequests.action(action);
		if (chosen == null) {
			throw Problems.notFound("there is no action '" + action
					+ "': acknowledge, close, reopen, request-release, approve-release or reject-release");
		}
		ActionBody given = (body != null) ? body : new ActionBody(null, null, null);
		Actor actor = DeskRequests.actor(user, request);
		DeskRules.Request asked;
		try {
			OneValueEach.refuseOtherFields(given.others(), "\"resolution\" and \"note\"");
			asked = DeskRequests.request(chosen, given.resolution(), given.note());
		}
		catch (BadValue | ErrorResponseException ex) {
			this.desk.recordRefusal(id, chosen, actor,
					(ex instanceof ErrorResponseException refused) ? refused.getBody().getDetail() : ex.getMessage());
			throw ex;
		}
		return CaseJson.of(this.desk.act(id, DeskRequests.person(user), asked, actor));
	}

	/**
	 * The aging of the cases not closed.
	 * @param date the day ages are taken on (default today)
	 * @return per category and age bucket, with the totals
	 */
	@GetMapping("/api/exceptions/aging")
	@Operation(summary = "The cases not closed by category and age bucket, with counts and money at stake"
			+ " (FINANCE, OPS)", description = "Ages in days since the clearing date: 0-1, 2-7, 8-30, over 30.")
	@ApiResponse(responseCode = "200", description = "as_of, rows (category, buckets, count, amount_yuan), totals")
	@ApiResponse(responseCode = "400", description = "a date that is not YYYY-MM-DD")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "a UNIVERSITY account")
	public AgingJson aging(@Parameter(description = "ages as of this day, YYYY-MM-DD (default today)") @RequestParam(
			required = false) String date) {
		LocalDate asOf = DeskRequests.date("date", date);
		if (asOf == null) {
			asOf = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		}
		return AgingJson.of(asOf, this.cases.aging(asOf));
	}

	/**
	 * An action's body that is not readable JSON ({@code {"note":}, {@code [1]}, a field
	 * given twice): 400 as anywhere in the API, and in the audit log as every refused
	 * action.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> path && path.get("id") instanceof String id && id.matches("\\d{1,18}")
				&& path.get("action") instanceof String action && DeskRequests.action(action) != null && user != null) {
			this.desk.recordRefusal(Long.parseLong(id), DeskRequests.action(action), DeskRequests.actor(user, request),
					"the request body is not readable JSON");
		}
		return problem(HttpStatus.BAD_REQUEST, ApiExceptionHandler.UNREADABLE_BODY, request);
	}

	@ExceptionHandler(BadValue.class)
	ResponseEntity<ProblemDetail> badValue(BadValue ex, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), request);
	}

	@ExceptionHandler(CaseNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(CaseNotFoundException ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), request);
	}

	@ExceptionHandler(CaseActionRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CaseActionRefusedException ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), request);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
		ProblemDetail problem = Problems.complete(ProblemDetail.forStatusAndDetail(status, detail),
				request.getRequestURI());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * The body of an action.
	 *
	 * @param resolution the resolution of a close: FALSE_POSITIVE, PARTNER_CORRECTED,
	 * REFUNDED_TO_CARDHOLDER, RECOVERED_FROM_CHANNEL, WRITTEN_OFF, REFUSED or OTHER
	 * @param note why, in words (required for some actions)
	 * @param others any other field the body carries: refused, because a mistyped
	 * {@code Note} dropped in silence would leave the trail without its note for good
	 */
	public record ActionBody(String resolution, String note,
			@JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {
	}

}
