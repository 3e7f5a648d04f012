/**
 * Benchmarks and the synthetic files they run on.
 */
package io.cardops.schedules.bench;
