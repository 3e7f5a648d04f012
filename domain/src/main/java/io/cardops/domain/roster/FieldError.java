package io.cardops.domain.roster;

/**
 * The first failing field of a rejected roster row and why it failed.
 *
 * @param field the failing column
 * @param reason a short reason for the university's clerk, without the column name
 */
public record FieldError(RosterField field, String reason) {

}
