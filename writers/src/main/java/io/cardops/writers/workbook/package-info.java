/**
 * The workbook export: any published CSV offered again as an {@code .xlsx} that a
 * spreadsheet opens without mangling it (card numbers as text, yuan as numbers with two
 * decimals, dates as dates, the header frozen).
 */
package io.cardops.writers.workbook;
