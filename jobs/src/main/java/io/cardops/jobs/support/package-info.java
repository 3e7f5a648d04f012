/**
 * What every job shares: configuration, identity hashing, the job runner that starts or
 * restarts a run, and the record of each run's owner and summary.
 */
package io.cardops.jobs.support;
