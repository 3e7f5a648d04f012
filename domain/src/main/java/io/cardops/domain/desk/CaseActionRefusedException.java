package io.cardops.domain.desk;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An action the desk's rules forbid: the message says why, in words for the person who
 * tried (the command line exits 2 with it, the API answers 409). A refusal a page shows
 * also has a code and the values it names, so that the page can say it in its language
 * (the portal's messages {@code desk.refused.<code>}); the message stays the English.
 */
public class CaseActionRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final transient List<Object> values;

	/**
	 * Creates a refusal that has no other words than these.
	 * @param reason why, in words
	 */
	public CaseActionRefusedException(String reason) {
		this(null, reason);
	}

	/**
	 * Creates a refusal a page can say in its own language.
	 * @param code what kind of refusal, or null
	 * @param reason why, in words
	 * @param values what it names, in the order the page's words take them (a state,
	 * resolution, action or category as itself, for the page to name)
	 */
	public CaseActionRefusedException(String code, String reason, Object... values) {
		super(reason);
		this.code = code;
		// A value may be null (a resolution not set): kept as given.
		this.values = Collections.unmodifiableList(Arrays.asList(values));
	}

	/**
	 * The kind of refusal.
	 * @return for example {@code needsNote}, or null
	 */
	public String code() {
		return this.code;
	}

	/**
	 * What the refusal names.
	 * @return the values, possibly empty
	 */
	public List<Object> values() {
		return (this.values != null) ? this.values : List.of();
	}

}
