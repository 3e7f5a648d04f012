/**
 * Content hashes: how the system recognises a file it has seen.
 */
package io.cardops.domain.digest;
