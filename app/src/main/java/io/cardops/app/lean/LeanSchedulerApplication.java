package io.cardops.app.lean;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.cardops.jobs.audit.AuditLog;

import io.cardops.schedules.schedule.ScheduleHistory;
import io.cardops.schedules.schedule.ScheduleStore;
import io.cardops.schedules.schedule.SchedulesConfiguration;

/**
 * {@link LeanApplication} with the Quartz scheduler over the shared store (not started:
 * {@code spring.quartz.auto-startup=false}, as in every command), for {@code schedules}
 * and its {@code pause}, {@code resume} and {@code set-cron}: the schedules' settings,
 * their triggers, their last runs and the audit log of every change.
 * {@code schedules trigger} runs a chain and opens the full application.
 *
 * <p>
 * Not a {@code @Configuration}, for the reason {@link LeanApplication} gives.
 */
@ImportAutoConfiguration({ DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
		QuartzAutoConfiguration.class })
@Import({ LeanApplication.class, SchedulesConfiguration.class, ScheduleHistory.class, ScheduleStore.class,
		AuditLog.class })
public class LeanSchedulerApplication {

}
