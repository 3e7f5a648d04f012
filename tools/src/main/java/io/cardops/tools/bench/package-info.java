/**
 * Benchmarks and the synthetic files they run on.
 */
package io.cardops.tools.bench;
