/**
 * The reconciliation job: a clearing date's taps, top-ups and payments loaded, judged per
 * card in card_seq order against the card master and the ledger carried over, and
 * published as exceptions.
 */
package io.cardops.jobs.reconcile;
