package io.cardops.jobs.desk;

import java.time.OffsetDateTime;

/**
 * One action in a case's trail, as recorded (never edited).
 *
 * @param id the action's id, in the order actions were taken
 * @param actedAt when
 * @param account who
 * @param action the action's command name, for example {@code request-release}
 * @param fromState the case_state before
 * @param toState the case_state after
 * @param resolution the resolution set, or null
 * @param note the note, or null
 */
public record TrailEntry(long id, OffsetDateTime actedAt, String account, String action, String fromState,
		String toState, String resolution, String note) {
}
