/**
 * The inbox: partner file names and the control files that say a file is complete.
 */
package io.cardops.readers.inbox;
