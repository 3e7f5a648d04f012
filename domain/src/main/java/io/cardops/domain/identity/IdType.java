package io.cardops.domain.identity;

import java.util.Optional;

/**
 * The kind of identity document a roster row identifies a student by.
 */
public enum IdType {

	/**
	 * Mainland resident identity card (居民身份证), 18 characters with a GB 11643 check
	 * character.
	 */
	RESIDENT_ID,

	/**
	 * Passport.
	 */
	PASSPORT,

	/**
	 * Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证).
	 */
	HMT_PERMIT,

	/**
	 * Residence permit or travel permit for Taiwan residents (台湾居民居住证/通行证).
	 */
	TW_PERMIT;

	/**
	 * Parses the exact upper-case name of a type. A blank cell meaning
	 * {@link #RESIDENT_ID} is a rule of the roster format, so it is left to the caller.
	 * @param text the text to parse, may be {@code null}
	 * @return the type, or empty when the text is not exactly one of the names
	 */
	public static Optional<IdType> parse(String text) {
		for (IdType type : values()) {
			if (type.name().equals(text)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
