/**
 * The finance pages and API of the portal (shared/spec/http.md).
 */
package io.cardops.portal.finance;
