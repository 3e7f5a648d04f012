package io.cardops.portal.ops;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.portal.ops.ScheduleControl.Refused;
import io.cardops.portal.ops.ScheduleControl.ScheduleState;
import io.cardops.portal.ops.ScheduleControl.TriggerAccepted;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.OneValueEach;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/schedules}: list, pause, resume and trigger the schedules, with the rules
 * of {@code cardops schedules}. OPS only; every change is written to the audit log with
 * the account and its address.
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Operations")
public class SchedulesApiController {

	private final ScheduleControl schedules;

	/**
	 * Creates the controller.
	 * @param schedules the schedules
	 */
	public SchedulesApiController(ScheduleControl schedules) {
		this.schedules = schedules;
	}

	/**
	 * Every schedule.
	 * @return the schedules
	 */
	@GetMapping("/api/schedules")
	@Operation(summary = "The schedules as the shared store holds them, with their last run (OPS)")
	@ApiResponse(responseCode = "200", description = "the schedules")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public List<ScheduleState> list() {
		return this.schedules.list();
	}

	/**
	 * Pauses a schedule on every node.
	 * @param name the schedule
	 * @param user who asks
	 * @param request the request (its address)
	 * @return the schedule afterwards
	 */
	@PostMapping("/api/schedules/{name}/pause")
	@Operation(summary = "Pauses a schedule on every node (OPS); pausing a paused one changes nothing")
	@ApiResponse(responseCode = "200", description = "the schedule, PAUSED")
	@ApiResponse(responseCode = "404", description = "no such schedule")
	@ApiResponse(responseCode = "409", description = "no node has stored the schedule yet")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public ScheduleState pause(@PathVariable String name, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return steer(() -> this.schedules.pause(OpsRequests.actor(user, request), name, true));
	}

	/**
	 * Resumes a paused schedule.
	 * @param name the schedule
	 * @param user who asks
	 * @param request the request (its address)
	 * @return the schedule afterwards
	 */
	@PostMapping("/api/schedules/{name}/resume")
	@Operation(summary = "Resumes a schedule (OPS); a firing missed meanwhile follows its misfire policy")
	@ApiResponse(responseCode = "200", description = "the schedule, NORMAL")
	@ApiResponse(responseCode = "404", description = "no such schedule")
	@ApiResponse(responseCode = "409", description = "no node has stored the schedule yet")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public ScheduleState resume(@PathVariable String name, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return steer(() -> this.schedules.pause(OpsRequests.actor(user, request), name, false));
	}

	/**
	 * Runs a schedule now for a business date, in the background on this node.
	 * @param name the schedule
	 * @param body {@code {"date": "YYYY-MM-DD"}}
	 * @param user who asks
	 * @param request the request (its address)
	 * @return 202 with {@code Location} of the schedule's runs of that date
	 */
	@PostMapping("/api/schedules/{name}/trigger")
	@Operation(summary = "Runs a schedule now for a business date, in the background on this node (OPS)",
			description = "As `cardops schedules trigger NAME --date D`, also for a paused schedule. Answers 202"
					+ " at once; `Location` is `/api/runs?job=NAME&date=D`, the schedule's runs of that business date,"
					+ " where the run appears as it starts, with its steps (the chain's: its jobs).")
	@ApiResponse(responseCode = "202", description = "started; Location lists the schedule's runs of the date")
	@ApiResponse(responseCode = "400", description = "no date, or not YYYY-MM-DD, or before the renewal window")
	@ApiResponse(responseCode = "404", description = "no such schedule")
	@ApiResponse(responseCode = "409", description = "a run of the schedule for that date is in progress")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public ResponseEntity<Triggered> trigger(@PathVariable String name, @RequestBody(required = false) TriggerBody body,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		// A blank date is no date (OpsRequests.date answers null for it, as a filter left
		// empty): the body must name one.
		LocalDate date;
		try {
			OneValueEach.refuseOtherFields((body != null) ? body.others() : null, "\"date\"");
			date = (body != null) ? OpsRequests.date("date", body.date()) : null;
			if (date == null) {
				throw Problems.badRequest("the body must be {\"date\": \"YYYY-MM-DD\"}");
			}
		}
		catch (ErrorResponseException ex) {
			this.schedules.recordRefusal(OpsRequests.actor(user, request), "schedule.trigger", name,
					ex.getBody().getDetail());
			throw ex;
		}
		TriggerAccepted accepted = steer(() -> this.schedules.trigger(OpsRequests.actor(user, request), name, date));
		// The schedule's runs of that date (each schedule runs the job of its name): the
		// one just started appears there as it starts; its id is not known yet.
		String runs = "/api/runs?job=" + accepted.name() + "&date=" + accepted.date();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create(runs))
			.body(new Triggered(accepted.name(), accepted.date(), "ACCEPTED", runs));
	}

	private static <T> T steer(java.util.function.Supplier<T> change) {
		try {
			return change.get();
		}
		catch (Refused ex) {
			throw answer(ex);
		}
	}

	private static ErrorResponseException answer(Refused refused) {
		return switch (refused.reason()) {
			case UNKNOWN -> Problems.notFound(refused.getMessage());
			case BAD_DATE, OUT_OF_RANGE -> Problems.badRequest(refused.getMessage());
			case NOT_STORED, IN_PROGRESS -> Problems.conflict(refused.getMessage());
		};
	}

	/**
	 * The body of a trigger.
	 *
	 * @param date the business date, YYYY-MM-DD
	 * @param others any other field: refused (a one-way run is not started from a body
	 * that may not say what its sender meant)
	 */
	public record TriggerBody(String date, @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {
	}

	/**
	 * The answer of a trigger.
	 *
	 * @param schedule the schedule
	 * @param date the business date
	 * @param status {@code ACCEPTED}: started in the background
	 * @param runsUrl the schedule's runs of that date
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Triggered(String schedule, LocalDate date, String status, String runsUrl) {
	}

}
