/**
 * The roster import job: one institution's enrollment snapshot, checked and applied whole
 * or not at all.
 */
package io.cardops.jobs.roster;
