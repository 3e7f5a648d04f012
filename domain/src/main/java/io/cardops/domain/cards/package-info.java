/**
 * The life of a student card, from ISSUE through RENEW, REPORT_LOST and RETURN: the rules
 * that accept or reject each event of the channels' card-event feed, judged against a
 * read-only view of the card master, the rosters and the renewal windows so that they can
 * be unit-tested without a database.
 */
package io.cardops.domain.cards;
