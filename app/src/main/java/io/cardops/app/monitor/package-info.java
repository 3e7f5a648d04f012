/**
 * What {@code cardops serve} tells its operators: the scheduler's health, the gauges of
 * how long ago each job and schedule last succeeded, and the business figures (rows,
 * files rejected, exceptions, money settled), all read from the database so that every
 * node reports the same values.
 */
package io.cardops.app.monitor;
