package io.cardops.portal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.http.MediaType;

/**
 * An RFC 9457 problem written straight to the response, for the API's answers given
 * before or outside Spring MVC's message converters (the security filters' 401 and 403, a
 * multipart body refused while it was read): the same fields and content type as the
 * problems {@code ApiExceptionHandler} answers.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	/**
	 * Writes a problem as the whole response.
	 * @param response the response, not yet committed
	 * @param status the status code
	 * @param title the status's reason phrase
	 * @param detail what went wrong and what to do, fixed words of the server's
	 * @param instance the address asked for, or null to echo nothing (a 401)
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
			throws IOException {
		response.setStatus(status);
		// application/problem+json is UTF-8 by definition: no charset parameter.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json(status, title, detail, instance).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A problem's JSON text, for an answer written by other means (the server's refusals,
	 * through its report writer).
	 * @param status the status code
	 * @param title the status's reason phrase
	 * @param detail what went wrong and what to do
	 * @param instance the address asked for, or null
	 * @return the JSON object
	 */
	public static String json(int status, String title, String detail, String instance) {
		return "{\"type\":\"about:blank\",\"title\":\"" + quoted(title) + "\",\"status\":" + status + ",\"detail\":\""
				+ quoted(detail) + "\"" + ((instance != null) ? ",\"instance\":\"" + quoted(instance) + "\"" : "")
				+ "}";
	}

	private static String quoted(String text) {
		return new String(JsonStringEncoder.getInstance().quoteAsCharArray(text));
	}

}
