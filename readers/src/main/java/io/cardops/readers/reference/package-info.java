/**
 * Readers of the reference data files: partners and fare rules.
 */
package io.cardops.readers.reference;
