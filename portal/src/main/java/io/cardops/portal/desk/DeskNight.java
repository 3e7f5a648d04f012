package io.cardops.portal.desk;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the desk's page shows first: the cases of the latest clearing date that has any,
 * by category, with how many are still NEW and the money at stake (the magnitudes of
 * their amounts, as the aging counts it).
 */
@Repository
public class DeskNight {

	private final JdbcClient jdbc;

	/**
	 * Creates the reader.
	 * @param jdbc the database
	 */
	public DeskNight(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The latest clearing date with cases.
	 * @return the date, or null when there is no case
	 */
	public LocalDate latestDate() {
		return this.jdbc.sql("SELECT MAX(clearing_date) FROM recon_exception")
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.get(0);
	}

	/**
	 * The cases of a clearing date by category.
	 * @param date the clearing date
	 * @return one row per category, in category order
	 */
	public List<CategoryCount> byCategory(LocalDate date) {
		return this.jdbc.sql("""
				SELECT category, COUNT(*), SUM(CASE WHEN case_state = 'NEW' THEN 1 ELSE 0 END), SUM(ABS(amount_fen))
				FROM recon_exception WHERE clearing_date = ? GROUP BY category ORDER BY category""")
			.params(date)
			.query((rs, n) -> new CategoryCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/**
	 * How many cases are not CLOSED.
	 * @return the count
	 */
	public long open() {
		return this.jdbc.sql("SELECT COUNT(*) FROM recon_exception WHERE case_state <> 'CLOSED'")
			.query(Long.class)
			.single();
	}

	/**
	 * The cases of one category on one date.
	 *
	 * @param category the category
	 * @param count how many
	 * @param fresh how many nobody has looked at yet (NEW)
	 * @param amountFen the money at stake, in fen
	 */
	public record CategoryCount(String category, long count, long fresh, long amountFen) {
	}

}
