package io.cardops.app.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseState;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.money.Money;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.jobs.JobName;
import io.cardops.jobs.desk.DeskCase;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;

/**
 * The demo's turn at the exception desk (shared/spec/desk.md), after its last settlement:
 * {@code finance-demo} requests the release of the UNKNOWN_CARD held tap of 2026-10-13 (a
 * card whose issue the card master had not yet heard of), {@code finance-checker}
 * approves it, and the settlement of that date publishes version 2 with the operator paid
 * exactly the tap's charge more. Then {@code finance-demo} closes the SEQ_CONFLICT held
 * tap of 2026-10-14 as REFUSED: it is BJSUBWAY's copy of an exit whose card_seq BJMTR's
 * copy holds and is paid for, so releasing it would pay one exit twice. The aging table
 * shows what is still open, and the SEQ_CONFLICT of 2026-10-16 is left for the user to
 * close. A demo run again finds both done and shows only the table.
 */
final class DemoDesk {

	/** The clearing date of the held tap the demo releases. */
	static final LocalDate RELEASE_DATE = LocalDate.of(2026, 10, 13);

	/** The clearing date of the conflicting copy the demo closes. */
	static final LocalDate REFUSE_DATE = LocalDate.of(2026, 10, 14);

	/** The clearing date of the conflicting copy left for the user. */
	static final LocalDate TRY_DATE = LocalDate.of(2026, 10, 16);

	static final String REQUESTER = "finance-demo";

	static final String APPROVER = "finance-checker";

	private DemoDesk() {
	}

	/**
	 * Works the desk once and prints what it did.
	 * @param session the invocation
	 * @param context the opened application, the demo accounts made
	 * @param settled the summary line of each date's settlement in this demo
	 * @return whether the settlement run failed
	 */
	static boolean show(Session session, ConfigurableApplicationContext context, Map<LocalDate, String> settled) {
		session.out().println("== the exception desk");
		DeskCases cases = context.getBean(DeskCases.class);
		boolean failed = false;
		Optional<DeskCase> found = heldTap(cases, ExceptionCategory.UNKNOWN_CARD, RELEASE_DATE);
		if (found.isEmpty()) {
			session.out().println("no UNKNOWN_CARD held tap of " + RELEASE_DATE + " in this inbox: no release to show");
		}
		else if (Resolution.RELEASED.name().equals(found.get().resolution())) {
			session.out()
				.println("case " + found.get().id() + ", the UNKNOWN_CARD held tap of " + RELEASE_DATE
						+ ", was released by an earlier demo (./cardops exceptions show " + found.get().id()
						+ " shows its trail)");
		}
		else if (CaseState.CLOSED.name().equals(found.get().caseState())) {
			session.out()
				.println("case " + found.get().id() + ", the UNKNOWN_CARD held tap of " + RELEASE_DATE
						+ ", was closed as " + found.get().resolution() + ": no release to show");
		}
		else {
			failed = release(session, context, found.get(), settled.get(RELEASE_DATE));
		}
		heldTap(cases, ExceptionCategory.SEQ_CONFLICT, REFUSE_DATE)
			.filter((tap) -> !CaseState.CLOSED.name().equals(tap.caseState()))
			.ifPresent((tap) -> refuse(session, context, tap));
		session.out().println("-- the open cases by age");
		LocalDate today = LocalDate.now(context.getBean(Clock.class).withZone(AcademicCalendar.ZONE));
		ExceptionsCommand.printAging(session.out(), cases.aging(today), today);
		heldTap(cases, ExceptionCategory.SEQ_CONFLICT, TRY_DATE)
			.filter((tap) -> !CaseState.CLOSED.name().equals(tap.caseState()))
			.ifPresent((tap) -> {
				session.out()
					.println("try it: case " + tap.id() + ", the SEQ_CONFLICT held tap of " + TRY_DATE + " ("
							+ Money.yuan(tap.amountFen()) + " yuan), is " + tap.caseState()
							+ ": see which copy is paid, then close it");
				session.out().println("  ./cardops exceptions show " + tap.id());
				session.out()
					.println("  ./cardops exceptions close " + tap.id() + " --as " + REQUESTER
							+ " --resolution REFUSED --note \"the same boarding from a second validator\"");
			});
		return failed;
	}

