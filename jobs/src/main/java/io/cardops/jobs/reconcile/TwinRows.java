package io.cardops.jobs.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of one partition's walk that arrived with a card_seq another row holds, told
 * apart as copies or conflicts by every field (domain.md, "Identity"), a batch at a time.
 *
 * <p>
 * The walk reads only the fields it checks; the ones that only tell a copy from a
 * conflict (txn_id or recharge_id, line, station, device, payment_ref) stay in the
 * ledger. A night has a few hundred such rows among millions, so they are read back here
 * by card and card_seq ({@code twin-rows.sql}) rather than carried through the judging's
 * sort. A batch holds at most {@value #BATCH} pairs, so even a whole file sent twice is
 * compared in bounded memory, with one query per batch.
 */
final class TwinRows implements JudgingWalk.Twins {

	/** Pairs compared per query. */
	static final int BATCH = 500;

	private final String sql;

	private final List<LedgerRow[]> pending = new ArrayList<>();

	/**
	 * Creates an empty batch.
	 * @param sql the statement reading the twins' fields ({@code twin-rows.sql})
	 */
	TwinRows(String sql) {
		this.sql = sql;
	}

	@Override
	public void add(LedgerRow holder, LedgerRow row) {
		this.pending.add(new LedgerRow[] { holder, row });
	}

	/**
	 * Whether the batch is full and should be compared.
	 * @return true when it holds {@value #BATCH} pairs or more
	 */
	boolean full() {
		return this.pending.size() >= BATCH;
	}

	/**
	 * Compares the pairs waiting, field by field, and hands each back to the walk as a
	 * copy or a conflict.
	 * @param ledger the partition's reading connection
	 * @param walk the walk the pairs came from
	 */
	void compare(JdbcClient ledger, JudgingWalk walk) {
		if (this.pending.isEmpty()) {
			return;
		}
		Set<String> cards = new LinkedHashSet<>();
		Set<Long> seqs = new LinkedHashSet<>();
		for (LedgerRow[] pair : this.pending) {
			cards.add(pair[1].cardNo());
			seqs.add(pair[1].cardSeq());
		}
		Map<String, List<Object>> fields = new HashMap<>();
		ledger.sql(this.sql)
			.param("cards", cards)
			.param("seqs", seqs)
			.query((RowCallbackHandler) (rs) -> fields.put(where(rs.getString(1), rs.getInt(2)), fields(rs)));
		for (LedgerRow[] pair : this.pending) {
			walk.twin(pair[0], pair[1], fieldsOf(fields, pair[0]).equals(fieldsOf(fields, pair[1])));
		}
		this.pending.clear();
	}

	private static String where(String file, int line) {
		return file + ":" + line;
	}

	private static List<Object> fieldsOf(Map<String, List<Object>> fields, LedgerRow row) {
		List<Object> found = fields.get(where(row.sourceFile(), row.sourceLine()));
		if (found == null) {
			// The row was streamed from the ledger in this transaction's snapshot.
			throw new IllegalStateException("ledger row " + where(row.sourceFile(), row.sourceLine()) + " of card "
					+ row.cardNo() + " card_seq " + row.cardSeq() + " is not in the ledger");
		}
		return found;
	}

	/** Every field of a row but where it came from, in twin-rows.sql's order. */
	private static List<Object> fields(ResultSet rs) throws SQLException {
		OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
		return Arrays.asList(rs.getString(3).trim(), rs.getString(4).trim(), rs.getLong(5), rs.getString(6),
				at.toInstant(), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
				rs.getObject(13, Long.class), rs.getObject(14, Long.class), rs.getString(15),
				rs.getObject(16, Long.class), rs.getString(17), rs.getLong(18));
	}

}
