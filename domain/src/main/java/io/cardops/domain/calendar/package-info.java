/**
 * The academic calendar of the programme: card validity, the renewal season and the
 * Asia/Shanghai business date, with every date passed in rather than read from a clock.
 */
package io.cardops.domain.calendar;
