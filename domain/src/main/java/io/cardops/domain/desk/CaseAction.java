package io.cardops.domain.desk;

import java.util.Locale;

/**
 * What a person can do to a case (desk.md, "Cases"), under the names the command line and
 * the API use.
 */
public enum CaseAction {

	/** NEW to ACKNOWLEDGED; the actor owns the case. */
	ACKNOWLEDGE,
	/** Any state but CLOSED to CLOSED, with a resolution. */
	CLOSE,
	/** CLOSED to ACKNOWLEDGED (not a released tap); a note says why. */
	REOPEN,
	/** A held tap proposed for payment: to RELEASE_REQUESTED. */
	REQUEST_RELEASE,
	/** A second FINANCE account pays the held tap: to CLOSED, resolution RELEASED. */
	APPROVE_RELEASE,
	/** The release is turned down: back to ACKNOWLEDGED, with a note. */
	REJECT_RELEASE;

	/**
	 * The action's name on the command line and in the API path.
	 * @return for example {@code request-release}
	 */
	public String command() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Reads an action by its command name.
	 * @param command for example {@code approve-release}
	 * @return the action
	 * @throws CaseActionRefusedException when no action has that name
	 */
	public static CaseAction parse(String command) {
		for (CaseAction action : values()) {
			if (action.command().equals(command)) {
				return action;
			}
		}
		StringBuilder names = new StringBuilder();
		for (CaseAction action : values()) {
			names.append((names.length() > 0) ? ", " : "").append(action.command());
		}
		throw new CaseActionRefusedException("unknown action '" + command + "': one of " + names);
	}

}
