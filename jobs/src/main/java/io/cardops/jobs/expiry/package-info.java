/**
 * The expiry job: on October 1, every ACTIVE card whose validity ended becomes EXPIRED.
 */
package io.cardops.jobs.expiry;
