/**
 * Identity document types and the checks on their numbers, producing the normalized value
 * that callers hash, because the clear number is never stored.
 */
package io.cardops.domain.identity;
