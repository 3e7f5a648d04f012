/**
 * What {@code cardops serve} tells its operators: the scheduler's health and the gauges
 * of how long ago each job and schedule last succeeded.
 */
package io.cardops.schedules.monitor;
