/**
 * Signing in (shared/spec/http.md, "Signing in"): the two filter chains (the stateless
 * API, the pages with their session), passwords with their lockout, API tokens, the
 * security headers, and the principal controllers receive.
 */
package io.cardops.portal.security;
