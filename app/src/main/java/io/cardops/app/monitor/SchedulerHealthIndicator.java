package io.cardops.app.monitor;

import java.util.ArrayList;
import java.util.List;

import org.quartz.Scheduler;
import org.quartz.SchedulerMetaData;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import io.cardops.jobs.support.DatabaseOutage;
import io.cardops.schedules.schedule.ScheduleRegistrar;

/**
 * The {@code scheduler} component of {@code /actuator/health} (Spring Boot has no Quartz
 * health indicator): UP while this node's scheduler is started and takes part in firing,
 * DOWN when it is in standby or shut down, or when a trigger of the suite is in ERROR (it
 * will not fire again until it is rescheduled). Paused triggers are listed but do not
 * make the node unhealthy: pausing is an operator's choice. While the database cannot be
 * reached ({@link DatabaseOutage}) it is DOWN without reading the triggers.
 */
@Component("scheduler")
public class SchedulerHealthIndicator extends AbstractHealthIndicator {

	private final Scheduler scheduler;

	private final DatabaseOutage outage;

	/**
	 * Creates the indicator.
	 * @param scheduler this node's scheduler
	 * @param outage the node's watch of its database
	 */
	public SchedulerHealthIndicator(Scheduler scheduler, DatabaseOutage outage) {
		super("Quartz scheduler health check failed");
		this.scheduler = scheduler;
		this.outage = outage;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		SchedulerMetaData metaData = this.scheduler.getMetaData();
		if (this.outage.down() != null) {
			// The triggers are in the database: reading them would wait for the pool,
			// and the scheduler fires nothing until the database is back.
			builder.down()
				.withDetail("instanceId", metaData.getSchedulerInstanceId())
				.withDetail("clustered", metaData.isJobStoreClustered())
				.withDetail("started", metaData.isStarted())
				.withDetail("standby", metaData.isInStandbyMode())
				.withDetail("triggers", "not read: the database cannot be reached (see db)");
			return;
		}
		List<String> paused = new ArrayList<>();
		List<String> broken = new ArrayList<>();
		for (TriggerKey key : this.scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ScheduleRegistrar.GROUP))) {
			Trigger.TriggerState state = this.scheduler.getTriggerState(key);
			if (state == Trigger.TriggerState.PAUSED) {
				paused.add(key.getName());
			}
			else if (state == Trigger.TriggerState.ERROR) {
				broken.add(key.getName());
			}
		}
		boolean running = metaData.isStarted() && !metaData.isInStandbyMode() && !metaData.isShutdown();
		if (running && broken.isEmpty()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("instanceId", metaData.getSchedulerInstanceId())
			.withDetail("clustered", metaData.isJobStoreClustered())
			.withDetail("started", metaData.isStarted())
			.withDetail("standby", metaData.isInStandbyMode())
			.withDetail("pausedTriggers", paused)
			.withDetail("triggersInError", broken);
	}

}
