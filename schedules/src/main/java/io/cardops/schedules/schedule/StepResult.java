package io.cardops.schedules.schedule;

import io.cardops.jobs.support.RunOutcome;

/**
 * What one step of a scheduled run reported.
 *
 * @param step the step ({@code reference}, {@code rosters}, {@code card-events}...)
 * @param outcome how it ended
 * @param line its summary line, as {@code cardops run} prints it
 * @param message a message for the operator (why it failed or was rejected), or null
 */
public record StepResult(String step, RunOutcome outcome, String line, String message) {
}
