/**
 * Enrollment rosters: the columns of a roster file and the row rules that decide which
 * students enter an institution's snapshot.
 */
package io.cardops.domain.roster;
