/**
 * Settlement's arithmetic (domain.md, "Settlement"): what the issuer pays each operator,
 * what each channel owes the issuer, what the subsidy fund owes, the summary across them,
 * and the control totals that must hold before anything is published.
 */
package io.cardops.domain.settle;
