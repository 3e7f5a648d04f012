package io.cardops.tools.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardops.domain.reconcile.ExceptionCategory;

/**
 * {@code answer_key.csv}: one row per exception reconciliation must raise, {@code
 * clearing_date,category,card_no,card_seq}, sorted by clearing date, category, card_no
 * and card_seq (numerically; empty cells first). Every planted anomaly is listed on the
 * clearing date that raises it, which is always the day it is planted, so the key is
 * written day by day and only one day's rows are ever held.
 */
final class AnswerKey implements Closeable {

	static final String HEADER = "clearing_date,category,card_no,card_seq";

	private static final Comparator<Entry> ORDER = Comparator.comparing((Entry entry) -> entry.category().name())
		.thenComparing(Entry::cardNo)
		.thenComparingLong((entry) -> entry.cardSeq().isEmpty() ? -1 : Long.parseLong(entry.cardSeq()));

	private final ControlledCsvFile file;

	private final List<Entry> day = new ArrayList<>();

	private final Map<ExceptionCategory, Long> counts = new EnumMap<>(ExceptionCategory.class);

	AnswerKey(Path path) throws IOException {
		this.file = new ControlledCsvFile(path, HEADER, false);
	}

	void add(ExceptionCategory category, String cardNo, long cardSeq) {
		add(category, cardNo, Long.toString(cardSeq));
	}

	void add(ExceptionCategory category, String cardNo, String cardSeq) {
		this.day.add(new Entry(category, cardNo, cardSeq));
		this.counts.merge(category, 1L, Long::sum);
	}

	void endDay(LocalDate date) throws IOException {
		this.day.sort(ORDER);
		for (Entry entry : this.day) {
			this.file.row(date + "," + entry.category().name() + "," + entry.cardNo() + "," + entry.cardSeq(), 0);
		}
		this.day.clear();
	}

	Map<ExceptionCategory, Long> counts() {
		return this.counts;
	}

	long rows() {
		return this.file.records();
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}

	private record Entry(ExceptionCategory category, String cardNo, String cardSeq) {
	}

}
