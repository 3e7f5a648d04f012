/**
 * The Spring Batch jobs of the nightly back office, one package per job, and what they
 * share.
 */
package io.cardops.jobs;
