package io.cardops.domain.eligibility;

import java.time.LocalDate;

import io.cardops.domain.roster.EnrollmentStatus;

/**
 * What the latest roster snapshot says about a student, as far as eligibility goes.
 *
 * @param status the enrollment status
 * @param salaried whether the student has salary income
 * @param expectedGraduation the expected graduation date
 */
public record RosterStanding(EnrollmentStatus status, boolean salaried, LocalDate expectedGraduation) {

}
