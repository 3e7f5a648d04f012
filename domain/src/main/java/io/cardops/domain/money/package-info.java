/**
 * Money as integer fen: the one place where amounts are rounded and formatted as yuan, so
 * that no floating point ever touches money.
 */
package io.cardops.domain.money;
