package io.cardops.schedules.schedule;

import io.cardops.jobs.JobName;

/**
 * The steps of the nightly chain, in the order they may run.
 */
public enum ChainStep {

	/** Loads partners and fare rules from the reference folder. */
	REFERENCE("reference", null),
	/** Imports every roster file in the inbox not imported yet, oldest first. */
	ROSTERS("rosters", JobName.ROSTER_IMPORT),
	/** Applies the card-event files of the date. */
	CARD_EVENTS("card-events", JobName.CARD_EVENTS),
	/** Reconciles the date's taps, top-ups and payments. */
	RECONCILE("reconcile", JobName.RECONCILE),
	/** Publishes the date's settlement files. */
	SETTLE("settle", JobName.SETTLE);

	private final String id;

	private final JobName job;

	ChainStep(String id, JobName job) {
		this.id = id;
		this.job = job;
	}

	/**
	 * The step's name in configuration, logs and metrics.
	 * @return for example {@code card-events}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The job the step runs.
	 * @return the job, or null for the reference load (a plain service)
	 */
	public JobName job() {
		return this.job;
	}

}
