/**
 * The append-only audit log (shared/spec/http.md, "Audit"): who changed shared state,
 * from where, what, and how it ended.
 */
package io.cardops.jobs.audit;
