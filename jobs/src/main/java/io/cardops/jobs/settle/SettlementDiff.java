package io.cardops.jobs.settle;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What changed between two versions of a date's settlement, per file and row.
 *
 * <p>
 * A row is known by its identity columns (files.md, "Outbound"): the {@code operator},
 * {@code channel}, {@code partner}, {@code role}, {@code mode} and {@code line} a file
 * has, so an operator file's rows are its modes and lines (and {@code TOTAL}), a channel
 * file's its one channel, the subsidy file's its operators and modes, the summary's its
 * partners. Every money column ({@code *_yuan}) of a row that changed is given before,
 * after and the difference, in fen; the other columns (counts, the commission rate) are
 * given before and after when they differ. Files and rows that did not change are left
 * out.
 *
 * @param from the earlier version
 * @param to the later version
 * @param files the files that changed, in name order
 */
public record SettlementDiff(int from, int to, List<FileChange> files) {

	private static final List<String> IDENTITY = List.of("operator", "channel", "partner", "role", "mode", "line");

	/**
	 * Compares two versions' files.
	 * @param from the earlier version
	 * @param to the later version
	 * @param before the earlier version's files
	 * @param after the later version's files
	 * @return the changes
	 */
	public static SettlementDiff between(int from, int to, List<Published> before, List<Published> after) {
		Map<String, byte[]> old = new LinkedHashMap<>();
		before.forEach((file) -> old.put(file.name(), file.content()));
		Map<String, byte[]> current = new LinkedHashMap<>();
		after.forEach((file) -> current.put(file.name(), file.content()));
		Set<String> names = new TreeSet<>(old.keySet());
		names.addAll(current.keySet());
		List<FileChange> files = new ArrayList<>();
		for (String name : names) {
			byte[] was = old.get(name);
			byte[] is = current.get(name);
			if (was != null && is != null && Arrays.equals(was, is)) {
				continue;
			}
			Change change = (was == null) ? Change.ADDED : (is == null) ? Change.REMOVED : Change.CHANGED;
			List<RowChange> rows = rows(Table.of(was), Table.of(is));
			if (!rows.isEmpty() || change != Change.CHANGED) {
				files.add(new FileChange(name, change, rows));
			}
		}
		return new SettlementDiff(from, to, files);
	}

	private static List<RowChange> rows(Table before, Table after) {
		List<String> header = after.header.isEmpty() ? before.header : after.header;
		List<String> keyColumns = IDENTITY.stream().filter(header::contains).toList();
		Map<List<String>, Map<String, String>> was = before.byKey(keyColumns);
		Map<List<String>, Map<String, String>> is = after.byKey(keyColumns);
		List<List<String>> keys = new ArrayList<>(was.keySet());
		is.keySet().stream().filter((key) -> !was.containsKey(key)).forEach(keys::add);
		List<RowChange> rows = new ArrayList<>();
		for (List<String> key : keys) {
			Map<String, String> old = was.get(key);
			Map<String, String> current = is.get(key);
			if (Objects.equals(old, current)) {
				continue;
			}
			Map<String, String> identity = new LinkedHashMap<>();
			for (int i = 0; i < keyColumns.size(); i++) {
				identity.put(keyColumns.get(i), key.get(i));
			}
			List<MoneyChange> money = new ArrayList<>();
			List<ValueChange> values = new ArrayList<>();
			for (String column : header) {
				if (keyColumns.contains(column) || column.equals("clearing_date")) {
					continue;
				}
				String a = (old != null) ? old.get(column) : null;
				String b = (current != null) ? current.get(column) : null;
				if (column.endsWith("_yuan")) {
					Long beforeFen = fen(a);
					Long afterFen = fen(b);
					money.add(new MoneyChange(column, beforeFen, afterFen,
							((afterFen != null) ? afterFen : 0) - ((beforeFen != null) ? beforeFen : 0)));
				}
				else if (!Objects.equals(a, b)) {
					values.add(new ValueChange(column, a, b));
				}
			}
			Change change = (old == null) ? Change.ADDED : (current == null) ? Change.REMOVED : Change.CHANGED;
			rows.add(new RowChange(identity, change, money, values));
		}
		return rows;
	}

	private static Long fen(String yuan) {
		if (yuan == null || yuan.isEmpty()) {
			return null;
		}
		return new BigDecimal(yuan).movePointRight(2).longValueExact();
	}

	/**
	 * A published file's bytes.
	 *
	 * @param name the file name
	 * @param content the bytes
	 */
	public record Published(String name, byte[] content) {
	}

	/** How a file or row changed. */
	public enum Change {

		/** Only the later version has it. */
		ADDED,
		/** Only the earlier version has it. */
		REMOVED,
		/** Both have it, with different content. */
		CHANGED

	}

	/**
	 * A file that changed.
	 *
	 * @param name the file name
	 * @param change added, removed or changed
	 * @param rows its rows that changed, in the earlier version's order then the added
	 * ones
	 */
	public record FileChange(String name, Change change, List<RowChange> rows) {
	}

	/**
	 * A row that changed.
	 *
	 * @param key the row's identity columns and their values
	 * @param change added, removed or changed
	 * @param money every money column: before, after and the difference
	 * @param values the other columns that differ
	 */
	public record RowChange(Map<String, String> key, Change change, List<MoneyChange> money, List<ValueChange> values) {
	}

	/**
	 * A money column of a row.
	 *
	 * @param column the column ({@code payable_yuan})
	 * @param beforeFen the earlier amount, or null when the row is new
	 * @param afterFen the later amount, or null when the row is gone
	 * @param differenceFen after minus before (a missing side counts as 0)
	 */
	public record MoneyChange(String column, Long beforeFen, Long afterFen, long differenceFen) {
	}

	/**
	 * Another column of a row that differs.
	 *
	 * @param column the column ({@code taps})
	 * @param before the earlier value, or null
	 * @param after the later value, or null
	 */
	public record ValueChange(String column, String before, String after) {
	}

	/** A published CSV read back: its header and rows. */
	private record Table(List<String> header, List<Map<String, String>> rows) {

		static Table of(byte[] content) {
			if (content == null) {
				return new Table(List.of(), List.of());
			}
			String text = new String(content, StandardCharsets.UTF_8);
			if (text.startsWith("\uFEFF")) {
				text = text.substring(1);
			}
			try (CSVParser parser = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new StringReader(text))) {
				List<String> header = parser.getHeaderNames()
					.stream()
					.map((name) -> name.toLowerCase(Locale.ROOT))
					.toList();
				List<Map<String, String>> rows = new ArrayList<>();
				for (CSVRecord record : parser) {
					Map<String, String> row = new LinkedHashMap<>();
					for (int i = 0; i < header.size() && i < record.size(); i++) {
						row.put(header.get(i), record.get(i));
					}
					rows.add(row);
				}
				return new Table(header, rows);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read a published settlement file", ex);
			}
		}

		/**
		 * The rows by their identity; a repeated identity gets its occurrence appended.
		 */
		Map<List<String>, Map<String, String>> byKey(List<String> keyColumns) {
			Map<List<String>, Map<String, String>> byKey = new LinkedHashMap<>();
			for (Map<String, String> row : this.rows) {
				List<String> key = new ArrayList<>();
				keyColumns.forEach((column) -> key.add(row.getOrDefault(column, "")));
				List<String> unique = key;
				for (int occurrence = 2; byKey.containsKey(unique); occurrence++) {
					unique = new ArrayList<>(key);
					unique.add("#" + occurrence);
				}
				byKey.put(List.copyOf(unique), row);
			}
			return byKey;
		}

	}

}
