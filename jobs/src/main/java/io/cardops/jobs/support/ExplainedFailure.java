package io.cardops.jobs.support;

/**
 * A failure whose message already tells the operator what failed and what to do, although
 * its cause is another library's (the broker refusing a connection, for instance): it is
 * reported with its own message, as one cardops raised itself, and its stack trace is not
 * written to the error log.
 */
public class ExplainedFailure extends RuntimeException {

	/**
	 * Creates the failure.
	 * @param message what failed and what to do, for the operator
	 * @param cause what the library threw
	 */
	public ExplainedFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
