/**
 * A card's whole story for support staff: {@code cardops trace}.
 */
package io.cardops.jobs.trace;
