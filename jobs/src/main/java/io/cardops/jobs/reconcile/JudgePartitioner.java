package io.cardops.jobs.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a date's cards into {@code gridSize} partitions: partition {@code part<i>}
 * judges the cards whose number, read as digits 12 to 19, leaves {@code i} when divided
 * by {@code gridSize}. The classes need no look at the data to be of even size (card
 * numbers are issued in sequence) and their names are the same on every call, so a
 * restart finds the partitions that did not complete by name.
 */
final class JudgePartitioner implements Partitioner {

	/** The partition's number, from 0, in its step execution context. */
	static final String PART = "part";

	/** How many partitions there are, in each partition's step execution context. */
	static final String PARTS = "parts";

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int part = 0; part < gridSize; part++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PART, part);
			context.putInt(PARTS, gridSize);
			partitions.put(PART + part, context);
		}
		return partitions;
	}

}
