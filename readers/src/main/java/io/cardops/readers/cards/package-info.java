/**
 * The card-event file reader.
 */
package io.cardops.readers.cards;
