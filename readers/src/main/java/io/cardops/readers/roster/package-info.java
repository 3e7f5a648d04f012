/**
 * The enrollment roster reader: file name, header, row validation with line numbers.
 */
package io.cardops.readers.roster;
