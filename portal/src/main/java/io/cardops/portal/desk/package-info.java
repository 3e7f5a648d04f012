/**
 * The exception desk over HTTP (shared/spec/desk.md, http.md): the cases, their trail and
 * the aging under {@code /api/exceptions}, and the desk's pages under {@code /desk} where
 * finance and operations work the night's exceptions.
 */
package io.cardops.portal.desk;
