package io.cardops.portal.web;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import io.cardops.domain.text.VisibleText;

/**
 * What the API refuses because it takes each value once and only the fields it names: a
 * parameter given twice ({@code ?user=a&user=b}, which would be read as the one value
 * {@code "a,b"}), and a JSON body with a field of another name (a mistyped
 * {@code "Note"}, which would be dropped while the request goes through).
 */
public final class OneValueEach implements HandlerInterceptor {

	/** The names a refusal lists, at most. */
	private static final int SHOWN = 3;

	private static final int SHOWN_LENGTH = 40;

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			int given = parameter.getValue().length;
			if (given > 1) {
				throw Problems.badRequest(shown(parameter.getKey()) + " is given " + given + " times: give it once.");
			}
		}
		return true;
	}

	/**
	 * Refuses a JSON body's fields of other names than those it takes.
	 * @param others the other fields (a {@code @JsonAnySetter} map), or null
	 * @param taken the names the body takes, for the refusal
	 * @throws org.springframework.web.ErrorResponseException 400 when there is one
	 */
	public static void refuseOtherFields(Map<String, Object> others, String taken) {
		if (others == null || others.isEmpty()) {
			return;
		}
		String named = others.keySet()
			.stream()
			.limit(SHOWN)
			.map((name) -> "'" + shown(name) + "'")
			.collect(Collectors.joining(", "));
		throw Problems.badRequest("the body takes only " + taken + ", not " + named
				+ ((others.size() > SHOWN) ? " and " + (others.size() - SHOWN) + " more" : "") + ": nothing was done");
	}

	private static String shown(String name) {
		String visible = VisibleText.masked(name);
		return (visible.length() > SHOWN_LENGTH) ? visible.substring(0, SHOWN_LENGTH) + "..." : visible;
	}

}