	private static boolean release(Session session, ConfigurableApplicationContext context, DeskCase tap,
			String before) {
		String requester = REQUESTER;
		if (!CaseState.RELEASE_REQUESTED.name().equals(tap.caseState())) {
			session.out()
				.println("$ ./cardops exceptions request-release " + tap.id() + " --as " + REQUESTER + " --note \""
						+ RELEASE_NOTE + "\"");
			DeskCase requested = ExceptionsCommand.act(context, tap.id(), REQUESTER,
					new DeskRules.Request(CaseAction.REQUEST_RELEASE, null, RELEASE_NOTE));
			session.out().println(ExceptionsCommand.stateLine(requested));
		}
		else {
			requester = tap.releaseRequestedBy();
		}
		String approver = APPROVER.equals(requester) ? REQUESTER : APPROVER;
		session.out().println("$ ./cardops exceptions approve-release " + tap.id() + " --as " + approver);
		DeskCase approved = ExceptionsCommand.act(context, tap.id(), approver,
				new DeskRules.Request(CaseAction.APPROVE_RELEASE, null, null));
		session.out().println(ExceptionsCommand.stateLine(approved));
		session.out().println("$ ./cardops run settle --date " + RELEASE_DATE);
		JobRunner.RunResult result = context.getBean(JobRunner.class)
			.run(JobName.SETTLE, Map.of("date", RELEASE_DATE.toString()));
		if (before != null) {
			session.out().println("before: " + before);
		}
		RunReport.print(session, JobName.SETTLE, RELEASE_DATE, result);
		String after = RunSummary.line(JobName.SETTLE.command(), RELEASE_DATE, result.outcome(), result.counts());
		Long payableBefore = yuanValue(before, "payable_yuan");
		Long payableAfter = yuanValue(after, "payable_yuan");
		if (payableBefore != null && payableAfter != null) {
			session.out()
				.println("payable of " + RELEASE_DATE + ": " + Money.yuan(payableBefore) + " -> "
						+ Money.yuan(payableAfter) + " yuan (+" + Money.yuan(payableAfter - payableBefore)
						+ ", the released tap's charge); the earlier version stays in the history and downloads as"
						+ " before");
		}
		return result.outcome() == RunOutcome.FAILED;
	}

	/** Why the demo's requester asks for the release. */
	private static final String RELEASE_NOTE = "BJBUS confirms the card; its issue reached the card master late";

	/** Why the demo's requester closes the conflicting copy unpaid. */
	private static final String REFUSE_NOTE = "the same exit as BJMTR's copy, which is paid";

	/**
	 * Closes a SEQ_CONFLICT copy unpaid, after showing which copy holds its card_seq.
	 */
	private static void refuse(Session session, ConfigurableApplicationContext context, DeskCase tap) {
		session.out()
			.println("$ ./cardops exceptions close " + tap.id() + " --as " + REQUESTER
					+ " --resolution REFUSED --note \"" + REFUSE_NOTE + "\"");
		DeskCase closed = ExceptionsCommand.act(context, tap.id(), REQUESTER,
				new DeskRules.Request(CaseAction.CLOSE, Resolution.REFUSED, REFUSE_NOTE));
		session.out().println(ExceptionsCommand.stateLine(closed) + " (" + tap.detail() + ")");
	}

	private static Optional<DeskCase> heldTap(DeskCases cases, ExceptionCategory category, LocalDate date) {
		List<DeskCase> found = cases.list(new DeskCases.CaseFilter(date, category.name(), null, null, null), 0, 50)
			.items();
		return found.stream().filter(DeskCase::tap).findFirst();
	}

	/** A {@code key=12.50} value of a summary line, in fen, or null. */
	private static Long yuanValue(String line, String key) {
		try {
			return RunSummary.value(line, key).map((yuan) -> Long.parseLong(yuan.replace(".", ""))).orElse(null);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
