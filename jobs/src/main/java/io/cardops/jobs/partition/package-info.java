/**
 * How the partitions of a partitioned step run: on a task executor in the process that
 * runs the job (the default, and the only mode of the embedded database), or on
 * {@code cardops worker} processes that take the partitions from RabbitMQ and report
 * through the job repository (Spring Batch remote partitioning).
 */
package io.cardops.jobs.partition;
