/**
 * The publishing rules every outbound CSV shares (files.md, "Outbound"): UTF-8 with a
 * BOM, CRLF, yuan with two decimals, the spreadsheet-injection guard, write-then-rename
 * and the {@code .ctl}.
 */
package io.cardops.writers.csv;
