/**
 * The settlement job: per clearing date, after reconciliation, the files finance
 * downloads (per operator, channel and subsidy fund, and the summary), their control
 * totals, and the versions published.
 */
package io.cardops.jobs.settle;
