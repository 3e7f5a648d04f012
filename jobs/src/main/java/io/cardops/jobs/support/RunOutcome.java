package io.cardops.jobs.support;

/**
 * How a run ended, as the summary line's {@code status=} says, and the process exit code
 * it maps to.
 */
public enum RunOutcome {

	/** The run did its work. */
	COMPLETED(0),
	/** There was nothing to do (the same input was already applied). */
	NOOP(0),
	/** The input was rejected; nothing changed. */
	REJECTED(3),
	/** The input was held for a human decision; nothing changed. */
	HELD(3),
	/** The run failed; it can be restarted and continues where it stopped. */
	FAILED(1);

	private final int exitCode;

	RunOutcome(int exitCode) {
		this.exitCode = exitCode;
	}

	/**
	 * The exit code of the command (cli.md).
	 * @return 0, 1 or 3
	 */
	public int exitCode() {
		return this.exitCode;
	}

}
