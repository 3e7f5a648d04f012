package io.cardops.domain.reference;

/**
 * A partner of the programme.
 *
 * @param code the partner code (1–16 of A–Z 0–9 _)
 * @param role its role
 * @param name its display name
 * @param commissionBp the commission in basis points for a channel, null for other roles
 */
public record Partner(String code, PartnerRole role, String name, Integer commissionBp) {
}
