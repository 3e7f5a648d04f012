package io.cardops.domain.reference;

/**
 * The mode of transport a tap belongs to.
 */
public enum TravelMode {

	/** Metro lines, charged on exit. */
	METRO,
	/** Buses, charged per tap. */
	BUS

}
