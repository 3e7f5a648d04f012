/**
 * How far each running step has got: the steps count what they do into an in-process
 * tracker as they go, a listener writes the counts to {@code run_progress} every few
 * seconds for {@code cardops runs} on any node, and the command line shows them on a
 * terminal.
 */
package io.cardops.jobs.progress;
