package io.cardops.portal.ops;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.cardops.jobs.audit.Actor;

/**
 * The portal tests' schedules (the application supplies the real ones over Quartz): one
 * schedule, {@code nightly-chain}, that pauses and resumes; a trigger for
 * {@link #BUSY_DATE} finds a run in progress; {@code expire-cards} is not stored yet. It
 * records what was asked.
 */
@Component
public class RecordingScheduleControl implements ScheduleControl {

	/** A date whose run is in progress. */
	public static final LocalDate BUSY_DATE = LocalDate.of(2026, 9, 9);

	private final List<String> calls = new ArrayList<>();

	private volatile String state = "NORMAL";

	private volatile LastRun lastChain;

	@Override
	public List<ScheduleState> list() {
		return List.of(nightly(), new ScheduleState("open-renewal", null, "Asia/Shanghai", "NONE", null, null, null),
				new ScheduleState("expire-cards", null, "Asia/Shanghai", "NONE", null, null, null));
	}

	@Override
	public ScheduleState pause(Actor actor, String name, boolean pause) {
		known(name);
		if (name.equals("expire-cards")) {
			throw new Refused(Refused.Reason.NOT_STORED, "expire-cards is not in the shared store yet");
		}
		this.calls.add((pause ? "pause " : "resume ") + name + " by " + actor.account());
		this.state = pause ? "PAUSED" : "NORMAL";
		return nightly();
	}

	@Override
	public TriggerAccepted trigger(Actor actor, String name, LocalDate date) {
		known(name);
		if (date.equals(BUSY_DATE)) {
			throw new Refused(Refused.Reason.IN_PROGRESS, "a run of " + name + " for " + date + " is in progress");
		}
		this.calls.add("trigger " + name + " " + date + " by " + actor.account());
		return new TriggerAccepted(name, date);
	}

	@Override
	public void recordRefusal(Actor actor, String action, String name, String reason) {
		this.calls.add("refused " + action + " " + name + " by " + actor.account() + ": " + reason);
	}

	/**
	 * What was asked, oldest first.
	 * @return the calls
	 */
	public List<String> calls() {
		return this.calls;
	}

	/**
	 * Sets the nightly chain's last run, as the board shows it.
	 * @param lastRun the run, or null for none
	 */
	void lastChain(LastRun lastRun) {
		this.lastChain = lastRun;
	}

	/** Forgets the calls and the chain's last run, and resumes the schedule. */
	public void reset() {
		this.calls.clear();
		this.state = "NORMAL";
		this.lastChain = null;
	}

	private ScheduleState nightly() {
		return new ScheduleState("nightly-chain", "0 0 3 * * ?", "Asia/Shanghai", this.state, "CATCH_UP", null,
				this.lastChain);
	}

	private static void known(String name) {
		if (!name.equals("nightly-chain") && !name.equals("expire-cards")) {
			throw new Refused(Refused.Reason.UNKNOWN, "no schedule named " + name);
		}
	}

}
