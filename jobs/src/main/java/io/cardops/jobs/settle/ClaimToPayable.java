package io.cardops.jobs.settle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per operator and clearing date, from what it claimed to what it is paid, so that
 * finance can answer an operator who asks why it was paid less than it sent.
 *
 * <p>
 * What the operator claimed is the sum of its loaded tap files' control sums
 * ({@code .ctl} {@code sum_fen}, the Σ {@code charged_fen} it sent;
 * {@code inbox_file.control_sum_fen}). Every tap row it sent is paid, held, dropped or
 * malformed, and so is its money: <pre>
 * taps    = paid taps + held taps + dropped taps + malformed taps
 * claimed = payable   + held      + dropped      + malformed
 * </pre> Payable, held and dropped are the {@code charged_fen} of the rows the judging
 * paid, held (a conflict, an unknown card) or dropped (a duplicate), as settlement adds
 * them up; a held tap released on the exception desk counts as paid once a version of the
 * date was published after the release was approved, so that these figures stay those of
 * the latest version until the date is settled again. A malformed row broke its format
 * and its amount is not stored (it may be the cell that broke): its money is what the
 * control sums claim beyond the well-formed rows, so the money identity holds by
 * construction and the count identity is the check. Files rejected whole are not in the
 * claim: nothing of them was loaded (they are in {@code inbox_rejects_<D>.csv}). A file
 * loaded before control sums were recorded, with a malformed row, has no known claim; the
 * operator's claim is then unknown (null) and {@link OperatorClaim#filesWithoutClaim()}
 * says how many files are missing.
 */
@Repository
public class ClaimToPayable {

	private final JdbcClient jdbc;

	/**
	 * Creates the repository.
	 * @param jdbc the database
	 */
	public ClaimToPayable(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The operators' claims of a date.
	 * @param date the clearing date
	 * @return one entry per operator that sent a tap file taken in, in code order
	 */
	public List<OperatorClaim> of(LocalDate date) {
		Map<String, Builder> operators = new TreeMap<>();
		this.jdbc.sql("""
				SELECT partner, COUNT(*) AS files, COALESCE(SUM(records), 0) AS taps,
				  SUM(control_sum_fen) AS claimed, COUNT(control_sum_fen) AS with_claim
				FROM inbox_file
				WHERE clearing_date = ? AND kind = 'taps' AND status = 'LOADED'
				GROUP BY partner""").params(date).query((RowCallbackHandler) (rs) -> {
			Builder operator = operators.computeIfAbsent(rs.getString("partner"), (code) -> new Builder());
			operator.files = rs.getInt("files");
			operator.taps = rs.getLong("taps");
			operator.filesWithoutClaim = operator.files - rs.getInt("with_claim");
			BigDecimal claimed = rs.getBigDecimal("claimed");
			operator.claimed = (claimed != null) ? claimed.toBigIntegerExact() : BigInteger.ZERO;
		});
		this.jdbc.sql("""
				SELECT r.partner, CASE WHEN x.source_line IS NULL THEN COALESCE(j.settlement, 'PAID') ELSE 'PAID' END
				    AS settlement, COUNT(*) AS row_count, COALESCE(SUM(r.charged_fen), 0) AS charged
				FROM ledger_row r
				LEFT JOIN (
				  SELECT source_file, source_line, settlement FROM ledger_judgment WHERE clearing_date = :date
				) j ON j.source_file = r.source_file AND j.source_line = r.source_line
				LEFT JOIN released_tap x ON x.clearing_date = :date AND j.settlement = 'HELD'
				  AND x.source_file = r.source_file AND x.source_line = r.source_line
				  AND x.released_at < (SELECT MAX(releases_before) FROM settlement_version WHERE clearing_date = :date)
				WHERE r.clearing_date = :date AND r.kind = 'T'
				GROUP BY r.partner,
				  CASE WHEN x.source_line IS NULL THEN COALESCE(j.settlement, 'PAID') ELSE 'PAID' END""")
			.param("date", date)
			.query((RowCallbackHandler) (rs) -> {
				Builder operator = operators.computeIfAbsent(rs.getString("partner"), (code) -> new Builder());
				long rows = rs.getLong("row_count");
				long charged = rs.getLong("charged");
				switch (rs.getString("settlement")) {
					case "PAID" -> {
						operator.paidTaps += rows;
						operator.payable += charged;
					}
					case "HELD" -> {
						operator.heldTaps += rows;
						operator.held += charged;
					}
					default -> {
						operator.droppedTaps += rows;
						operator.dropped += charged;
					}
				}
			});
		this.jdbc.sql("""
				SELECT partner, COUNT(*) FROM ledger_malformed WHERE clearing_date = ? AND kind = 'T'
				GROUP BY partner""")
			.params(date)
			.query((RowCallbackHandler) (
					rs) -> operators.computeIfAbsent(rs.getString(1), (code) -> new Builder()).malformedTaps = rs
						.getLong(2));
		List<OperatorClaim> claims = new ArrayList<>();
		operators.forEach((code, operator) -> claims.add(operator.build(code)));
		return claims;
	}

	/**
	 * One operator's claim of a date, in fen.
	 *
	 * @param operator the operator's code
	 * @param files its tap files taken in
	 * @param filesWithoutClaim how many of them have no recorded control sum
	 * @param taps the rows of its files (their control records)
	 * @param claimedFen Σ of its files' control sums, or null when some file's is unknown
	 * @param paidTaps the taps paid
	 * @param payableFen what they charged, payable to the operator
	 * @param heldTaps the well-formed taps held
	 * @param heldFen what they charged
	 * @param droppedTaps the taps dropped (duplicates)
	 * @param droppedFen what they charged
	 * @param malformedTaps the rows that broke their format (held, MALFORMED_RECORD)
	 * @param malformedFen what the control sums claim for them, or null when the claim is
	 * unknown
	 */
	public record OperatorClaim(String operator, int files, int filesWithoutClaim, long taps, BigInteger claimedFen,
			long paidTaps, long payableFen, long heldTaps, long heldFen, long droppedTaps, long droppedFen,
			long malformedTaps, BigInteger malformedFen) {
	}

	/** One operator's figures being gathered. */
	private static final class Builder {

		private int files;

		private int filesWithoutClaim;

		private long taps;

		private BigInteger claimed = BigInteger.ZERO;

		private long paidTaps;

		private long payable;

		private long heldTaps;

		private long held;

		private long droppedTaps;

		private long dropped;

		private long malformedTaps;

		OperatorClaim build(String code) {
			boolean known = this.filesWithoutClaim == 0;
			BigInteger wellFormed = BigInteger.valueOf(this.payable)
				.add(BigInteger.valueOf(this.held))
				.add(BigInteger.valueOf(this.dropped));
			return new OperatorClaim(code, this.files, this.filesWithoutClaim, this.taps, known ? this.claimed : null,
					this.paidTaps, this.payable, this.heldTaps, this.held, this.droppedTaps, this.dropped,
					this.malformedTaps, known ? this.claimed.subtract(wellFormed) : null);
		}

	}

}
