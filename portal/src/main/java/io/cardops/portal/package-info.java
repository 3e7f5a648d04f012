/**
 * The portal (shared/spec/http.md): the HTTP side of {@code cardops serve}, one package
 * per feature. Everything here but the accounts is active only in a servlet web
 * application.
 */
package io.cardops.portal;
