package io.cardops.portal.desk;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.cardops.domain.calendar.IsoDates;
import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.desk.DeskCases.CaseFilter;
import io.cardops.portal.security.PortalUser;

/**
 * Reads the desk's parameters (filters, pages, actions, resolutions, notes) for the API
 * and the pages alike: a bad value is a {@link BadValue} whose message names the values
 * allowed.
 */
final class DeskRequests {

	/** The resolutions a close may choose. */
	static final List<String> RESOLUTIONS = Arrays.stream(Resolution.values())
		.filter((resolution) -> resolution != Resolution.RELEASED)
		.map(Enum::name)
		.toList();

	/** The longest note the trail keeps (case_action.note). */
	static final int MAX_NOTE = DeskRules.NOTE_LIMIT;

	/** The largest page. */
	static final int MAX_SIZE = 500;

	private static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9_-]{1,16}");

	private DeskRequests() {
	}

	/**
	 * The filter of a list.
	 * @param date the clearing date, or null
	 * @param category the category, or null
	 * @param state the case_state, or null
	 * @param partner the partner code, or null
	 * @param status the system status, or null
	 * @return the filter
	 * @throws BadValue when a value is not one allowed
	 */
	static CaseFilter filter(String date, String category, String state, String partner, String status) {
		String code = blank(partner);
		if (code != null && !PARTNER.matcher(code).matches()) {
			throw new BadValue("partner", "partner must be a partner code (1 to 16 letters, digits, - or _), not '"
					+ VisibleText.masked(code) + "'");
		}
		return new CaseFilter(date("date", date), oneOf("category", category, CaseFilter.CATEGORIES),
				oneOf("state", state, CaseFilter.STATES), (code != null) ? code.toUpperCase(Locale.ROOT) : null,
				oneOf("status", status, CaseFilter.STATUSES));
	}

	/**
	 * A date parameter: exactly YYYY-MM-DD, a real date.
	 * @param name the parameter
	 * @param text its value, or null
	 * @return the date, or null when absent
	 */
	static LocalDate date(String name, String text) {
		String value = blank(text);
		if (value == null) {
			return null;
		}
		try {
			return IsoDates.parse(value);
		}
		catch (DateTimeParseException ex) {
			// Not YYYY-MM-DD or not a real date: refused below.
		}
		throw new BadValue(name, name + " must be a date YYYY-MM-DD, not '" + value + "'");
	}

	/**
	 * A page number.
	 * @param page the value
	 * @return the value
	 */
	static int page(int page) {
		if (page < 0) {
			throw new BadValue("page must be 0 or more");
		}
		return page;
	}

	/**
	 * A page size.
	 * @param size the value
	 * @return the value
	 */
	static int size(int size) {
		if (size < 1 || size > MAX_SIZE) {
			throw new BadValue("size must be between 1 and " + MAX_SIZE);
		}
		return size;
	}

	/**
	 * An action by its command name.
	 * @param command for example {@code approve-release}
	 * @return the action, or null when there is none of that name
	 */
	static CaseAction action(String command) {
		try {
			return CaseAction.parse(command);
		}
		catch (CaseActionRefusedException ex) {
			return null;
		}
	}

	/**
	 * What an action asks for. {@code RELEASED} is passed on as it is, so that the desk's
	 * rules say why a close cannot choose it.
	 * @param action the action
	 * @param resolution the resolution's name, or null
	 * @param note the note, or null
	 * @return the request
	 * @throws BadValue for a resolution of no name, or a note too long or with a NUL
	 */
	static DeskRules.Request request(CaseAction action, String resolution, String note) {
		String name = blank(resolution);
		Resolution chosen = null;
		if (name != null) {
			if (Resolution.RELEASED.name().equalsIgnoreCase(name)) {
				chosen = Resolution.RELEASED;
			}
			else {
				oneOf("resolution", name, RESOLUTIONS);
				chosen = Resolution.valueOf(name.toUpperCase(Locale.ROOT));
			}
		}
		if (note != null && note.strip().length() > MAX_NOTE) {
			throw BadValue.ofNote("noteTooLong",
					"note must be at most " + MAX_NOTE + " characters, not " + note.strip().length(),
					String.valueOf(note.strip().length()), String.valueOf(MAX_NOTE));
		}
		if (note != null && note.indexOf('\0') >= 0) {
			// PostgreSQL refuses a NUL in any text: said as the sender's mistake, before
			// anything is written.
			throw BadValue.ofNote("noteNul",
					"note carries a NUL character (\\u0000), which no note keeps: send it without one");
		}
		DeskRules.NoteProblem problem = DeskRules.noteProblem(note);
		if (problem != null) {
			// Said here as the sender's mistake (400), before the rules would refuse it.
			throw BadValue.ofNote("noteInvisible", problem.reason() + ": send it without one", problem.codePoint());
		}
		return new DeskRules.Request(action, chosen, note);
	}

	/**
	 * The person acting, as the desk's rules see them.
	 * @param user the signed-in account
	 * @return its name and role
	 */
	static DeskRules.Person person(PortalUser user) {
		return new DeskRules.Person(user.name(), user.role().name());
	}

	/**
	 * Who acts and from where, as the audit log records them.
	 * @param user the account
	 * @param request the request
	 * @return the actor
	 */
	static Actor actor(PortalUser user, HttpServletRequest request) {
		return new Actor(user.name(), (request.getRemoteAddr() != null) ? request.getRemoteAddr() : "unknown");
	}

	private static String oneOf(String name, String text, List<String> allowed) {
		String value = blank(text);
		if (value == null) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT);
		if (!allowed.contains(upper)) {
			throw new BadValue(name, name + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
		}
		return upper;
	}

	static String blank(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * A parameter with a value that is not allowed: the message names the values that
	 * are; the parameter, when there is one, lets a page say so in its language.
	 */
	static final class BadValue extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String parameter;

		private final transient Object[] values;

		private final String code;

		BadValue(String message) {
			this(null, message);
		}

		BadValue(String parameter, String message, Object... values) {
			this(parameter, null, message, values);
		}

		private BadValue(String parameter, String code, String message, Object[] values) {
			super(message);
			this.parameter = parameter;
			this.code = code;
			this.values = values;
		}

		/**
		 * A note refused before the desk's rules see it.
		 * @param code what a page says of it, {@code desk.refused.<code>}
		 * @param message what the API says
		 * @param values what the page's words name
		 * @return the refusal
		 */
		static BadValue ofNote(String code, String message, Object... values) {
			return new BadValue("note", code, message, values);
		}

		/**
		 * What a page says of the refusal, when it has words of its own.
		 * @return the code of {@code desk.refused.<code>}, or null
		 */
		String code() {
			return this.code;
		}

		/**
		 * What the refusal names, for a page's words.
		 * @return the values, possibly none
		 */
		Object[] values() {
			return (this.values != null) ? this.values.clone() : new Object[0];
		}

		/**
		 * The parameter whose value is refused.
		 * @return its name, or null
		 */
		String parameter() {
			return this.parameter;
		}

	}

}
