package io.cardops.portal.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The API's refusals as RFC 9457 problem details: {@code throw Problems.notFound("...")}
 * in a {@code @RestController} answers {@code application/problem+json} with the status,
 * its title and the detail given (words for the client: never an exception's text, SQL,
 * an identity number, or whether something of another institution exists).
 */
public final class Problems {

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private Problems() {
	}

	/**
	 * 404: there is no such thing, or it is another institution's.
	 * @param detail what was not found
	 * @return the exception to throw
	 */
	public static ErrorResponseException notFound(String detail) {
		return problem(HttpStatus.NOT_FOUND, detail);
	}

	/**
	 * 403: this account may not do this.
	 * @param detail what was refused
	 * @return the exception to throw
	 */
	public static ErrorResponseException forbidden(String detail) {
		return problem(HttpStatus.FORBIDDEN, detail);
	}

	/**
	 * 409: the request collides with the current state (an import still running, an
	 * upload that is not the latest held one).
	 * @param detail what is in the way
	 * @return the exception to throw
	 */
	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, detail);
	}

	/**
	 * 400: the request itself is wrong (a missing part, a bad parameter or name).
	 * @param detail what is wrong with it
	 * @return the exception to throw
	 */
	public static ErrorResponseException badRequest(String detail) {
		return problem(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * Any status with a detail.
	 * @param status the status
	 * @param detail the words for the client
	 * @return the exception to throw
	 */
	public static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/**
	 * A problem as every answer of the API carries it: with its {@code type} written out
	 * ({@code about:blank} unless one was given; Spring leaves an unset type out of the
	 * JSON, and clients read http.md's four fields) and the path that failed as its
	 * {@code instance}.
	 * @param problem the problem
	 * @param path the request's path, or null to leave the instance as it is
	 * @return the same problem, completed
	 */
	public static ProblemDetail complete(ProblemDetail problem, String path) {
		if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
			problem.setType(ABOUT_BLANK);
		}
		if (path != null) {
			problem.setInstance(URI.create(path));
		}
		return problem;
	}

}
