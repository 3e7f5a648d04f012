package io.cardops.app.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.app.lean.LeanApplication;
import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.AgeBucket;
import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.CaseState;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.money.Money;
import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.desk.DeskCase;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.desk.ExceptionDesk;
import io.cardops.jobs.desk.TrailEntry;
import io.cardops.jobs.support.Page;
import io.cardops.portal.account.Account;
import io.cardops.portal.account.Accounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cardops exceptions list|show|aging|<action>}: the exception desk from the
 * command line (shared/spec/desk.md). Reading needs no account; an action names the
 * portal account that takes it ({@code --as NAME}, an enabled FINANCE or OPS account), so
 * that the case's trail and the audit log name a person. A refused action (the rules
 * forbid it, an unknown case, an unknown or disabled account) exits 2 with the reason and
 * changes nothing.
 */
@Command(name = "exceptions", mixinStandardHelpOptions = true,
		description = {
				"The exception desk: the cases reconciliation raised every night, who works them, and the"
						+ " held money waiting for a decision.",
				"",
				"A case is NEW until someone acknowledges it, ACKNOWLEDGED while its owner works it,"
						+ " RELEASE_REQUESTED while a held tap waits for a second FINANCE account, and CLOSED with a"
						+ " resolution. Reading (list, show, aging) needs no account; every action names the enabled"
						+ " FINANCE or OPS portal account taking it with --as NAME (see cardops users list), for the"
						+ " case's trail and the audit log." },
		footer = { "", "Examples (zhou.min and wang.fang are two FINANCE accounts):",
				"  cardops exceptions list --state NEW --category SEQ_CONFLICT", "  cardops exceptions show 11",
				"  cardops exceptions request-release 11 --as zhou.min --note \"same trip\"",
				"  cardops exceptions approve-release 11 --as wang.fang",
				"  cardops run settle --date 2026-10-14   (a new version pays the tap)",
				"  cardops exceptions close 7 --as zhou.min --resolution FALSE_POSITIVE", "  cardops exceptions aging",
				"", "A refused action exits 2 with the reason on standard error; nothing is changed." })
final class ExceptionsCommand implements Runnable {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Spec
	private CommandSpec spec;

	private ExceptionsCommand() {
	}

	static CommandLine create(Session session) {
		CommandLine exceptions = new CommandLine(new ExceptionsCommand());
		exceptions.addSubcommand(new ListCases(session));
		exceptions.addSubcommand(new Show(session));
		exceptions.addSubcommand(new Aging(session));
		exceptions.addSubcommand(CaseAction.ACKNOWLEDGE.command(), action(session, CaseAction.ACKNOWLEDGE,
				"Takes a NEW case: it becomes ACKNOWLEDGED and you (--as) own it."));
		exceptions.addSubcommand(CaseAction.CLOSE.command(), new CommandLine(new Close(session)));
		exceptions.addSubcommand(CaseAction.REOPEN.command(),
				action(session, CaseAction.REOPEN,
						"Reopens a CLOSED case to ACKNOWLEDGED, owned by you; --note says why. A released tap cannot be"
								+ " reopened."));
		exceptions.addSubcommand(CaseAction.REQUEST_RELEASE.command(),
				action(session, CaseAction.REQUEST_RELEASE,
						"Proposes a held tap (SEQ_CONFLICT or UNKNOWN_CARD, NEW or ACKNOWLEDGED) for payment:"
								+ " RELEASE_REQUESTED, until a second FINANCE account approves or rejects it. A"
								+ " MALFORMED_RECORD has no trusted amount and can only be closed."));
		exceptions.addSubcommand(CaseAction.APPROVE_RELEASE.command(), action(session, CaseAction.APPROVE_RELEASE,
				"Pays a requested release: a FINANCE account other than the one who requested it (four eyes)."
						+ " The case is CLOSED as RELEASED, and the next settlement of its clearing date pays the"
						+ " tap (the nightly chain, or cardops run settle --date D)."));
		exceptions.addSubcommand(CaseAction.REJECT_RELEASE.command(), action(session, CaseAction.REJECT_RELEASE,
				"Turns a requested release down (--note says why): the case goes back to ACKNOWLEDGED and the tap"
						+ " stays held."));
		return exceptions;
	}

