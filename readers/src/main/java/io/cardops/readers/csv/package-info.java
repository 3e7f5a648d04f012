/**
 * The inbound CSV rules shared by every file kind (files.md, "Common rules"): strict
 * decoding, BOM, case-insensitive headers, blank lines, physical line numbers.
 */
package io.cardops.readers.csv;
