/**
 * The identity-number key: the check value recorded with the first hashes, the start-up
 * check that refuses any other key, and its rotation with its history.
 */
package io.cardops.jobs.identity;