	private static CommandLine action(Session session, CaseAction action, String description) {
		CommandLine line = new CommandLine(new Act(session, action));
		line.getCommandSpec().usageMessage().description(description);
		return line;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "say list, show, aging, or an action: "
				+ Arrays.stream(CaseAction.values()).map(CaseAction::command).collect(Collectors.joining(", ")));
	}

	/**
	 * Takes an action as a named portal account and prints the case's new state in one
	 * line.
	 * @param session the invocation (for the error stream of nothing)
	 * @param context the opened application
	 * @param id the case
	 * @param as the account's name
	 * @param request the action, its resolution and note
	 * @return the case afterwards
	 * @throws GlobalOptions.UsageException when the account is unknown or disabled, the
	 * case does not exist, or the rules refuse the action (nothing changed)
	 */
	static DeskCase act(ConfigurableApplicationContext context, long id, String as, DeskRules.Request request) {
		ExceptionDesk desk = context.getBean(ExceptionDesk.class);
		Account account = context.getBean(Accounts.class)
			.list()
			.stream()
			.filter((candidate) -> candidate.name().equals(as))
			.findFirst()
			.orElse(null);
		// A refusal for the account is in the audit log too, under the name given.
		Actor actor = Actor.commandLineAs((account != null) ? account.name() : VisibleText.shown(as, 64));
		if (account == null) {
			desk.recordRefusal(id, request.action(), actor, "no portal account has that name");
			throw new GlobalOptions.UsageException("--as " + as + ": no portal account has that name;"
					+ " the desk acts as an existing FINANCE or OPS account (cardops users list,"
					+ " cardops users add NAME --role FINANCE)");
		}
		if (!account.enabled()) {
			desk.recordRefusal(id, request.action(), actor, "the account is disabled");
			throw new GlobalOptions.UsageException("--as " + as + ": the account is disabled; enable it first"
					+ " (cardops users enable " + as + ") or act as another");
		}
		try {
			return desk.act(id, new DeskRules.Person(account.name(), account.role().name()), request, actor);
		}
		catch (CaseActionRefusedException ex) {
			throw new GlobalOptions.UsageException("case " + id + ": " + request.action().command() + " refused: "
					+ ex.getMessage() + " (nothing changed)");
		}
		catch (ExceptionDesk.CaseNotFoundException ex) {
			throw new GlobalOptions.UsageException(notFound(id));
		}
	}

	/**
	 * The one line that says where a case stands after an action.
	 * @param deskCase the case
	 * @return for example
	 * {@code case 12 (SEQ_CONFLICT of 2026-10-14, 4.00 yuan): RELEASE_REQUESTED ...}
	 */
	static String stateLine(DeskCase deskCase) {
		StringBuilder line = new StringBuilder(
				"case " + deskCase.id() + " (" + deskCase.category() + " of " + deskCase.clearingDate() + ", "
						+ Money.yuan(deskCase.amountFen()) + " yuan): " + deskCase.caseState());
		if (deskCase.resolution() != null) {
			line.append(" ").append(deskCase.resolution());
		}
		if (deskCase.owner() != null) {
			line.append(", owner ").append(deskCase.owner());
		}
		if (CaseState.RELEASE_REQUESTED.name().equals(deskCase.caseState())) {
			line.append(", release requested by ")
				.append(deskCase.releaseRequestedBy())
				.append(": a second FINANCE account approves or rejects it");
		}
		if (Resolution.RELEASED.name().equals(deskCase.resolution())) {
			line.append("; paid from the next settlement of ")
				.append(deskCase.clearingDate())
				.append(" (the nightly chain, or cardops run settle --date ")
				.append(deskCase.clearingDate())
				.append(")");
		}
		return line.toString();
	}

	/**
	 * Prints the aging table of the cases not closed.
	 * @param out where
	 * @param rows the rows of {@link DeskCases#aging}
	 * @param asOf the day the ages were taken on
	 */
	static void printAging(PrintStream out, List<DeskCases.AgingRow> rows, LocalDate asOf) {
		if (rows.isEmpty()) {
			out.println("no open cases as of " + asOf + ": every case found by then is CLOSED");
			return;
		}
		out.println("open cases (not CLOSED) as of " + asOf + " by days since their clearing date: count / amount"
				+ " at stake in yuan");
		StringBuilder header = new StringBuilder(String.format("%-20s", "category"));
		for (AgeBucket bucket : AgeBucket.values()) {
			header.append(String.format(" %16s", bucket.label() + " days"));
		}
		out.println(header.append(String.format(" %16s", "total")));
		long[][] totals = new long[AgeBucket.values().length + 1][2];
		for (DeskCases.AgingRow row : rows) {
			StringBuilder line = new StringBuilder(String.format("%-20s", row.category()));
			for (DeskCases.AgingCell cell : row.cells()) {
				line.append(String.format(" %16s", cell(cell.count(), cell.amountFen())));
				totals[cell.bucket().ordinal()][0] += cell.count();
				totals[cell.bucket().ordinal()][1] += cell.amountFen();
			}
			DeskCases.AgingCell total = row.total();
			line.append(String.format(" %16s", cell(total.count(), total.amountFen())));
			totals[AgeBucket.values().length][0] += total.count();
			totals[AgeBucket.values().length][1] += total.amountFen();
			out.println(line);
		}
		StringBuilder line = new StringBuilder(String.format("%-20s", "TOTAL"));
		for (long[] total : totals) {
			line.append(String.format(" %16s", cell(total[0], total[1])));
		}
		out.println(line);
	}

	private static String cell(long count, long amountFen) {
		return count + " / " + Money.yuan(amountFen);
	}

	/**
	 * The actions the rules allow on a case as it stands, for a FINANCE account that did
	 * not request its release, with a note (and a resolution for close) written.
	 */
	static List<String> nextActions(DeskCase deskCase) {
		DeskRules.Case current = deskCase.rules();
		// A name no account can have: never the requester.
		DeskRules.Person someone = new DeskRules.Person(" ", DeskRules.APPROVING_ROLE);
		List<String> allowed = new ArrayList<>();
		for (CaseAction action : CaseAction.values()) {
			Resolution resolution = (action == CaseAction.CLOSE) ? Resolution.OTHER : null;
			try {
				DeskRules.decide(current, someone, new DeskRules.Request(action, resolution, "why"));
				allowed.add(action.command());
			}
			catch (CaseActionRefusedException ex) {
				// not open to it in this state
			}
		}
		return allowed;
	}

	private static String count(long cases) {
		return cases + ((cases == 1) ? " case" : " cases");
	}

	private static String notFound(long id) {
		return "no exception case " + id + " (cardops exceptions list shows the cases and their ids)";
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(AcademicCalendar.ZONE).format(TIME) : "-";
	}

	private static String orDash(String text) {
		return (text != null && !text.isBlank()) ? text : "-";
	}

	/** A text cut to a width, its end marked when cut. */
	static String cut(String text, int width) {
		String value = orDash(text).replaceAll("\\s+", " ").strip();
		return VisibleText.cut(value, width);
	}

	private static String choice(String option, String text, List<String> allowed) {
		if (text == null) {
			return null;
		}
		String value = text.strip().toUpperCase(Locale.ROOT);
		if (!allowed.contains(value)) {
			throw new GlobalOptions.UsageException(
					option + " must be one of " + String.join(", ", allowed) + ", not " + text);
		}
		return value;
	}

	/**
	 * {@code exceptions list}: a page of cases, newest clearing date first.
	 */
	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Lists the cases, newest clearing date first, a page at a time: id, clearing date,"
					+ " category, system status, case_state, owner, partner, card, card_seq, source file:line,"
					+ " amount in yuan and what reconciliation said.")
	static final class ListCases implements Callable<Integer> {

		private static final String ROW = "%-6s %-10s %-19s %-8s %-17s %-16s %-10s %-19s %5s %-36s %12s  %s%n";

		private static final int DETAIL_WIDTH = 48;

		private final Session session;

		@Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "only cases of this clearing date")
		private String date;

		@Option(names = "--category", paramLabel = "CATEGORY",
				description = "only this exception category (SEQ_CONFLICT, UNKNOWN_CARD, MALFORMED_RECORD, ...)")
		private String category;

		@Option(names = "--state", paramLabel = "STATE",
				description = "only this case_state: NEW, ACKNOWLEDGED, RELEASE_REQUESTED or CLOSED; or NOT_CLOSED, every case but the closed")
		private String state;

		@Option(names = "--partner", paramLabel = "CODE", description = "only cases of this partner's files")
		private String partner;

		@Option(names = "--status", paramLabel = "STATUS",
				description = "only this system status: OPEN or RESOLVED (what reconciliation says)")
		private String status;

		@Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "the page, from 1 (default 1)")
		private int page;

		@Option(names = "--size", paramLabel = "N", defaultValue = "50",
				description = "cases per page, 1 to 500 (default 50)")
		private int size;

		ListCases(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			LocalDate day = (this.date != null) ? DateJobCommand.parseDate("--date", this.date) : null;
			String wantedCategory = choice("--category", this.category, DeskCases.CaseFilter.CATEGORIES);
			String wantedState = choice("--state", this.state, DeskCases.CaseFilter.STATES);
			String wantedStatus = choice("--status", this.status, DeskCases.CaseFilter.STATUSES);
			if (this.page < 1) {
				throw new GlobalOptions.UsageException("--page counts from 1, not " + this.page);
			}
			if (this.size < 1 || this.size > 500) {
				throw new GlobalOptions.UsageException("--size must be 1 to 500, not " + this.size);
			}
			String wantedPartner = (this.partner != null) ? this.partner.strip() : null;
			try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
				Page<DeskCase> cases = context.getBean(DeskCases.class)
					.list(new DeskCases.CaseFilter(day, wantedCategory, wantedState, wantedPartner, wantedStatus),
							this.page - 1, this.size);
				print(cases);
				return 0;
			}
		}

		private void print(Page<DeskCase> cases) {
			PrintStream out = this.session.out();
			long pages = Math.max(1, (cases.total() + this.size - 1) / this.size);
			if (cases.total() == 0) {
				out.println("no cases match");
				return;
			}
			if (cases.items().isEmpty()) {
				out.println(
						"page " + this.page + " of " + pages + " (" + cases.total() + " cases): past the last page");
				return;
			}
			out.printf(ROW, "id", "date", "category", "status", "case_state", "owner", "partner", "card", "seq",
					"source (file:line)", "amount_yuan", "detail");
			for (DeskCase c : cases.items()) {
				out.printf(ROW, c.id(), c.clearingDate(), c.category(), c.status(), c.caseState(), cut(c.owner(), 16),
						cut(c.partner(), 10), orDash(c.cardNo()), orDash(c.cardSeq()),
						cut(c.sourceFile() + ":" + c.sourceLine(), 36), Money.yuan(c.amountFen()),
						cut(c.detail(), DETAIL_WIDTH));
			}
			out.println("page " + this.page + " of " + pages + " (" + count(cases.total()) + ")");
		}

	}

	/**
	 * {@code exceptions show ID}: one case, its source row and its trail.
	 */
	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Shows one case: where it stands, the row it was raised on (as received), and its whole"
					+ " trail of actions, oldest first (times in Asia/Shanghai).")
	static final class Show implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "ID", description = "the case's id (the first column of list)")
		private long id;

		Show(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
				DeskCases cases = context.getBean(DeskCases.class);
				DeskCase c = cases.find(this.id).orElseThrow(() -> new GlobalOptions.UsageException(notFound(this.id)));
				PrintStream out = this.session.out();
				out.println("case " + c.id() + ": " + c.category() + " of " + c.clearingDate() + ", "
						+ Money.yuan(c.amountFen()) + " yuan");
				out.printf("  %-22s %s%n", "status", c.status()
						+ ((c.resolvedOn() != null) ? " (resolved by reconciliation on " + c.resolvedOn() + ")" : ""));
				out.printf("  %-22s %s%n", "case_state", c.caseState());
				out.printf("  %-22s %s%n", "owner", orDash(c.owner()));
				out.printf("  %-22s %s%n", "resolution", orDash(c.resolution()));
				if (c.releaseRequestedBy() != null) {
					out.printf("  %-22s %s%n", "release requested by", c.releaseRequestedBy());
				}
				if (c.releasedAt() != null) {
					out.printf("  %-22s %s%n", "released at", time(c.releasedAt()));
				}
				out.printf("  %-22s %s%n", "partner", orDash(c.partner()));
				out.printf("  %-22s %s%n", "card",
						orDash(c.cardNo()) + ((c.cardSeq() != null) ? " card_seq " + c.cardSeq() : ""));
				out.printf("  %-22s %s line %d%n", "source", c.sourceFile(), c.sourceLine());
				out.printf("  %-22s %s%n", "detail", orDash(c.detail()));
				cases.acceptedCopy(c)
					.ifPresent((copy) -> out.printf("  %-22s %s%n", "accepted copy",
							copy.sourceFile() + " line " + copy.sourceLine() + " (" + copy.partner() + ", "
									+ Money.yuan(copy.amountFen()) + " yuan, "
									+ (copy.tap() ? "paid to " + copy.partner() : "a top-up")
									+ ") holds this card_seq: releasing this copy pays a second transaction for"
									+ " it, right only if both were real; otherwise close it (REFUSED)"));
				out.printf("  %-22s %s%n", "last acted on", time(c.changedAt()));
				out.println();
				Map<String, String> row = cases.sourceRow(c);
				if (row.isEmpty()) {
					out.println("source row: not kept (" + c.sourceFile() + " line " + c.sourceLine() + ")");
				}
				else {
					out.println("source row (" + c.sourceFile() + " line " + c.sourceLine() + ", as received)");
					row.forEach((name, value) -> out.printf("  %-22s %s%n", name, orDash(value)));
				}
				out.println();
				List<TrailEntry> trail = cases.trail(c.id());
				if (trail.isEmpty()) {
					out.println("trail: no action yet");
				}
				else {
					out.println("trail (oldest first; times " + AcademicCalendar.ZONE + ")");
					for (TrailEntry entry : trail) {
						out.printf("  %s  %-16s %-15s %s -> %s%s%s%n", time(entry.actedAt()), entry.account(),
								entry.action(), entry.fromState(), entry.toState(),
								(entry.resolution() != null) ? " " + entry.resolution() : "",
								(entry.note() != null) ? "  note: " + entry.note().replaceAll("\\R", " / ") : "");
					}
				}
				List<String> next = nextActions(c);
				out.println();
				out.println(next.isEmpty() ? "no action can be taken on it" : "next: " + String.join(", ", next)
						+ " (cardops exceptions ACTION " + c.id() + " --as NAME; --help on each says its rules)");
				return 0;
			}
		}

	}

	/**
	 * {@code exceptions aging [--date D]}.
	 */
	@Command(name = "aging", mixinStandardHelpOptions = true,
			description = "The cases not CLOSED by category and age in days since their clearing date (0-1, 2-7,"
					+ " 8-30, over 30), with how many and the money at stake, and the totals.")
	static final class Aging implements Callable<Integer> {

		private final Session session;

		@Option(names = "--date", paramLabel = "YYYY-MM-DD",
				description = "take the ages as of this day (default today, Asia/Shanghai)")
		private String date;

		Aging(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			LocalDate given = (this.date != null) ? DateJobCommand.parseDate("--date", this.date) : null;
			try (ConfigurableApplicationContext context = this.session.openLean(LeanApplication.class)) {
				LocalDate asOf = (given != null) ? given
						: LocalDate.now(context.getBean(Clock.class).withZone(AcademicCalendar.ZONE));
				printAging(this.session.out(), context.getBean(DeskCases.class).aging(asOf), asOf);
				return 0;
			}
		}

	}

	/**
	 * An action but close: {@code exceptions <action> ID --as NAME [--note TEXT]}.
	 */
	@Command(mixinStandardHelpOptions = true)
	static final class Act implements Callable<Integer> {

		private final Session session;

		private final CaseAction action;

		@Parameters(index = "0", paramLabel = "ID", description = "the case's id (the first column of list)")
		private long id;

		@Option(names = "--as", required = true, paramLabel = "NAME",
				description = "the enabled FINANCE or OPS portal account taking the action (named in the trail)")
		private String as;

		@Option(names = "--note", paramLabel = "TEXT",
				description = "why, in words (kept in the trail; required by reopen and reject-release)")
		private String note;

		Act(Session session, CaseAction action) {
			this.session = session;
			this.action = action;
		}

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = this.session.open()) {
				DeskCase after = act(context, this.id, this.as, new DeskRules.Request(this.action, null, this.note));
				this.session.out().println(stateLine(after));
				return 0;
			}
		}

	}

	/**
	 * {@code exceptions close ID --as NAME --resolution R [--note TEXT]}.
	 */
	@Command(name = "close", mixinStandardHelpOptions = true,
			description = "Closes a case that is not CLOSED, with a resolution. WRITTEN_OFF, REFUSED and OTHER need"
					+ " --note saying why. (A held tap is paid only through request-release and approve-release.)")
	static final class Close implements Callable<Integer> {

		private final Session session;

		@Parameters(index = "0", paramLabel = "ID", description = "the case's id (the first column of list)")
		private long id;

		@Option(names = "--as", required = true, paramLabel = "NAME",
				description = "the enabled FINANCE or OPS portal account closing it (named in the trail)")
		private String as;

		@Option(names = "--resolution", paramLabel = "R",
				description = "FALSE_POSITIVE, PARTNER_CORRECTED, REFUNDED_TO_CARDHOLDER, RECOVERED_FROM_CHANNEL,"
						+ " WRITTEN_OFF, REFUSED (held money confirmed unpaid) or OTHER")
		private String resolution;

		@Option(names = "--note", paramLabel = "TEXT",
				description = "why, in words (kept in the trail; required for WRITTEN_OFF, REFUSED and OTHER)")
		private String note;

		Close(Session session) {
			this.session = session;
		}

		@Override
		public Integer call() {
			if (this.resolution == null) {
				throw new GlobalOptions.UsageException(
						"close needs --resolution: one of " + Resolution.choosable() + " (nothing changed)");
			}
			Resolution chosen;
			try {
				// RELEASED is the rules' to refuse, with their reason.
				chosen = Resolution.RELEASED.name().equalsIgnoreCase(this.resolution.strip()) ? Resolution.RELEASED
						: Resolution.parse(this.resolution);
			}
			catch (CaseActionRefusedException ex) {
				throw new GlobalOptions.UsageException("--resolution: " + ex.getMessage());
			}
			try (ConfigurableApplicationContext context = this.session.open()) {
				DeskCase after = act(context, this.id, this.as,
						new DeskRules.Request(CaseAction.CLOSE, chosen, this.note));
				this.session.out().println(stateLine(after));
				return 0;
			}
		}

	}

}
