package io.cardops.domain.desk;

/**
 * Where people stand with an exception (desk.md, "Cases"), beside its system status.
 */
public enum CaseState {

	/** Nobody has looked at it: every new exception. */
	NEW,
	/** Someone owns it; work in progress. */
	ACKNOWLEDGED,
	/** A held tap proposed for payment, waiting for a second person. */
	RELEASE_REQUESTED,
	/** Done, with a resolution. */
	CLOSED

}
