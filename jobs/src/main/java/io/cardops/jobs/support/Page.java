package io.cardops.jobs.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

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

	/**
	 * Reads one page of a query: how many rows match, then the page's rows.
	 * @param <T> the rows
	 * @param jdbc the database
	 * @param select the select list, for example {@code SELECT a, b}
	 * @param from the rest of the query up to the order, for example
	 * {@code FROM t WHERE x = ?}
	 * @param parameters the values of its {@code ?}
	 * @param order the order, for example {@code a DESC, b}
	 * @param rows reads one row
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	public static <T> Page<T> query(JdbcClient jdbc, String select, String from, List<Object> parameters, String order,
			RowMapper<T> rows, int page, int size) {
		long total = jdbc.sql("SELECT COUNT(*) " + from).params(parameters).query(Long.class).single();
		List<Object> paged = new ArrayList<>(parameters);
		paged.add(size);
		paged.add((long) page * size);
		List<T> items = jdbc.sql(select + " " + from + " ORDER BY " + order + " LIMIT ? OFFSET ?")
			.params(paged)
			.query(rows)
			.list();
		return new Page<>(page, size, total, items);
	}

	/**
	 * How many pages the matching rows fill.
	 * @return the count, 0 when nothing matches
	 */
	public long pageCount() {
		return (this.total + this.size - 1) / this.size;
	}

	/**
	 * Whether this page lies past the last one, as a typed or stale address can ask.
	 * @return true when rows match but none is on this page
	 */
	public boolean pastEnd() {
		return this.items.isEmpty() && this.total > 0 && this.page > 0;
	}

}
