package io.cardops.domain.cards;

/**
 * What a card was issued onto, recorded at ISSUE because it decides how soon the card may
 * be returned.
 */
public enum Device {

	/**
	 * An iPhone wallet card.
	 */
	IOS,

	/**
	 * An Android phone card.
	 */
	ANDROID,

	/**
	 * A HarmonyOS phone card.
	 */
	HARMONY,

	/**
	 * A card held on the mobile operator's SIM (China Mobile 和包).
	 */
	SIM

}
