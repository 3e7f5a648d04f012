/**
 * The cardops application: {@code main}, the Spring Boot configuration, schedules and
 * metrics.
 */
package io.cardops.app;
