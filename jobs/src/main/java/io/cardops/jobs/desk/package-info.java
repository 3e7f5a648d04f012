/**
 * The exception desk (desk.md): the cases over the reconciliation exceptions, the actions
 * people take on them with their trail and audit events, the aging of open cases, and
 * which clearing dates a release has left to re-settle.
 */
package io.cardops.jobs.desk;
