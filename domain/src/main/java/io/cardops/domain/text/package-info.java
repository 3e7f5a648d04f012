/**
 * Rules on free text that the back office stores and publishes again (names of students,
 * lines, stations, devices, partners): what a reader of a published file or page must be
 * able to see.
 */
package io.cardops.domain.text;
