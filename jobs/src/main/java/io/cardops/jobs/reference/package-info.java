/**
 * Loading the reference data: partners and fare rules.
 */
package io.cardops.jobs.reference;
