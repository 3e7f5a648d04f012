package io.cardops.portal.ops;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.cardops.domain.calendar.IsoDates;
import io.cardops.jobs.JobName;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.runs.JobRuns;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;

/**
 * Reads the operations API's parameters the way the command line reads its options, and
 * names who asks for the audit log.
 */
final class OpsRequests {

	/** The largest page the paged answers give. */
	static final int MAX_SIZE = 500;

	private OpsRequests() {
	}

	/**
	 * Who asks and from where, as the audit log records them.
	 * @param user the account
	 * @param request the request
	 * @return the actor
	 */
	static Actor actor(PortalUser user, HttpServletRequest request) {
		return new Actor(user.name(), (request.getRemoteAddr() != null) ? request.getRemoteAddr() : "unknown");
	}

	/**
	 * A date parameter: exactly YYYY-MM-DD, a real date.
	 * @param name the parameter
	 * @param text its value, or null
	 * @return the date, or null when absent
	 */
	static LocalDate date(String name, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return IsoDates.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Not YYYY-MM-DD or not a real date: refused below.
		}
		throw Problems.badRequest(name + " must be a date YYYY-MM-DD");
	}

	/**
	 * A job parameter: a job's command name.
	 * @param text the value, or null
	 * @return the job, or null when absent
	 */
	static JobName job(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return Arrays.stream(JobName.values())
			.filter((name) -> name.command().equals(text))
			.findFirst()
			.orElseThrow(() -> Problems.badRequest("job must be one of roster-import, card-events, reconcile, settle,"
					+ " expire-cards, open-renewal, nightly-chain"));
	}

	/**
	 * A run status parameter.
	 * @param text the value, or null
	 * @return the status in capitals, or null when absent
	 */
	static String status(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String status = text.toUpperCase(Locale.ROOT);
		if (!JobRuns.STATUSES.contains(status)) {
			throw Problems.badRequest("status must be one of " + String.join(", ", JobRuns.STATUSES));
		}
		return status;
	}

	/**
	 * A count parameter between 1 and {@link #MAX_SIZE}.
	 * @param name the parameter
	 * @param value its value
	 * @return the value
	 */
	static int size(String name, int value) {
		if (value < 1 || value > MAX_SIZE) {
			throw Problems.badRequest(name + " must be between 1 and " + MAX_SIZE);
		}
		return value;
	}

	/**
	 * A page number, from 0.
	 * @param value the value
	 * @return the value
	 */
	static int page(int value) {
		if (value < 0) {
			throw Problems.badRequest("page must be 0 or more");
		}
		return value;
	}

}
