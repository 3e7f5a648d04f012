package io.cardops.domain.reference;

/**
 * The share of the full fare charged, and the balance needed to start a journey, for one
 * mode and discount.
 *
 * @param mode the mode
 * @param discount the discount
 * @param rateBp the share of the full fare charged, in basis points (1–10000)
 * @param minBalanceFen the minimum balance to start a journey, in fen
 */
public record FareRule(TravelMode mode, Discount discount, int rateBp, long minBalanceFen) {
}
