package io.cardops.schedules.schedule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the schedules' configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
public class SchedulesConfiguration {

}
