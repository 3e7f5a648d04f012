package io.cardops.domain.desk;

/**
 * Why a case was closed (desk.md, "Cases").
 */
public enum Resolution {

	/** The exception was not one. */
	FALSE_POSITIVE(false),
	/** The partner sent corrected data. */
	PARTNER_CORRECTED(false),
	/** The money went back to the cardholder. */
	REFUNDED_TO_CARDHOLDER(false),
	/** The money was recovered from the channel. */
	RECOVERED_FROM_CHANNEL(false),
	/** The money is given up. */
	WRITTEN_OFF(true),
	/** Held money confirmed unpaid. */
	REFUSED(true),
	/** Anything else, said in the note. */
	OTHER(true),
	/**
	 * A held tap paid after four eyes: set only by {@link CaseAction#APPROVE_RELEASE},
	 * never chosen in a close.
	 */
	RELEASED(false);

	private final boolean needsNote;

	Resolution(boolean needsNote) {
		this.needsNote = needsNote;
	}

	/**
	 * Whether closing with this resolution needs a note saying why.
	 * @return true for WRITTEN_OFF, REFUSED and OTHER
	 */
	public boolean needsNote() {
		return this.needsNote;
	}

	/**
	 * Reads a resolution as a person typed it.
	 * @param text the name, any case
	 * @return the resolution
	 * @throws CaseActionRefusedException when it names none a close may choose
	 */
	public static Resolution parse(String text) {
		for (Resolution resolution : values()) {
			if (resolution != RELEASED && resolution.name().equalsIgnoreCase(text.strip())) {
				return resolution;
			}
		}
		throw new CaseActionRefusedException("unknown resolution '" + text + "': one of " + choosable());
	}

	/**
	 * The resolutions a close may choose, for messages and forms.
	 * @return their names, comma separated
	 */
	public static String choosable() {
		StringBuilder names = new StringBuilder();
		for (Resolution resolution : values()) {
			if (resolution != RELEASED) {
				names.append((names.length() > 0) ? ", " : "").append(resolution.name());
			}
		}
		return names.toString();
	}

}
