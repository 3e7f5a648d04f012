/**
 * The read model of job runs: what {@code cardops runs} prints and the portal's
 * {@code /api/runs} answers, from one implementation (statuses, steps, progress).
 */
package io.cardops.jobs.runs;
