/**
 * Settlement over HTTP (shared/spec/http.md, "Settlement"), for FINANCE and OPS: the API
 * under {@code /api/settlements} and finance's pages (the settlement calendar with its
 * chart, each date's versions, files, claims and changes), with the downloads both share.
 */
package io.cardops.portal.settlement;
