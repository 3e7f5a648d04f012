package io.cardops.jobs;

/**
 * Every job of the suite: its command-line name (the {@code job=} of the summary line)
 * and its Spring Batch job name.
 */
public enum JobName {

	/** Imports one institution's roster snapshot. */
	ROSTER_IMPORT("roster-import", "rosterImportJob"),
	/** Applies the card-event files of a date. */
	CARD_EVENTS("card-events", "cardEventsJob", true),
	/** Reconciles taps, top-ups and payments of a date. */
	RECONCILE("reconcile", "reconcileJob", true),
	/** Publishes the settlement files of a date. */
	SETTLE("settle", "settleJob"),
	/** Expires cards whose validity ended. */
	EXPIRE_CARDS("expire-cards", "expireCardsJob"),
	/** Opens the renewal window and publishes the eligibility lists. */
	OPEN_RENEWAL("open-renewal", "openRenewalJob"),
	/**
	 * The nightly chain of a clearing date: reference data, rosters, card events,
	 * reconciliation and settlement, each a step that runs its job (schedules module).
	 * Started by its schedule ({@code cardops schedules trigger}), not by
	 * {@code cardops run}.
	 */
	NIGHTLY_CHAIN("nightly-chain", "nightlyChainJob");

	private final String command;

	private final String batchName;

	private final boolean readsInbox;

	JobName(String command, String batchName) {
		this(command, batchName, false);
	}

	JobName(String command, String batchName, boolean readsInbox) {
		this.command = command;
		this.batchName = batchName;
		this.readsInbox = readsInbox;
	}

	/**
	 * The command-line name.
	 * @return for example {@code roster-import}
	 */
	public String command() {
		return this.command;
	}

	/**
	 * The Spring Batch job name.
	 * @return for example {@code rosterImportJob}
	 */
	public String batchName() {
		return this.batchName;
	}

	/**
	 * Whether the job takes its files from the inbox folder (a roster import is given its
	 * file).
	 * @return true for card-events and reconcile
	 */
	public boolean readsInbox() {
		return this.readsInbox;
	}

	/**
	 * Whether the job writes the cards or their carried-over balances, which the
	 * reconciliation of every later date reads: its runs take the card ledger's run lock,
	 * so that no two of them (of any dates) interleave. The nightly chain holds it from
	 * its first step to its last.
	 * @return true for card-events, reconcile, expire-cards and the nightly chain
	 */
	public boolean writesCardLedger() {
		return this == CARD_EVENTS || this == RECONCILE || this == EXPIRE_CARDS || this == NIGHTLY_CHAIN;
	}

	/**
	 * Finds a job by its Spring Batch name.
	 * @param batchName the Spring Batch name
	 * @return the job, or null when it is not one of ours
	 */
	public static JobName ofBatchName(String batchName) {
		for (JobName name : values()) {
			if (name.batchName.equals(batchName)) {
				return name;
			}
		}
		return null;
	}

}
