/**
 * The exception desk's case rules (desk.md): the people's side of a reconciliation
 * exception, its states, resolutions and actions, which action each person may take in
 * which state, and the age buckets of open cases.
 */
package io.cardops.domain.desk;
