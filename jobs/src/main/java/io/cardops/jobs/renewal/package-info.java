/**
 * The renewal-window job: on July 30 the year's renewal window opens and each institution
 * receives the list of its cards up for renewal with their eligibility.
 */
package io.cardops.jobs.renewal;
