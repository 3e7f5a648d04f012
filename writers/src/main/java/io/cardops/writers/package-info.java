/**
 * Writers for every outbound file, and bulk loading into the database.
 */
package io.cardops.writers;
