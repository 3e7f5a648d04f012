package io.cardops.portal.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.roster.RosterUploads;
import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.runs.RunFilter;
import io.cardops.jobs.runs.RunView;
import io.cardops.portal.ops.OpsRecords.Night;
import io.cardops.portal.ops.ScheduleControl.ScheduleState;
import io.cardops.portal.security.PortalUser;

/**
 * The operations board, {@code /ops}: last night's chain, the recent runs, the schedules
 * with pause, resume and trigger, in charts the 30 nights up to the latest clearing date
 * received, the latest inbox rejects and the way to the held rosters.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpsHomeController {

	/** The nights the charts show. */
	static final int NIGHTS = 30;

	/**
	 * The outcomes of a chain that did its date, or is still doing it.
	 */
	private static final Set<String> GONE_ON = Set.of("COMPLETED", "NOOP", "RUNNING");

	private final JobRuns runs;

	private final ScheduleControl schedules;

	private final OpsRecords records;

	private final InboxService inbox;

	private final MessageSource messages;

	private final Clock clock;

	private final RosterUploads uploads;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Creates the page.
	 * @param runs the job runs
	 * @param schedules the schedules
	 * @param records the nights' figures
	 * @param inbox the inbox rejects
	 * @param uploads the roster uploads, for the held ones to force
	 * @param messages the labels (the charts' series names)
	 * @param clock today
	 */
	public OpsHomeController(JobRuns runs, ScheduleControl schedules, OpsRecords records, InboxService inbox,
			RosterUploads uploads, MessageSource messages, Clock clock) {
		this.uploads = uploads;
		this.runs = runs;
		this.schedules = schedules;
		this.records = records;
		this.inbox = inbox;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The board.
	 * @param user who is signed in
	 * @param rejectsOf the clearing date whose inbox rejects to show (default: the latest
	 * date the inbox received; a date that is not one is ignored)
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/ops")
	String home(@AuthenticationPrincipal PortalUser user,
			@RequestParam(name = "rejects", required = false) String rejectsOf, Model model) {
		model.addAttribute("user", user);
		List<ScheduleState> states = this.schedules.list();
		model.addAttribute("schedules", states);
		Map<String, String> nextFires = new LinkedHashMap<>();
		states.forEach((state) -> nextFires.put(state.name(), OpsView.time(state.nextFire())));
		model.addAttribute("nextFires", nextFires);
		ScheduleControl.LastRun chain = states.stream()
			.filter((state) -> state.name().equals("nightly-chain"))
			.map(ScheduleState::lastRun)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
		model.addAttribute("chain", chain);
		model.addAttribute("chainStarted", (chain != null) ? OpsView.time(chain.startedAt()) : "");
		// The chain's jobs in the order they ran (job_run.chain_run): a date it settled
		// again for a release on the desk is one of them, a roster uploaded on the portal
		// for the same date while it ran is not; and what stopped it, when it failed.
		List<OpsView.Row> chainRuns = (chain != null)
				? this.runs.ofChain(chain.runId()).stream().map(OpsView::row).toList() : List.of();
		model.addAttribute("chainRuns", chainRuns);
		// What the chain's summary says besides its counts: why it stopped, or, for one
		// that completed, why a step without a run of its own (the reference load)
		// refused its input.
		boolean chainCompleted = chain != null && "COMPLETED".equals(chain.outcome());
		String chainMessage = (chain != null) ? this.runs.find(chain.runId())
			.stream()
			.map(RunView::summary)
			.filter((summary) -> summary != null && !summary.isBlank())
			.map((summary) -> {
				String rest = withoutCounts(summary);
				return (chainCompleted && rest.equals(summary.strip())) ? null : rest;
			})
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null) : null;
		model.addAttribute("chainReason", chainCompleted ? null : chainMessage);
		model.addAttribute("chainNote", chainCompleted ? chainMessage : null);
		List<OpsView.Row> recent = this.runs.recent(new RunFilter(null, null, null, 15), false)
			.stream()
			.map(OpsView::row)
			.toList();
		model.addAttribute("runs", recent);
		// While a run goes (or one was just started in the background), the board reloads
		// itself to follow it.
		model.addAttribute("following", recent.stream().anyMatch(OpsView.Row::running)
				|| OpsScheduleFormsController.TRIGGERED.equals(model.getAttribute("flashKey")));
		LocalDate today = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		// After a chain that did not complete, Run now offers its date again: the dates
		// after it wait for it (the ledger carries over, no date may be skipped). After
		// one that did, the date after it, but never today: a day's files are complete
		// only once it is over.
		boolean chainStopped = chain != null && !GONE_ON.contains(chain.outcome());
		model.addAttribute("chainStopped", chainStopped);
		LocalDate yesterday = today.minusDays(1);
		LocalDate next = (chain == null) ? yesterday : chain.businessDate().plusDays(1);
		LocalDate chainDate = (chain != null && chainStopped) ? chain.businessDate()
				: next.isAfter(yesterday) ? yesterday : next;
		// The other schedules run for the day they fire, as a firing now would: the
		// expiry today, the renewal window today from July 30 on, else the last July 30
		// (its trigger refuses a date before July 30).
		Map<String, LocalDate> triggerDates = new LinkedHashMap<>();
		states.forEach((state) -> triggerDates.put(state.name(), switch (state.name()) {
			case "nightly-chain" -> chainDate;
			case "open-renewal" -> AcademicCalendar.renewalOpeningFor(today);
			default -> today;
		}));
		if (model.getAttribute("refusedSchedule") instanceof String refused
				&& model.getAttribute("refusedDate") instanceof String typed && triggerDates.containsKey(refused)) {
			// the date a refused Run now was given, to correct
			triggerDates.put(refused, LocalDate.parse(typed));
		}
		model.addAttribute("triggerDates", triggerDates);
		model.addAttribute("oneWay", OpsScheduleFormsController.ONE_WAY);
		LocalDate latest = this.records.latestInboxDate(today);
		LocalDate asked = askedDate(rejectsOf);
		LocalDate rejectsDate = (asked != null) ? asked : latest;
		// A date that is none is said, not silently replaced by the latest.
		model.addAttribute("rejectsBad", asked == null && rejectsOf != null && !rejectsOf.isBlank());
		model.addAttribute("heldRosters", this.uploads.forceable());
		model.addAttribute("hotlist", this.records.hotlist(5));
		model.addAttribute("rejectsDate", rejectsDate);
		List<String[]> rejects = (rejectsDate != null) ? this.inbox.rejects(rejectsDate) : List.of();
		model.addAttribute("rejects", rejects);
		if (rejects.isEmpty() && rejectsDate != null) {
			// An empty list points to the last date that has one, a click away.
			LocalDate lastRejected = this.inbox.latestRejectDate(today);
			if (lastRejected != null && !lastRejected.equals(rejectsDate)) {
				model.addAttribute("lastRejectDate", lastRejected);
			}
		}
		// The nights up to the latest clearing date whose taps arrived: a node catching
		// up,
		// or a demo on last year's data, still shows its nights (card events dated later
		// do not move the window past them).
		LocalDate lastNight = this.records.latestTapsDate();
		charts(model, (lastNight != null) ? lastNight : (latest != null) ? latest : today);
		return "ops/home";
	}

	/**
	 * What stopped a chain, without the counts its summary starts with
	 * ({@code runs=1 rejected=0 held=0 the inbox folder … does not exist}).
	 */
	static String withoutCounts(String summary) {
		if (summary == null) {
			return null;
		}
		String rest = summary.strip();
		while (rest.matches("^[a-z_]+=\\S*(\\s.*)?$")) {
			int space = rest.indexOf(' ');
			rest = (space < 0) ? "" : rest.substring(space + 1).strip();
		}
		return rest.isEmpty() ? summary : rest;
	}

	/**
	 * The date asked for, or null when none was or it is not a date (the latest then).
	 */
	private static LocalDate askedDate(String text) {
		try {
			return OpsRequests.date("rejects", text);
		}
		catch (ErrorResponseException ex) {
			return null;
		}
	}

	private void charts(Model model, LocalDate last) {
		LocalDate from = last.minusDays(NIGHTS);
		List<Night> nights = this.records.nights(from, last);
		Map<LocalDate, Double> durations = this.records.chainSeconds(from, last);
		List<String> labels = new ArrayList<>();
		List<Long> taps = new ArrayList<>();
		List<Long> exceptions = new ArrayList<>();
		List<Double> seconds = new ArrayList<>();
		Map<LocalDate, Night> byDate = new LinkedHashMap<>();
		nights.forEach((night) -> byDate.put(night.date(), night));
		for (LocalDate day = from.plusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
			labels.add(day.toString().substring(5));
			Night night = byDate.get(day);
			taps.add((night != null) ? night.taps() : 0L);
			exceptions.add((night != null) ? night.exceptions() : 0L);
			seconds.add(durations.get(day));
		}
		model.addAttribute("hasNights", !nights.isEmpty() || !durations.isEmpty());
		model.addAttribute("tapsChart", chart(labels, "ops.chart.taps", taps, "bar"));
		model.addAttribute("exceptionsChart", chart(labels, "ops.chart.exceptions", exceptions, "bar"));
		model.addAttribute("durationsChart", chart(labels, "ops.chart.seconds", seconds, "bar"));
	}

	private String chart(List<String> labels, String key, List<? extends Number> values, String type) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", this.messages.getMessage(key, null, LocaleContextHolder.getLocale()));
		series.put("values", values);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("labels", labels);
		chart.put("series", List.of(series));
		chart.put("type", type);
		return this.json.writeValueAsString(chart);
	}

}
