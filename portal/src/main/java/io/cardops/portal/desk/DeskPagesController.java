package io.cardops.portal.desk;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.CaseState;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.jobs.desk.DeskCase;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.desk.DeskCases.CategoryCount;
import io.cardops.jobs.desk.DeskCases.CaseFilter;
import io.cardops.jobs.desk.ExceptionDesk;
import io.cardops.jobs.desk.ExceptionDesk.CaseNotFoundException;
import io.cardops.jobs.desk.TrailEntry;
import io.cardops.jobs.settle.SettlementBrowser;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.Page;
import io.cardops.jobs.trace.CardTraceService;
import io.cardops.portal.desk.DeskJson.AgingJson;
import io.cardops.portal.desk.DeskRequests.BadValue;
import io.cardops.portal.security.PortalUser;

/**
 * The exception desk's pages, for FINANCE and OPS: {@code /desk} (the night's new cases
 * by category, the cases with filters, the aging table) and {@code /desk/{id}} (a case,
 * its source row, its card's trace, its trail and the forms of exactly the actions the
 * signed-in person may take, as the desk's rules decide). An action's form posts with its
 * CSRF token and comes back to the case with what happened; a refusal is shown there with
 * its reason.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class DeskPagesController {

	/** The cases on one page. */
	static final int PAGE = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final DeskCases cases;

	private final ExceptionDesk desk;

	private final CardTraceService trace;

	private final MessageSource messages;

	private final Clock clock;

	private final SettlementBrowser settlements;

	private final JobRunRepository runs;

	/**
	 * Creates the pages.
	 * @param cases reads the cases
	 * @param desk takes the actions
	 * @param trace a card's story
	 * @param messages the labels (for the flash messages)
	 * @param clock today, for the aging
	 * @param settlements the versions, to say which one paid a released tap
	 * @param runs the runs, for the latest night reconciled
	 */
	public DeskPagesController(DeskCases cases, ExceptionDesk desk, CardTraceService trace, MessageSource messages,
			Clock clock, SettlementBrowser settlements, JobRunRepository runs) {
		this.cases = cases;
		this.desk = desk;
		this.trace = trace;
		this.messages = messages;
		this.clock = clock;
		this.settlements = settlements;
		this.runs = runs;
	}

	/**
	 * The desk.
	 * @param date only this clearing date
	 * @param category only this category
	 * @param state only this case_state
	 * @param partner only this partner's
	 * @param status only this system status
	 * @param page the page, from 0
	 * @param locale the page's language
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/desk")
	String desk(@RequestParam(required = false) String date, @RequestParam(required = false) String category,
			@RequestParam(required = false) String state, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Locale locale,
			Model model) {
		CaseFilter filter;
		try {
			filter = DeskRequests.filter(date, category, state, partner, status);
		}
		catch (BadValue ex) {
			model.addAttribute("filterError", (ex.parameter() != null)
					? this.messages.getMessage("desk.filterBad." + ex.parameter(), null, ex.getMessage(), locale)
					: ex.getMessage());
			filter = CaseFilter.ALL;
			// The partner box keeps what was typed; the message quotes the bad value,
			// which a browser's date box would blank.
			model.addAttribute("typedPartner", partner);
			model.addAttribute("typedBad", typed(ex.parameter(), date, category, state, partner, status));
		}
		LocalDate latest = this.cases.latestDate();
		List<NightRow> nightRows = new ArrayList<>();
		long nightCount = 0;
		long nightFresh = 0;
		long nightFen = 0;
		if (latest != null) {
			for (CategoryCount count : this.cases.byCategory(latest)) {
				nightRows
					.add(new NightRow(count.category(), count.count(), count.fresh(), Money.yuan(count.amountFen())));
				nightCount += count.count();
				nightFresh += count.fresh();
				nightFen += count.amountFen();
			}
		}
		model.addAttribute("nightDate", latest);
		// A later night reconciled without a case is the latest night, not the one above.
		this.runs.latestDateDone("reconcile")
			.filter((night) -> latest == null || night.isAfter(latest))
			.ifPresent((night) -> model.addAttribute("quietNight", night));
		model.addAttribute("nightRows", nightRows);
		model.addAttribute("nightTotal", new NightRow(null, nightCount, nightFresh, Money.yuan(nightFen)));
		model.addAttribute("filter", filter);
		model.addAttribute("categories", CaseFilter.CATEGORIES);
		model.addAttribute("states", CaseFilter.STATES);
		model.addAttribute("statuses", CaseFilter.STATUSES);
		Page<DeskCase> found = this.cases.list(filter, Math.max(page, 0), PAGE);
		model.addAttribute("result", new Page<>(found.page(), found.size(), found.total(),
				found.items().stream().map(CaseRow::of).toList()));
		LocalDate today = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		model.addAttribute("aging", AgingJson.of(today, this.cases.aging(today)));
		return "desk/home";
	}

	/**
	 * A case.
	 * @param id the case
	 * @param user who looks (the actions shown are theirs)
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/desk/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
		DeskCase found = this.cases.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("c", CaseRow.of(found));
		if (found.releasedAt() != null) {
			// Once a version of its date was published after the release, the tap is paid
			// in it: the page says which, rather than "from the next settlement".
			this.settlements.firstPublishedAfter(found.clearingDate(), found.releasedAt())
				.ifPresent((paid) -> model.addAttribute("paidIn",
						new PaidIn(paid.version(), TIME.format(DeskJson.shanghai(paid.publishedAt())))));
		}
		model.addAttribute("sourceRow", this.cases.sourceRow(found));
		this.cases.acceptedCopy(found).ifPresent((copy) -> {
			model.addAttribute("acceptedCopy", copy);
			model.addAttribute("acceptedCopyYuan", Money.yuan(copy.amountFen()));
		});
		model.addAttribute("trail", this.cases.trail(id).stream().map(TrailRow::of).toList());
		model.addAttribute("trace", trace(found.cardNo()));
		List<ActionForm> actions = actions(found, DeskRequests.person(user));
		model.addAttribute("actions", actions);
		// A refused action is said beside its form, when the case still offers it;
		// otherwise (someone else acted meanwhile) at the top, with the note typed.
		Object refused = model.getAttribute("refusedAction");
		if (refused != null && actions.stream().anyMatch((form) -> form.command().equals(refused))) {
			model.addAttribute("refusedHere", true);
		}
		model.addAttribute("resolutions", DeskRequests.RESOLUTIONS);
		return "desk/case";
	}

	private static String typed(String parameter, String date, String category, String state, String partner,
			String status) {
		if (parameter == null) {
			return null;
		}
		return switch (parameter) {
			case "date" -> date;
			case "category" -> category;
			case "state" -> state;
			case "partner" -> partner;
			case "status" -> status;
			default -> null;
		};
	}

	/**
	 * Takes an action on a case, then back to the case with what happened.
	 * @param id the case
	 * @param action the action's command name
	 * @param resolution the resolution of a close
	 * @param note the note
	 * @param user who acts
	 * @param request the request (its address)
	 * @param locale the page's language
	 * @param flash the message for the case's page
	 * @return back to the case
	 */
	@PostMapping("/desk/{id}/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String resolution,
			@RequestParam(required = false) String note, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request, Locale locale, RedirectAttributes flash) {
		CaseAction chosen = DeskRequests.action(action);
		Optional<DeskCase> before = (chosen != null) ? this.cases.find(id) : Optional.empty();
		if (before.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		// The requester's own reject-release was offered as withdrawing the request: the
		// message names the button pressed.
		boolean withdrawing = chosen == CaseAction.REJECT_RELEASE
				&& user.name().equals(before.get().releaseRequestedBy());
		String key = "desk.action." + chosen.command() + (withdrawing ? ".own" : "");
		String label = this.messages.getMessage(key, null, chosen.command(), locale);
		try {
			String[] notes = request.getParameterValues("note");
			if (notes != null && notes.length > 1) {
				// a hand-made form: Spring would join them with commas into one note
				throw BadValue.ofNote("noteTwice", "note is given " + notes.length + " times: send one",
						String.valueOf(notes.length));
			}
			DeskCase after = this.desk.act(id, DeskRequests.person(user),
					DeskRequests.request(chosen, resolution, note), DeskRequests.actor(user, request));
			String stateLabel = this.messages.getMessage("desk.state." + after.caseState(), null, after.caseState(),
					locale);
			flash.addFlashAttribute("flashKind", "ok");
			flash.addFlashAttribute("flashKey", "desk.flash.done");
			flash.addFlashAttribute("flashArgs", new Object[] { label, stateLabel });
		}
		catch (CaseActionRefusedException | BadValue | CaseNotFoundException ex) {
			if (ex instanceof BadValue) {
				// the desk audits the refusals of its rules; this one came before them
				this.desk.recordRefusal(id, chosen, DeskRequests.actor(user, request), ex.getMessage());
			}
			flash.addFlashAttribute("flashKind", "error");
			flash.addFlashAttribute("flashKey", "desk.flash.refused");
			flash.addFlashAttribute("flashArgs", new Object[] { label, refusal(ex, locale, withdrawing) });
			flash.addFlashAttribute("refusedAction", chosen.command());
			// typed again into the form, without a NUL (refused, and no page may
			// carry one)
			flash.addFlashAttribute("refusedNote", (note != null) ? note.replace("\u0000", "") : null);
			flash.addFlashAttribute("refusedResolution", resolution);
			// the page opens at the form, where the refusal is said
			return "redirect:/desk/" + id + "#action-" + chosen.command();
		}
		return "redirect:/desk/" + id;
	}

	/**
	 * Why an action was refused, in the page's language when the refusal has words there
	 * ({@code desk.refused.<code>}); otherwise as the desk said it.
	 */
	private String refusal(RuntimeException ex, Locale locale, boolean withdrawing) {
		if (ex instanceof CaseActionRefusedException refused && refused.code() != null) {
			Object[] values = refused.values().stream().map((value) -> named(value, locale, withdrawing)).toArray();
			return this.messages.getMessage("desk.refused." + refused.code(), values, ex.getMessage(), locale);
		}
		if (ex instanceof BadValue bad && bad.code() != null) {
			// a note refused before the rules (too long, a NUL, a character no one
			// sees), in their words
			return this.messages.getMessage("desk.refused." + bad.code(), bad.values(), ex.getMessage(), locale);
		}
		if (ex instanceof BadValue bad && "resolution".equals(bad.parameter())) {
			// only a form changed by hand sends a resolution the list does not offer
			return this.messages.getMessage("desk.refused.resolution", null, ex.getMessage(), locale);
		}
		return ex.getMessage();
	}

	/**
	 * A value a refusal names, as the page names it: the requester's own reject-release
	 * by the button they pressed, "Withdraw the request".
	 */
	private String named(Object value, Locale locale, boolean withdrawing) {
		if (value instanceof Collection<?> values) {
			return values.stream().map((each) -> named(each, locale, withdrawing)).collect(Collectors.joining(" / "));
		}
		String key = null;
		if (value instanceof CaseState state) {
			key = "desk.state." + state.name();
		}
		else if (value instanceof Resolution resolution) {
			key = "desk.resolution." + resolution.name();
		}
		else if (value instanceof CaseAction action) {
			key = "desk.action." + action.command()
					+ ((withdrawing && action == CaseAction.REJECT_RELEASE) ? ".own" : "");
		}
		else if (value instanceof ExceptionCategory category) {
			key = "desk.category." + category.name();
		}
		return (key != null) ? this.messages.getMessage(key, null, String.valueOf(value), locale)
				: String.valueOf(value);
	}

	/**
	 * The actions this person may take on this case now, as the desk's rules decide: an
	 * action is shown when it would be allowed with a note (and, for close, an ordinary
	 * resolution); its note is marked required when it would be refused without one.
	 */
	static List<ActionForm> actions(DeskCase found, DeskRules.Person person) {
		DeskRules.Case current = found.rules();
		List<ActionForm> forms = new ArrayList<>();
		for (CaseAction action : CaseAction.values()) {
			Resolution probe = (action == CaseAction.CLOSE) ? Resolution.FALSE_POSITIVE : null;
			if (allowed(current, person, new DeskRules.Request(action, probe, "?"))) {
				boolean noteRequired = !allowed(current, person, new DeskRules.Request(action, probe, null));
				forms.add(new ActionForm(action.command(), action == CaseAction.CLOSE, noteRequired));
			}
		}
		return forms;
	}

	private static boolean allowed(DeskRules.Case current, DeskRules.Person person, DeskRules.Request request) {
		try {
			DeskRules.decide(current, person, request);
			return true;
		}
		catch (CaseActionRefusedException ex) {
			return false;
		}
	}

	/** A card's story as {@code cardops trace} prints it (no identity number in it). */
	private String trace(String cardNo) {
		if (cardNo == null || cardNo.isBlank()) {
			return null;
		}
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
			if (!this.trace.trace(cardNo.strip(), out)) {
				return null;
			}
		}
		return text.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The settlement version that paid a released tap.
	 *
	 * @param version its number
	 * @param publishedAt when it was published, Beijing time
	 */
	record PaidIn(int version, String publishedAt) {
	}

	/**
	 * A case as the pages show it.
	 *
	 * @param id its id
	 * @param clearingDate its clearing date
	 * @param category its category
	 * @param status its system status
	 * @param caseState its case_state
	 * @param owner who owns it
	 * @param resolution how it was closed
	 * @param releaseRequestedBy who asked for its release
	 * @param releasedAt when its release was approved, formatted
	 * @param partner its partner
	 * @param cardNo its card
	 * @param cardSeq its card's counter
	 * @param source its file and line
	 * @param amountYuan its amount
	 * @param detail what the judging said
	 * @param resolvedOn when the judging resolved it
	 */
	record CaseRow(long id, LocalDate clearingDate, String category, String status, String caseState, String owner,
			String resolution, String releaseRequestedBy, String releasedAt, String partner, String cardNo,
			String cardSeq, String source, String amountYuan, String detail, LocalDate resolvedOn) {

		static CaseRow of(DeskCase c) {
			return new CaseRow(c.id(), c.clearingDate(), c.category(), c.status(), c.caseState(), c.owner(),
					c.resolution(), c.releaseRequestedBy(),
					(c.releasedAt() != null) ? TIME.format(DeskJson.shanghai(c.releasedAt())) : null, c.partner(),
					c.cardNo(), c.cardSeq(), c.sourceFile() + ":" + c.sourceLine(), Money.yuan(c.amountFen()),
					c.detail(), c.resolvedOn());
		}

	}

	/**
	 * An action of the trail as the page shows it.
	 *
	 * @param actedAt when, Asia/Shanghai
	 * @param account who
	 * @param action the action's command name
	 * @param fromState before
	 * @param toState after
	 * @param resolution the resolution set
	 * @param note the note
	 */
	record TrailRow(String actedAt, String account, String action, String fromState, String toState, String resolution,
			String note) {

		static TrailRow of(TrailEntry entry) {
			return new TrailRow(TIME.format(DeskJson.shanghai(entry.actedAt())), entry.account(), entry.action(),
					entry.fromState(), entry.toState(), entry.resolution(), entry.note());
		}

	}

	/**
	 * A category's cases of the night.
	 *
	 * @param category the category (null for the total)
	 * @param count how many
	 * @param fresh how many are still NEW
	 * @param amountYuan the money at stake
	 */
	record NightRow(String category, long count, long fresh, String amountYuan) {
	}

	/**
	 * The form of an action the person may take.
	 *
	 * @param command the action's command name (the form posts to it)
	 * @param resolution whether the form chooses a resolution (close)
	 * @param noteRequired whether the note is required
	 */
	record ActionForm(String command, boolean resolution, boolean noteRequired) {
	}

}
