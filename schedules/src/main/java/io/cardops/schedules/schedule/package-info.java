/**
 * The schedules of {@code cardops serve}: what each one runs (the nightly chain, the
 * renewal window, the expiry), their triggers in the clustered Quartz store, and the
 * record and guard of every scheduled run.
 */
package io.cardops.schedules.schedule;
