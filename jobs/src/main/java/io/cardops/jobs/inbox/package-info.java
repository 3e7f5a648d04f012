/**
 * The inbox: which partner files of a date are complete, new, already loaded or turned
 * away.
 */
package io.cardops.jobs.inbox;
