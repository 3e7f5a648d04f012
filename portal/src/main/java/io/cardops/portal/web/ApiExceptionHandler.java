package io.cardops.portal.web;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.cardops.domain.text.VisibleText;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.jobs.support.Failures;

/**
 * Every failure of an API controller (a {@code @RestController}) as a problem detail:
 * Spring's own (400 for a bad parameter, 405, 413...) with their standard words, a
 * {@link Problems} refusal as thrown, anything unexpected as a 500 that says nothing of
 * its cause. Page controllers are not concerned: their failures go to the error page.
 */
@RestControllerAdvice(annotations = RestController.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	/** What the API says of a body it cannot read as JSON. */
	public static final String UNREADABLE_BODY = "The request body could not be read: send a JSON object"
			+ " (Content-Type: application/json) with the fields this endpoint takes, each field once, or no body where"
			+ " none is needed.";

	private final Path errorLog;

	private final DatabaseOutage outage;

	/**
	 * Creates the handler.
	 * @param errorLog where stack traces go ({@code cardops.error-log}, the file the
	 * command line and the jobs write theirs to)
	 * @param outage the node's watch of its database
	 */
	public ApiExceptionHandler(@Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog,
			DatabaseOutage outage) {
		this.errorLog = errorLog;
		this.outage = outage;
	}

	/**
	 * Lets Spring Security answer its own refusals (401, 403) as problem details.
	 * @param ex the refusal
	 * @throws RuntimeException always, the refusal itself
	 */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void security(RuntimeException ex) {
		throw ex;
	}

	/**
	 * A query or form the server could not read: a parameter not percent-encoded UTF-8
	 * ({@code %FF}), more parameters than it takes, a form body too large. The client's
	 * mistake, answered with the status Tomcat gives it (400 or 413) and not logged as
	 * the server's failure.
	 * @param ex the refusal of the parameters
	 * @param request the request
	 * @return the answer
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> badParameters(InvalidParameterException ex, HttpServletRequest request) {
		HttpStatus status = PortalErrorController.parametersRefused(ex);
		ProblemDetail problem = Problems.complete(ProblemDetail.forStatusAndDetail(status,
				(status == HttpStatus.BAD_REQUEST)
						? "The query or form could not be read: each name and value must be percent-encoded UTF-8"
								+ " (%FF is not), and there may be at most 1,000 of them."
						: PortalErrorController.detail(status)),
				request.getRequestURI());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * An unexpected failure: 500, with a detail that says nothing of its cause. The
	 * server's log names the exception's type, never its text (which may hold data or
	 * SQL); its stack trace goes to the error log, on the server only, as the command
	 * line's do.
	 * @param ex the failure
	 * @param request the request
	 * @return the answer
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (this.outage.failed(ex)) {
			// The database went away: said once by the watch, answered as every request
			// is while it is away.
			ProblemDetail problem = Problems.complete(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					DatabaseOutageAnswers.detail(this.outage.down())), request.getRequestURI());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseOutageAnswers.RETRY_AFTER)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		String what = request.getMethod() + " " + request.getRequestURI();
		Path written = Failures.log(this.errorLog, what, ex);
		log.error(what + " failed unexpectedly: " + ex.getClass().getName()
				+ ((written != null) ? "; the stack trace is in " + written : ""));
		ProblemDetail problem = Problems.complete(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not answer this request."), request.getRequestURI());
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * A parameter or path value of the wrong type ({@code /api/settlements/2026-13-45},
	 * {@code ?limit=abc}): 400, with a detail that names the parameter and the form it
	 * takes, instead of Spring's "Failed to convert".
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, typeMismatch(ex));
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * What a value of the wrong type needs, in words: the API's detail, and a page's.
	 * @param ex the mismatch
	 * @return the parameter and the form it takes
	 */
	static String typeMismatch(TypeMismatchException ex) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "a parameter";
		Class<?> type = ex.getRequiredType();
		String value = shown(ex.getValue());
		if (ex.getValue() instanceof Object[] values && values.length > 1) {
			// ?version=1&version=2 for a parameter that takes one value
			return name + " is given " + values.length + " times: give it once.";
		}
		if (type == LocalDate.class) {
			return name + " must be a date YYYY-MM-DD (" + value + " is none).";
		}
		boolean isInt = type == int.class || type == Integer.class;
		if (isInt || type == long.class || type == Long.class) {
			if (ex.getValue() instanceof String digits && digits.strip().matches("[-+]?\\d+")) {
				// a whole number, only too large for any id or count the server keeps
				// (the
				// range of the Java type would be a false bound: a limit takes 1 to 500)
				return name + " " + value + " is out of range: no " + name + " is that "
						+ (digits.strip().startsWith("-") ? "small." : "large.");
			}
			return name + " must be a whole number (" + value + " is none).";
		}
		return name + " has a value that cannot be read: " + value + ".";
	}

	/**
	 * A field sent as a file part ({@code -F charset=@file}): 400 that says to send it as
	 * a field, instead of a 500 whose detail names the server's classes.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleConversionNotSupported(ConversionNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = fileWhereFieldIsExpected(ex);
		if (name == null) {
			return super.handleConversionNotSupported(ex, headers, status, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				name + " is a field, not a file: send its value as text (-F " + name + "=VALUE).");
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The parameter a client sent as a file part where the endpoint takes a text value.
	 * @param failure a failure of a request
	 * @return the parameter's name, or null when the failure is another
	 */
	static @Nullable String fileWhereFieldIsExpected(Exception failure) {
		if (failure instanceof ConversionNotSupportedException conversion
				&& (conversion.getValue() instanceof MultipartFile || conversion.getValue() instanceof Part)) {
			return (conversion.getPropertyName() != null) ? conversion.getPropertyName() : "a parameter";
		}
		return null;
	}

	/**
	 * A request body that is not JSON, or not of the shape the endpoint takes: 400 that
	 * says so, instead of Spring's "Failed to read request".
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, UNREADABLE_BODY);
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A body of a type the endpoint does not read ({@code text/plain} to a desk action):
	 * 415 that names the types it reads, instead of only the one it does not.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String taken = ex.getSupportedMediaTypes()
			.stream()
			.filter((type) -> !type.isWildcardType() && !type.isWildcardSubtype())
			.map((type) -> type.getType() + "/" + type.getSubtype())
			.distinct()
			.collect(Collectors.joining(" or "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"This address does not read a body of that Content-Type"
						+ (taken.isEmpty() ? "." : ": send it as " + taken + "."));
		return createResponseEntity(problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
	}

	/**
	 * A value sent, as a detail may repeat it: identity numbers redacted, cut short.
	 */
	private static String shown(@Nullable Object value) {
		if (value == null) {
			return "an empty value";
		}
		String text = IdNumbers.redact((value instanceof Object[] values && values.length == 1)
				? String.valueOf(values[0]) : String.valueOf(value));
		return "'" + VisibleText.cut(text, 43) + "'";
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			Problems.complete(problem, null);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
