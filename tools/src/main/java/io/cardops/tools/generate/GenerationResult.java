package io.cardops.tools.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import io.cardops.domain.reconcile.ExceptionCategory;

/**
 * What {@code cardops generate} wrote.
 *
 * @param inbox the inbox folder
 * @param answerKey the answer key
 * @param rosterDate D0, the date of the roster and the card events
 * @param firstClearingDate D1
 * @param lastClearingDate Dn
 * @param cards cards issued
 * @param taps tap rows written (every row, planted ones included)
 * @param recharges top-up rows written
 * @param payments payment rows written
 * @param exceptions answer-key rows
 * @param byCategory answer-key rows per category
 */
public record GenerationResult(Path inbox, Path answerKey, LocalDate rosterDate, LocalDate firstClearingDate,
		LocalDate lastClearingDate, int cards, long taps, long recharges, long payments, long exceptions,
		Map<ExceptionCategory, Long> byCategory) {

}
