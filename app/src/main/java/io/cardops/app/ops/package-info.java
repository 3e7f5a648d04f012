/**
 * What the application supplies to the portal's operations pages and API: the schedules,
 * steered through the shared Quartz store and run by this node's schedule runner.
 */
package io.cardops.app.ops;
