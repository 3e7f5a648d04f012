package io.cardops.domain.desk;

import java.util.List;

import java.util.Set;

import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.domain.text.VisibleText;

/**
 * Which action a person may take on a case and what it makes of it (desk.md, "Cases"): a
 * pure function of the case, the person, the action and what they wrote. A refusal says
 * why in words.
 */
public final class DeskRules {

	/** The roles that work the desk. */
	public static final Set<String> WORKING_ROLES = Set.of("FINANCE", "OPS");

	/** The only role that approves a release. */
	public static final String APPROVING_ROLE = "FINANCE";

	/** The longest note a case's trail keeps, in characters (case_action.note). */
	public static final int NOTE_LIMIT = 2000;

	private DeskRules() {
	}

	/**
	 * A case as the rules see it.
	 *
	 * @param state its case_state
	 * @param category its exception category
	 * @param tap whether its source row is a gate tap (not a top-up or a payment)
	 * @param owner who owns it, or null
	 * @param resolution how it was closed, or null
	 * @param releaseRequestedBy who requested its release (while RELEASE_REQUESTED), or
	 * null
	 */
	public record Case(CaseState state, ExceptionCategory category, boolean tap, String owner, Resolution resolution,
			String releaseRequestedBy) {

		/**
		 * Whether this case is a held tap a release can pay.
		 * @return true for a SEQ_CONFLICT or UNKNOWN_CARD tap
		 */
		public boolean releasable() {
			return this.tap && (this.category == ExceptionCategory.SEQ_CONFLICT
					|| this.category == ExceptionCategory.UNKNOWN_CARD);
		}

	}

	/**
	 * The person acting.
	 *
	 * @param name the account's name
	 * @param role the account's role ({@code OPS}, {@code FINANCE}, {@code UNIVERSITY})
	 */
	public record Person(String name, String role) {
	}

	/**
	 * What an action asks for.
	 *
	 * @param action the action
	 * @param resolution the resolution of a close, else null
	 * @param note the note, or null
	 */
	public record Request(CaseAction action, Resolution resolution, String note) {

		/**
		 * Whether a note was written: one character at least that can be seen. White
		 * space of every kind (the no-break and ideographic spaces too) is not a note,
		 * nor are the invisible characters {@link #noteProblem} refuses.
		 * @return true when the note has a character that is not blank
		 */
		public boolean hasNote() {
			return this.note != null && this.note.codePoints().anyMatch(DeskRules::seen);
		}

	}

	/**
	 * The case after an allowed action.
	 *
	 * @param state the new case_state
	 * @param owner the new owner
	 * @param resolution the new resolution (null unless CLOSED)
	 * @param releaseRequestedBy who requested the pending release, or null
	 */
	public record Outcome(CaseState state, String owner, Resolution resolution, String releaseRequestedBy) {
	}

	/**
	 * What keeps a note out of a case's trail, if anything: a control character other
	 * than a tab or a line break, or an invisible one (VisibleText: a zero-width space, a
	 * bidi override that would make the trail read otherwise than it was written, a lone
	 * surrogate, a blank filler). A note is shown to the next person on the case and to
	 * auditors as it was written, so it must read the same to everyone.
	 * @param note the note, or null
	 * @return the first such character, or null
	 */
	public static NoteProblem noteProblem(String note) {
		if (note == null) {
			return null;
		}
		for (int i = 0; i < note.length();) {
			int codePoint = note.codePointAt(i);
			if (codePoint != '\t' && codePoint != '\n' && codePoint != '\r') {
				if (Character.getType(codePoint) == Character.CONTROL) {
					return new NoteProblem("a control character", VisibleText.codePoint(codePoint));
				}
				if (VisibleText.isInvisible(codePoint)) {
					return new NoteProblem("an invisible character", VisibleText.codePoint(codePoint));
				}
			}
			i += Character.charCount(codePoint);
		}
		return null;
	}

	/**
	 * A character that keeps a note out of the trail.
	 *
	 * @param kind {@code a control character} or {@code an invisible character}
	 * @param codePoint the character, as Unicode names it ({@code U+200B})
	 */
	public record NoteProblem(String kind, String codePoint) {

		/**
		 * The reason, for a message.
		 * @return for example {@code note contains an invisible character U+200B}
		 */
		public String reason() {
			return "note contains " + this.kind + " " + this.codePoint;
		}

	}

