/**
 * The card-events job: a date's lifecycle events applied to the card master, and the
 * gates' hotlist.
 */
package io.cardops.jobs.cards;
