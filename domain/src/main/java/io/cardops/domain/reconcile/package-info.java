/**
 * Reconciliation's vocabulary and per-transaction rules (domain.md, "Reconciliation"):
 * the exception categories with their settlement effect, and the checks and amounts at
 * stake that need only one transaction and its context.
 */
package io.cardops.domain.reconcile;
