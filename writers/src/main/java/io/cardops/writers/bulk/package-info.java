/**
 * Bulk loading of rows into the database: PostgreSQL {@code COPY}, with a JDBC-batch
 * fallback for the embedded default.
 */
package io.cardops.writers.bulk;
