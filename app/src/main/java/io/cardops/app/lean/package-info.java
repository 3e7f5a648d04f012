/**
 * The lean applications of the commands that run no job ({@code runs}, {@code trace},
 * {@code schedules}): the database and the few beans they read, without Spring Batch, the
 * jobs, metrics or a web server, and without Flyway when the schema is already current.
 */
package io.cardops.app.lean;
