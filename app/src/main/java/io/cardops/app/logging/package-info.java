/**
 * Adjustments to the framework's logging.
 */
package io.cardops.app.logging;
