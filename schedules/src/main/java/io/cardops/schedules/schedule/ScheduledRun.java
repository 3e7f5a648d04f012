package io.cardops.schedules.schedule;

import java.time.Instant;
import java.util.Date;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of every schedule: works out the business date of the firing and hands
 * the run to {@link ScheduleRunner}.
 *
 * <p>
 * Never two at once for the same schedule ({@link DisallowConcurrentExecution} holds
 * across the cluster: the JDBC store blocks the other triggers of a job while it runs).
 * The job requests recovery: when the node running it dies, another node fires it again
 * with the original fire time, and the run takes over the dead node's guard and restarts
 * its failed job.
 */
@DisallowConcurrentExecution
public class ScheduledRun extends QuartzJobBean {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledRun.class);

	private final ScheduleRunner runner;

	private final ScheduleSettings settings;

	/**
	 * Created by Spring's job factory for each firing.
	 * @param runner runs the schedule
	 * @param settings the schedules' time zones
	 */
	public ScheduledRun(ScheduleRunner runner, ScheduleSettings settings) {
		this.runner = runner;
		this.settings = settings;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
		String name = context.getJobDetail().getKey().getName();
		ScheduleKind kind = ScheduleKind.of(name)
			.orElseThrow(() -> new JobExecutionException("no such schedule: " + name));
		Instant fired = dueTime(context);
		var date = kind.businessDate(fired, this.settings.bySchedule().get(kind).zone());
		ScheduleResult result = this.runner.run(kind, date, context.isRecovering() ? "RECOVERY" : "QUARTZ",
				context.isRecovering(), (step) -> {
				});
		if (!result.completed()) {
			// Logged and counted by the runner; Quartz itself has nothing to retry: the
			// next
			// firing (or a trigger by hand) restarts the run where it stopped.
			logger.warn("{} for {} ended {}", kind.id(), date, result.outcome());
		}
	}

	/**
	 * The time the firing was due: for a recovery, the fire time of the run that died
	 * with its node.
	 */
	private static Instant dueTime(JobExecutionContext context) {
		if (context.isRecovering()) {
			String original = context.getMergedJobDataMap()
				.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
			if (original != null) {
				return Instant.ofEpochMilli(Long.parseLong(original));
			}
		}
		Date scheduled = context.getScheduledFireTime();
		return (scheduled != null) ? scheduled.toInstant() : context.getFireTime().toInstant();
	}

}
