package io.cardops.jobs.support;

import java.util.List;

/**
 * One page of a long answer (exceptions, cases, the audit log).
 *
 * @param <T> the rows
 * @param page its number, from 0
 * @param size its size
 * @param total how many rows match in all
 * @param items its rows
 */
public record Page<T>(int page, int size, long total, List<T> items) {
}
