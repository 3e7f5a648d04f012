package io.cardops.schedules.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

/**
 * What a trigger does when its fire time passed while no node was up (or every node was
 * busy): the three cron misfire instructions of Quartz, named for what they mean here.
 */
public enum Misfire {

	/**
	 * Fire once as soon as a node is back, then keep to the cron; however many fire times
	 * were missed, the work runs once ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}).
	 */
	FIRE_ONCE_NOW(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
	/**
	 * Fire once for every missed fire time, oldest first, each with its own scheduled
	 * time ({@code MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY}): every missed clearing
	 * date is processed, in order.
	 */
	CATCH_UP(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY),
	/** Skip what was missed and wait for the next fire time. */
	SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

	private final int instruction;

	Misfire(int instruction) {
		this.instruction = instruction;
	}

	/**
	 * The Quartz misfire instruction.
	 * @return the instruction code
	 */
	public int instruction() {
		return this.instruction;
	}

	/**
	 * Applies this policy to a cron schedule.
	 * @param schedule the schedule
	 * @return the schedule with this policy
	 */
	CronScheduleBuilder applyTo(CronScheduleBuilder schedule) {
		return switch (this) {
			case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionFireAndProceed();
			case CATCH_UP -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
			case SKIP -> schedule.withMisfireHandlingInstructionDoNothing();
		};
	}

	/**
	 * Finds the policy of a Quartz instruction.
	 * @param instruction the instruction code
	 * @return the policy, or null for another instruction
	 */
	static Misfire of(int instruction) {
		for (Misfire misfire : values()) {
			if (misfire.instruction == instruction) {
				return misfire;
			}
		}
		return null;
	}

}
