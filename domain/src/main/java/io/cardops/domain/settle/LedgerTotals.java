package io.cardops.domain.settle;

/**
 * The figures of a clearing date taken from other sources than the settlement's own
 * aggregation, for the control totals: the partners' control files, the judgments as
 * recorded, and the judging's dispositions.
 *
 * @param tapsIn Σ records of the date's loaded tap files, as their control files state
 * @param paidTaps tap rows the judging paid (rows of judged files without a judgment)
 * @param heldTaps tap rows the judging recorded as held, and malformed tap rows
 * @param droppedTaps tap rows the judging recorded as dropped
 * @param acceptedChargedFen Σ charged of the taps the judging accepted (they hold their
 * card_seq, so they are paid)
 * @param acceptedTopUps the top-ups the judging accepted
 * @param acceptedTopUpsFen their amount
 */
public record LedgerTotals(long tapsIn, long paidTaps, long heldTaps, long droppedTaps, long acceptedChargedFen,
		long acceptedTopUps, long acceptedTopUpsFen) {

}
