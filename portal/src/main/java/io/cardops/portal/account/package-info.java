/**
 * The portal's accounts and API tokens: made and changed by {@code cardops users}, read
 * when someone signs in.
 */
package io.cardops.portal.account;
