package io.cardops.domain.roster;

import java.time.LocalDate;

import io.cardops.domain.identity.IdType;

/**
 * One accepted roster row: a student as the institution reports them.
 *
 * @param studentNo the institution's student number
 * @param name the student's name
 * @param idType the identity document type
 * @param idNo the normalized identity number in clear; the caller hashes it and must not
 * store it
 * @param level the level of study
 * @param salaried whether the student has salary income
 * @param status the enrollment status
 * @param enrolledOn the enrollment date
 * @param expectedGraduation the expected graduation date, not before {@code enrolledOn}
 */
public record RosterStudent(String studentNo, String name, IdType idType, String idNo, StudyLevel level,
		boolean salaried, EnrollmentStatus status, LocalDate enrolledOn, LocalDate expectedGraduation) {

}
