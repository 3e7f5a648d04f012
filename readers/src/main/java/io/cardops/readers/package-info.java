/**
 * Readers for every inbound file kind: charset, header mapping, row validation with line
 * numbers.
 */
package io.cardops.readers;
