/**
 * Reference data: the programme's partners and the fare rules.
 */
package io.cardops.domain.reference;
