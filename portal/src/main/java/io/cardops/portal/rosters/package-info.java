/**
 * Rosters over HTTP: the university's uploads and their outcomes, the rejects files,
 * forcing a held roster, the renewal lists; the API of http.md "Rosters" and the pages
 * around it.
 */
package io.cardops.portal.rosters;
