package io.cardops.portal.ops;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.cardops.domain.text.VisibleText;
import io.cardops.portal.ops.ScheduleControl.Refused;
import io.cardops.portal.security.PortalUser;

/**
 * The board's schedule forms (each with its CSRF token): pause, resume and trigger, then
 * back to the board with what happened.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpsScheduleFormsController {

	/**
	 * The flash message of a run started: the board then follows it (OpsHomeController).
	 */
	static final String TRIGGERED = "ops.flash.triggered";

	/**
	 * The schedules whose run cannot be taken back: open-renewal publishes each
	 * university's renewal list once for the year (rules.md), expire-cards expires cards.
	 * The board's Run now asks to confirm them with a tick box; the API's trigger, called
	 * by a system that means it, does not.
	 */
	static final Set<String> ONE_WAY = Set.of("open-renewal", "expire-cards");

	private final ScheduleControl schedules;

	/**
	 * Creates the forms' controller.
	 * @param schedules the schedules
	 */
	public OpsScheduleFormsController(ScheduleControl schedules) {
		this.schedules = schedules;
	}

	/**
	 * Pauses a schedule.
	 * @param name the schedule
	 * @param user who asks
	 * @param request the request (its address)
	 * @param flash the message for the board
	 * @return back to the board
	 */
	@PostMapping("/ops/schedules/{name}/pause")
	String pause(@PathVariable String name, @AuthenticationPrincipal PortalUser user, HttpServletRequest request,
			RedirectAttributes flash) {
		return steer(name, true, user, request, flash);
	}

	/**
	 * Resumes a schedule.
	 * @param name the schedule
	 * @param user who asks
	 * @param request the request (its address)
	 * @param flash the message for the board
	 * @return back to the board
	 */
	@PostMapping("/ops/schedules/{name}/resume")
	String resume(@PathVariable String name, @AuthenticationPrincipal PortalUser user, HttpServletRequest request,
			RedirectAttributes flash) {
		return steer(name, false, user, request, flash);
	}

	/**
	 * Runs a schedule now for a date, in the background.
	 * @param name the schedule
	 * @param date the business date
	 * @param confirm {@code yes} when the board's tick box confirms a one-way run
	 * @param user who asks
	 * @param request the request (its address)
	 * @param flash the message for the board
	 * @return back to the board
	 */
	@PostMapping("/ops/schedules/{name}/trigger")
	String trigger(@PathVariable String name, @RequestParam(required = false) String date,
			@RequestParam(required = false) String confirm, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request, RedirectAttributes flash) {
		if (this.schedules.list().stream().noneMatch((schedule) -> schedule.name().equals(name))) {
			// No form on the board to answer beside (a schedule removed from the settings
			// while a board stood open, or an address typed): the refusal is at its top,
			// and the name goes into no address of the answer.
			this.schedules.recordRefusal(OpsRequests.actor(user, request), "schedule.trigger", name,
					"no schedule named " + VisibleText.masked(name));
			return message(flash, "error", "ops.flash.unknown", name);
		}
		LocalDate day;
		try {
			day = OpsRequests.date("date", date);
		}
		catch (ErrorResponseException ex) {
			day = null;
		}
		if (day == null) {
			this.schedules.recordRefusal(OpsRequests.actor(user, request), "schedule.trigger", name,
					"no date: a run needs a date YYYY-MM-DD");
			return besideTheForm(flash, name, null, message(flash, "error", "ops.flash.noDate", name));
		}
		if (ONE_WAY.contains(name) && !"yes".equals(confirm)) {
			this.schedules.recordRefusal(OpsRequests.actor(user, request), "schedule.trigger", name,
					"date=" + day + ": not confirmed (the board's tick box): it cannot be taken back");
			return besideTheForm(flash, name, day, message(flash, "error", "ops.flash.unconfirmed", name, day));
		}
		try {
			this.schedules.trigger(OpsRequests.actor(user, request), name, day);
			return message(flash, "ok", TRIGGERED, name, day);
		}
		catch (Refused ex) {
			return besideTheForm(flash, name, day, refused(flash, ex, name, day));
		}
	}

	/**
	 * A refused Run now: the board opens at the schedule's form (on a phone some
	 * thousands of pixels below the top), says why there, and offers the date typed, to
	 * correct rather than type again; a valid default in its place would run a night the
	 * operator never chose at the next press.
	 */
	private static String besideTheForm(RedirectAttributes flash, String name, LocalDate typed, String redirect) {
		flash.addFlashAttribute("refusedSchedule", name);
		if (typed != null) {
			flash.addFlashAttribute("refusedDate", typed.toString());
		}
		return redirect + "#schedule-" + name;
	}

	private String steer(String name, boolean pause, PortalUser user, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			this.schedules.pause(OpsRequests.actor(user, request), name, pause);
			return message(flash, "ok", pause ? "ops.flash.paused" : "ops.flash.resumed", name);
		}
		catch (Refused ex) {
			return refused(flash, ex, name, null);
		}
	}

	private static String refused(RedirectAttributes flash, Refused refused, String name, LocalDate date) {
		String key = switch (refused.reason()) {
			case UNKNOWN -> "ops.flash.unknown";
			case NOT_STORED -> "ops.flash.notStored";
			case BAD_DATE -> "ops.flash.badDate";
			case OUT_OF_RANGE -> "nightly-chain".equals(name) ? "ops.flash.outOfRangeNight" : "ops.flash.outOfRange";
			case IN_PROGRESS -> "ops.flash.inProgress";
		};
		return message(flash, "error", key, name, date);
	}

	private static String message(RedirectAttributes flash, String kind, String key, Object... arguments) {
		flash.addFlashAttribute("flashKind", kind);
		flash.addFlashAttribute("flashKey", key);
		// (a schedule's name from the address, shown with its control and invisible
		// characters masked)
		flash.addFlashAttribute("flashArgs",
				Arrays.stream(arguments)
					.map((argument) -> (argument instanceof String text) ? VisibleText.masked(text) : argument)
					.toArray());
		return "redirect:/ops";
	}

}
