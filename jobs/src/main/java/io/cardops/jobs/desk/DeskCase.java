package io.cardops.jobs.desk;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.cardops.domain.desk.CaseState;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.reconcile.ExceptionCategory;

/**
 * A case of the exception desk: the exception as the judging raised it, and the people's
 * side of it. Never an identity number: the card's number only.
 *
 * @param id the exception's stable id
 * @param clearingDate the clearing date it was raised on
 * @param category its category
 * @param status the system status, OPEN or RESOLVED
 * @param resolvedOn when the judging resolved it, or null
 * @param caseState NEW, ACKNOWLEDGED, RELEASE_REQUESTED or CLOSED
 * @param owner who owns it, or null
 * @param resolution how it was closed, or null
 * @param releaseRequestedBy who asked for the release waiting for approval, or null
 * @param releasedAt when its release was approved, or null
 * @param partner the partner of its source file
 * @param cardNo the card's number, or null
 * @param cardSeq the card's transaction counter, or null
 * @param sourceFile the file of its source row
 * @param sourceLine the line of its source row
 * @param amountFen the amount at stake, in fen
 * @param detail what the judging said, or null
 * @param changedAt when a person last acted on it, or null
 */
public record DeskCase(long id, LocalDate clearingDate, String category, String status, LocalDate resolvedOn,
		String caseState, String owner, String resolution, String releaseRequestedBy, OffsetDateTime releasedAt,
		String partner, String cardNo, String cardSeq, String sourceFile, int sourceLine, long amountFen, String detail,
		OffsetDateTime changedAt) {

	/**
	 * Whether the case is a tap row (its source file is an operator's tap file).
	 * @return true for a tap
	 */
	public boolean tap() {
		return this.sourceFile.startsWith("taps_");
	}

	/**
	 * The case as the desk's rules see it.
	 * @return the rules' view of it
	 * @throws IllegalStateException when the stored category or state is none the rules
	 * know (the judging writes only known ones)
	 */
	public DeskRules.Case rules() {
		try {
			return new DeskRules.Case(CaseState.valueOf(this.caseState), ExceptionCategory.valueOf(this.category),
					tap(), this.owner, (this.resolution != null) ? Resolution.valueOf(this.resolution) : null,
					this.releaseRequestedBy);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("case " + this.id + " has a category, state or resolution the desk does"
					+ " not know: " + this.category + ", " + this.caseState + ", " + this.resolution, ex);
		}
	}

}
