package io.cardops.portal.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.cardops.portal.security.SecurityConfiguration;

/**
 * The answer to a request the server refuses before the application sees it (an encoded
 * slash or a NUL in the path): Tomcat's own report, an HTML page naming the server,
 * without the headers every other answer carries. This one is a problem detail under
 * {@code /api} and a short page elsewhere, with the security headers
 * (SecurityConfiguration) and nothing of the request in it. An answer the application
 * wrote itself, including its error pages, is left as it is. (A request line Tomcat
 * cannot parse at all is answered by its connector, before any valve.)
 */
public class ServerRefusals extends ErrorReportValve {

	/**
	 * Sets the headers every answer carries (SecurityConfiguration writes them on the
	 * answers that pass its filters) on one refused before them.
	 * @param response the answer
	 */
	public static void securityHeaders(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Cache-Control", "no-store");
	}

	@Override
	protected void report(Request request, Response response, Throwable failure) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = HttpStatus.BAD_REQUEST;
		}
		securityHeaders(response);
		String uri = request.getRequestURI();
		boolean api = uri != null && PortalErrorController.isApi(uri, request.getContextPath());
		String body;
		if (api) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + code
					+ ",\"detail\":\"" + PortalErrorController.detail(status) + "\"}";
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + code + " · cardops"
					+ "</title></head><body><h1>" + code + " " + status.getReasonPhrase() + "</h1><p>"
					+ PortalErrorController.detail(status) + "</p><p><a href=\"" + request.getContextPath()
					+ "/\">cardops</a></p></body></html>";
		}
		// Both bodies are ASCII: the problem detail goes without a charset, as the API's
		// others do.
		try {
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ignored) {
			// the client has gone: there is no one left to answer
		}
	}

}
