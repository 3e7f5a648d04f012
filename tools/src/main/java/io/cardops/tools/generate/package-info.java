/**
 * {@code cardops generate}: a synthetic inbox of any size (rosters, card events, taps,
 * top-ups, payments and their control files) with planted anomalies and the answer key
 * that lists every exception reconciliation must raise on it.
 */
package io.cardops.tools.generate;
