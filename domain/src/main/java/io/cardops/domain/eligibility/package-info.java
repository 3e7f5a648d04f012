/**
 * Whether a student may hold or renew a student card, judged from their latest roster
 * standing and the date the judgement is for.
 */
package io.cardops.domain.eligibility;
