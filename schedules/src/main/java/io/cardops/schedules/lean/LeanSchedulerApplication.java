package io.cardops.schedules.lean;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.cardops.schedules.schedule.ScheduleRegistrar;
import io.cardops.schedules.schedule.ScheduleRunRepository;
import io.cardops.schedules.schedule.SchedulesConfiguration;

/**
 * {@link LeanApplication} with the Quartz scheduler over the shared store (not started:
 * {@code spring.quartz.auto-startup=false}, as in every command), for {@code schedules}
 * and its {@code pause} and {@code resume}: the schedules' settings, their triggers and
 * their last runs. {@code schedules trigger} runs a chain and opens the full application.
 *
 * <p>
 * Not a {@code @Configuration}, for the reason {@link LeanApplication} gives.
 */
@ImportAutoConfiguration({ DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
		QuartzAutoConfiguration.class })
@Import({ LeanApplication.class, SchedulesConfiguration.class, ScheduleRunRepository.class, ScheduleRegistrar.class })
public class LeanSchedulerApplication {

}