	private static boolean seen(int codePoint) {
		return !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)
				&& Character.getType(codePoint) != Character.CONTROL && !VisibleText.isInvisible(codePoint);
	}

	/**
	 * Decides an action.
	 * @param current the case
	 * @param person who acts
	 * @param request what they ask
	 * @return the case afterwards
	 * @throws CaseActionRefusedException when the rules forbid it, with the reason
	 */
	public static Outcome decide(Case current, Person person, Request request) {
		if (!WORKING_ROLES.contains(person.role())) {
			throw refused(person.name() + " is a " + person.role()
					+ " account: only FINANCE and OPS accounts work the exception desk");
		}
		if (request.hasNote() && request.note().strip().length() > NOTE_LIMIT) {
			throw refused("noteTooLong", "the note is " + request.note().strip().length() + " characters long: at most "
					+ NOTE_LIMIT + " are kept; shorten it", request.note().strip().length(), NOTE_LIMIT);
		}
		NoteProblem problem = noteProblem(request.note());
		if (problem != null) {
			throw refused("noteInvisible", "the " + problem.reason() + ": type the note again without it",
					problem.codePoint());
		}
		if (request.action() != CaseAction.CLOSE && request.resolution() != null) {
			throw refused("resolutionOnlyWithClose",
					"a resolution is given only with close, not with " + request.action().command());
		}
		String owner = (current.owner() != null) ? current.owner() : person.name();
		return switch (request.action()) {
			case ACKNOWLEDGE -> {
				requireState(current, request, CaseState.NEW);
				yield new Outcome(CaseState.ACKNOWLEDGED, person.name(), null, null);
			}
			case CLOSE -> {
				if (current.state() == CaseState.CLOSED && current.resolution() == Resolution.RELEASED) {
					throw refused("alreadyReleased", "the case is already CLOSED (RELEASED): a released tap is paid"
							+ " from the next settlement of its clearing date on, and stays closed");
				}
				if (current.state() == CaseState.CLOSED) {
					throw refused("alreadyClosed",
							"the case is already CLOSED (" + current.resolution() + "); reopen it first",
							current.resolution());
				}
				if (request.resolution() == null) {
					throw refused("closeNeedsResolution", "close needs a resolution: one of " + Resolution.choosable());
				}
				if (request.resolution() == Resolution.RELEASED) {
					throw refused("releasedByApproval", "RELEASED is set by approve-release, not chosen in a close");
				}
				if (request.resolution().needsNote() && !request.hasNote()) {
					throw refused("closeNeedsNote", "closing as " + request.resolution() + " needs a note saying why",
							request.resolution());
				}
				yield new Outcome(CaseState.CLOSED, owner, request.resolution(), null);
			}
			case REOPEN -> {
				requireState(current, request, CaseState.CLOSED);
				if (current.resolution() == Resolution.RELEASED) {
					throw refused("releasedStays", "a released tap cannot be reopened: it is paid from the next"
							+ " settlement of its clearing date on");
				}
				requireNote(request);
				yield new Outcome(CaseState.ACKNOWLEDGED, person.name(), null, null);
			}
			case REQUEST_RELEASE -> {
				if (current.category() == ExceptionCategory.MALFORMED_RECORD) {
					throw refused("malformedStays",
							"a MALFORMED_RECORD has no trusted amount: it cannot be released, only closed");
				}
				if (!current.releasable()) {
					throw refused(current.tap() ? "notReleasable" : "notReleasableRow",
							"only a held tap (SEQ_CONFLICT or UNKNOWN_CARD) can be released; this case is a "
									+ current.category() + (current.tap() ? "" : " on a row that is not a tap")
									+ ", which holds no money",
							current.category());
				}
				requireState(current, request, CaseState.NEW, CaseState.ACKNOWLEDGED);
				yield new Outcome(CaseState.RELEASE_REQUESTED, owner, null, person.name());
			}
			case APPROVE_RELEASE -> {
				requireState(current, request, CaseState.RELEASE_REQUESTED);
				if (!APPROVING_ROLE.equals(person.role())) {
					throw refused("financeApproves",
							"only a FINANCE account approves a release; " + person.name() + " is " + person.role());
				}
				if (person.name().equals(current.releaseRequestedBy())) {
					throw refused("fourEyes", person.name() + " requested this release: a second FINANCE account"
							+ " must approve it (four eyes)", person.name());
				}
				yield new Outcome(CaseState.CLOSED, owner, Resolution.RELEASED, null);
			}
			case REJECT_RELEASE -> {
				requireState(current, request, CaseState.RELEASE_REQUESTED);
				requireNote(request);
				yield new Outcome(CaseState.ACKNOWLEDGED, owner, null, null);
			}
		};
	}

	private static void requireState(Case current, Request request, CaseState... allowed) {
		for (CaseState state : allowed) {
			if (current.state() == state) {
				return;
			}
		}
		StringBuilder names = new StringBuilder();
		for (CaseState state : allowed) {
			names.append((names.length() > 0) ? " or " : "").append(state);
		}
		throw refused("wrongState",
				request.action().command() + " needs a case that is " + names + "; this one is " + current.state()
						+ ((current.resolution() != null) ? " (" + current.resolution() + ")" : ""),
				request.action(), List.of(allowed), current.state());
	}

	private static void requireNote(Request request) {
		if (!request.hasNote()) {
			throw refused("needsNote", request.action().command() + " needs a note saying why", request.action());
		}
	}

	private static CaseActionRefusedException refused(String reason) {
		return new CaseActionRefusedException(reason);
	}

	private static CaseActionRefusedException refused(String code, String reason, Object... values) {
		return new CaseActionRefusedException(code, reason, values);
	}

}
