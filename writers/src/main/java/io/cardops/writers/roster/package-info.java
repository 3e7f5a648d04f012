/**
 * The files the roster import publishes.
 */
package io.cardops.writers.roster;
