/**
 * The card ledger: the kinds of transaction that move a card's offline counter and
 * balance (gate taps, top-ups) and the payment statement lines that back the top-ups.
 */
package io.cardops.domain.ledger;
