/**
 * Plain-Java business rules of the card programme, free of Spring and of I/O so that
 * every rule can be unit-tested on its own and reused by readers, writers and jobs.
 */
package io.cardops.domain;
