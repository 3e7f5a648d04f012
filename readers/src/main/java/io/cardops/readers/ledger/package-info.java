/**
 * Streaming readers for the ledger files of the inbox: gate taps, top-ups and payment
 * statements. Tap files run to millions of rows, so rows are handed to a sink one by one
 * and never held.
 */
package io.cardops.readers.ledger;
