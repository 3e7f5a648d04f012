package io.cardops.jobs.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;

import io.cardops.domain.digest.Sha256;
import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.TravelMode;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.SqlResource;
import io.cardops.jobs.support.Statistics;
import io.cardops.writers.bulk.Spool;

/**
 * Judges the rows of a clearing date that are not judged yet, one partition of the cards
 * at a time, then publishes every partition's results at once.
 *
 * <p>
 * {@link #judgePart} judges one partition (the cards whose number, read as digits 12 to
 * 19, leaves {@code part} when divided by {@code parts}): it loads what the walk needs to
 * know of the touched cards, streams the partition's rows through a {@link JudgingWalk},
 * and stages its results (the judgments of the rows turned away, exceptions, each card's
 * ledger position) with its {@code judge_partition} row in the caller's transaction. Run
 * again, it replaces its own stage; a partition already staged for the same files is not
 * judged again. {@link #finish} moves every partition's stage into the ledger's tables,
 * marks the files judged and clears the stage in one transaction (judging any partition
 * not staged, or staged for other files, first), so rows judged once are never judged
 * again and a re-run counts nothing twice. Partitions share no card: they run at the same
 * time, on threads or on worker processes ({@link ReconcileJobConfiguration}).
 */
@Service
public class LedgerJudge {

	private static final int STREAM_FETCH_SIZE = 2000;

	private static final List<String> JUDGMENT_COLUMNS = List.of("source_file", "source_line", "clearing_date",
			"disposition", "settlement", "card_no", "card_seq");

	private static final List<String> LEDGER_STAGE_COLUMNS = List.of("card_no", "last_seq", "balance_fen",
			"updated_on");

	private static final List<String> STAGE_KEY = List.of("judged_date", "part");

	/** What a partition stages, its judge_partition row last. */
	private static final List<String> STAGES = List.of("judge_stage_judgment", "judge_stage_exception",
			"judge_stage_ledger", "judge_partition");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Statistics statistics;

	private final Clock clock;

	private final RunProgress progress;

	private final String freshFiles = SqlResource.load(getClass(), "fresh-files.sql");

	private final String carried = SqlResource.load(getClass(), "judge-carried.sql");

	private final String stream = SqlResource.load(getClass(), "judge-stream.sql").replace("${carried}", this.carried);

	/** The carried-over rows alone, in the order the load's sort gives the new rows. */
	private final String carriedInOrder = this.carried + "ORDER BY card_no, card_seq, source_file, source_line\n";

	private final String cards = SqlResource.load(getClass(), "judge-cards.sql");

	private final String renewals = SqlResource.load(getClass(), "judge-renewals.sql");

	private final String twinRows = SqlResource.load(getClass(), "twin-rows.sql");

	private final String mergeLedger = SqlResource.load(getClass(), "merge-card-ledger.sql");

	private final String resolveGaps = SqlResource.load(getClass(), "resolve-gaps.sql");

	/**
	 * Creates the judge.
	 * @param jdbc the database
	 * @param dataSource the same database, for bulk loading in the caller's transaction
	 * @param statistics refreshes the planner's statistics after the bulk writes
	 * @param clock the time files are marked judged at
	 * @param progress counts the rows judged so far, for {@code cardops runs}
	 */
	public LedgerJudge(JdbcClient jdbc, DataSource dataSource, Statistics statistics, Clock clock,
			RunProgress progress) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.dataSource = dataSource;
		this.statistics = statistics;
		this.progress = progress;
	}

	/**
	 * The date's files not judged yet and the key a partition's stage of them carries.
	 * @param date the clearing date
	 * @return the files (none when the date's files are all judged) and their key
	 */
	private Fresh fresh(LocalDate date) {
		// The files are named in the statements rather than selected in them, so that
		// PostgreSQL estimates the rows from the ledger's statistics.
		List<String> files = this.jdbc.sql(this.freshFiles).param("date", date).query(String.class).list();
		OffsetDateTime lastJudged = this.jdbc.sql("SELECT MAX(judged_at) FROM inbox_file")
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		MessageDigest digest = Sha256.newDigest();
		files.stream().sorted().forEach((file) -> digest.update((file + "\n").getBytes(StandardCharsets.UTF_8)));
		digest.update(
				String.valueOf((lastJudged != null) ? lastJudged.toInstant() : null).getBytes(StandardCharsets.UTF_8));
		return new Fresh(files, Sha256.hex(digest));
	}

	/**
	 * Judges one partition of the date's cards and stages what it found, in the caller's
	 * transaction, unless the partition is staged for the same files already. Its new
	 * rows come from the load's spill sort when the spill holds exactly the date's files
	 * not judged yet, else from the database.
	 * @param date the clearing date
	 * @param part the partition, from 0
	 * @param parts how many partitions the date's cards are split into
	 * @param judgedBy who judges it (a host and process), recorded with the stage
	 * @param spill the load's spill sort in this process, or null
	 * @return the rows judged (-1 when the partition was staged already) and where its
	 * new rows were read
	 * @throws Exception when the database refuses the results (the transaction rolls
	 * back)
	 */
	PartJudged judgePart(LocalDate date, int part, int parts, String judgedBy, DaySpill spill) throws Exception {
		if (part < 0 || part >= parts) {
			throw new IllegalArgumentException("partition " + part + " of " + parts + " does not exist");
		}
		Fresh fresh = fresh(date);
		boolean sorted = spill != null && spill.holds(date, parts, fresh.files());
		long rows = judgePart(date, fresh, part, parts, judgedBy, sorted ? spill : null);
		return new PartJudged(rows, sorted && rows >= 0);
	}

	/**
	 * What a partition's judging did.
	 *
	 * @param rows the rows judged, or -1 when the partition was staged already
	 * @param sortedWhileLoading whether its new rows came from the load's spill sort
	 * (else from the database)
	 */
	record PartJudged(long rows, boolean sortedWhileLoading) {
	}

	private long judgePart(LocalDate date, Fresh fresh, int part, int parts, String judgedBy, DaySpill spill)
			throws Exception {
		if (fresh.files().isEmpty() || staged(date, part, parts, fresh.key())) {
			return -1;
		}
		this.statistics.batchTransaction();
		for (String stage : STAGES) {
			this.jdbc.sql("DELETE FROM " + stage + " WHERE judged_date = :date AND part = :part")
				.param("date", date)
				.param("part", part)
				.update();
		}
		ProgressCounter judged = this.progress.counter("rows");
		Map<String, List<long[]>> openGaps = openGaps(part, parts);
		Map<String, FareRule> fareRules = fareRules();
		Object[] key = { date, part };
		Spool judgments = new Spool("judge_stage_judgment", concat(STAGE_KEY, JUDGMENT_COLUMNS));
		Spool exceptions = new Spool("judge_stage_exception", concat(STAGE_KEY, JudgingWalk.EXCEPTION_COLUMNS));
		Spool ledger = new Spool("judge_stage_ledger", concat(STAGE_KEY, LEDGER_STAGE_COLUMNS));
		List<Spool> spools = List.of(judgments, exceptions, ledger);
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		long rows;
		try {
			TwinRows twins = new TwinRows(this.twinRows);
			JudgingWalk walk = new JudgingWalk(date, fareRules, openGaps, (values) -> judgments.add(keyed(key, values)),
					(values) -> exceptions.add(keyed(key, values)), (values) -> ledger.add(keyed(key, values)), twins);
			rows = walk(date, fresh.files(), part, parts, walk, twins, judged, spill);
			for (Spool spool : spools) {
				spool.load(connection);
			}
		}
		finally {
			spools.forEach(Spool::close);
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		this.jdbc
			.sql("INSERT INTO judge_partition (judged_date, part, parts, files_key, rows_judged, judged_by, judged_at)"
					+ " VALUES (:date, :part, :parts, :key, :rows, :by, :now)")
			.param("date", date)
			.param("part", part)
			.param("parts", parts)
			.param("key", fresh.key())
			.param("rows", rows)
			.param("by", judgedBy)
			.param("now", OffsetDateTime.now(this.clock))
			.update();
		return rows;
	}

	/**
	 * Publishes the date's judging: judges here any partition that is not staged for the
	 * date's files (none, when every partition ran), then moves every partition's stage
	 * into the ledger's tables, moves the judged cards' ledger, marks the files judged
	 * and resolves the gaps they fill, in the caller's transaction.
	 * @param date the clearing date
	 * @param parts how many partitions the date's cards were split into
	 * @param judgedBy who judges a partition judged here
	 * @return how many files were judged (none when the date's files are all judged)
	 * @throws Exception when the database refuses the results (the transaction rolls
	 * back)
	 */
	public int finish(LocalDate date, int parts, String judgedBy) throws Exception {
		Fresh fresh = fresh(date);
		if (fresh.files().isEmpty()) {
			return 0;
		}
		// A stage left by a split into more partitions (a run started anew with another
		// count) would be published twice: its partitions beyond this split go, and
		// judgePart judges again each one staged for another count.
		clearStage(date, parts);
		for (int part = 0; part < parts; part++) {
			judgePart(date, fresh, part, parts, judgedBy, null);
		}
		this.statistics.batchTransaction();
		this.jdbc.sql("""
				INSERT INTO ledger_judgment (source_file, source_line, clearing_date, disposition, settlement,
				  card_no, card_seq)
				SELECT source_file, source_line, clearing_date, disposition, settlement, card_no, card_seq
				FROM judge_stage_judgment WHERE judged_date = :date""").param("date", date).update();
		String exceptionColumns = String.join(", ", JudgingWalk.EXCEPTION_COLUMNS);
		this.jdbc
			.sql("INSERT INTO recon_exception (" + exceptionColumns + ") SELECT " + exceptionColumns
					+ " FROM judge_stage_exception WHERE judged_date = :date")
			.param("date", date)
			.update();
		this.statistics.refresh("ledger_judgment", "recon_exception", "judge_stage_ledger");
		this.statistics.summarize("ledger_judgment_by_date");
		this.jdbc.sql(this.mergeLedger).param("date", date).update();
		// In the same transaction as the judgments: a file is judged whole or not at all,
		// and its rows without a judgment are accepted from now on (resolving gaps counts
		// them).
		this.jdbc.sql("UPDATE inbox_file SET judged_at = :now WHERE file_name IN (:files)")
			.param("now", OffsetDateTime.now(this.clock))
			.param("files", fresh.files())
			.update();
		this.jdbc.sql(this.resolveGaps).param("date", date).update();
		clearStage(date, 0);
		return fresh.files().size();
	}

	/**
	 * Empties the date's stage from a partition on: all of it once published, or the
	 * partitions beyond the run's split.
	 */
	private void clearStage(LocalDate date, int fromPart) {
		for (String table : STAGES) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE judged_date = :date AND part >= :from")
				.param("date", date)
				.param("from", fromPart)
				.update();
		}
	}

	private boolean staged(LocalDate date, int part, int parts, String key) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM judge_partition"
					+ " WHERE judged_date = :date AND part = :part AND parts = :parts AND files_key = :key")
			.param("date", date)
			.param("part", part)
			.param("parts", parts)
			.param("key", key)
			.query(Long.class)
			.single() > 0;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static Object[] keyed(Object[] key, Object[] values) {
		Object[] all = Arrays.copyOf(key, key.length + values.length);
		System.arraycopy(values, 0, all, key.length, values.length);
		return all;
	}

	/**
	 * Walks one partition of the cards, sorted by PostgreSQL on a connection of its own
	 * while the step's connection stays free for the stage.
	 * @return the rows walked
	 */
	private long walk(LocalDate date, List<String> files, int partition, int parts, JudgingWalk walk, TwinRows twins,
			ProgressCounter judged, DaySpill spill) throws SQLException {
		long[] count = { 0 };
		stream(date, files, partition, parts, spill, new PartitionRows() {

			@Override
			public void row(LedgerRow row, CardCursor cards, JdbcClient ledger) throws SQLException {
				walk.accept(row, walk.startsCard(row) ? cards.facts(row.cardNo()) : null);
				if (twins.full()) {
					twins.compare(ledger, walk);
				}
				judged.increment();
				count[0]++;
			}

			@Override
			public void end(JdbcClient ledger) {
				walk.finish();
				twins.compare(ledger, walk);
			}

		});
		return count[0];
	}

	/**
	 * Streams one partition's rows to judge on a connection of its own, so that the
	 * step's connection is free to load the judgments meanwhile, with a second cursor on
	 * the same connection over the partition's cards, which the handler reads as the rows
	 * reach each card. The stream only reads what the load step committed; everything the
	 * judging writes goes through the step's transaction. The handler may read the ledger
	 * on the same connection meanwhile (the rows sharing a card_seq).
	 */
	private void stream(LocalDate date, List<String> files, int partition, int parts, DaySpill spill,
			PartitionRows handler) throws SQLException {
		try (Connection reader = this.dataSource.getConnection()) {
			reader.setAutoCommit(false);
			reader.setReadOnly(true);
			try {
				Statistics.batchTransaction(reader);
				try (CardCursor cards = new CardCursor(reader, this.cards, this.renewals, partition, parts)) {
					SingleConnectionDataSource single = new SingleConnectionDataSource(reader, true);
					JdbcTemplate template = new JdbcTemplate(single);
					// Rows come in batches through a cursor instead of all at once.
					template.setFetchSize(STREAM_FETCH_SIZE);
					JdbcClient ledger = JdbcClient.create(template);
					LedgerRow.Reader rows = new LedgerRow.Reader();
					if (spill == null) {
						ledger.sql(this.stream)
							.param("date", date)
							.param("files", files)
							.param("parts", parts)
							.param("part", partition)
							.query((RowCallbackHandler) (rs) -> handler.row(rows.read(rs), cards, ledger));
					}
					else {
						merge(spill, date, files, partition, parts, ledger, rows,
								(row) -> handler.row(row, cards, ledger));
					}
					handler.end(ledger);
				}
			}
			finally {
				reader.rollback();
				reader.setReadOnly(false);
				reader.setAutoCommit(true);
			}
		}
	}

	/**
	 * The partition's rows in the order judge-stream.sql gives them: its new rows from
	 * the load's spill sort, merged with the carried-over accepted rows the database
	 * gives in card order (judge-carried.sql), an accepted row first at an equal card and
	 * card_seq.
	 */
	private void merge(DaySpill spill, LocalDate date, List<String> files, int partition, int parts, JdbcClient ledger,
			LedgerRow.Reader rows, RowHandler handler) throws SQLException {
		try (DaySpill.Rows fresh = spill.rows(partition)) {
			ledger.sql(this.carriedInOrder)
				.param("date", date)
				.param("files", files)
				.param("parts", parts)
				.param("part", partition)
				.query((RowCallbackHandler) (rs) -> {
					LedgerRow accepted = rows.read(rs);
					while (fresh.hasNext() && before(fresh.peek(), accepted)) {
						handler.row(fresh.next());
					}
					handler.row(accepted);
				});
			while (fresh.hasNext()) {
				handler.row(fresh.next());
			}
		}
	}

	/** Whether a new row comes before an accepted one: a lower card, or card_seq. */
	private static boolean before(LedgerRow fresh, LedgerRow accepted) {
		int card = fresh.cardNo().compareTo(accepted.cardNo());
		return card < 0 || (card == 0 && fresh.cardSeq() < accepted.cardSeq());
	}

	@FunctionalInterface
	private interface RowHandler {

		void row(LedgerRow row) throws SQLException;

	}

	private Map<String, FareRule> fareRules() {
		Map<String, FareRule> rules = new HashMap<>();
		this.jdbc.sql("SELECT mode, discount, rate_bp, min_balance_fen FROM fare_rule")
			.query((RowCallbackHandler) (rs) -> {
				FareRule rule = new FareRule(TravelMode.valueOf(rs.getString(1)), Discount.valueOf(rs.getString(2)),
						rs.getInt(3), rs.getLong(4));
				rules.put(rule.mode() + "/" + rule.discount(), rule);
			});
		if (rules.size() != TravelMode.values().length * Discount.values().length) {
			throw new IllegalStateException("fare rules are incomplete: load the reference data first");
		}
		return rules;
	}

	/**
	 * The master facts of one partition's cards and their renewals, each read in card
	 * order by a cursor on the stream's connection while its rows are walked (the card
	 * numbers are 19 digits, so PostgreSQL's order and Java's agree): only the card being
	 * walked is held.
	 */
	private static final class CardCursor implements AutoCloseable {

		private final PreparedStatement statement;

		private final ResultSet rs;

		private final PreparedStatement renewalStatement;

		private final ResultSet renewals;

		/** The card the cursor is on, null after the last one. */
		private String current;

		/**
		 * The card of the renewal the renewals' cursor is on, null after the last one.
		 */
		private String renewed;

		CardCursor(Connection connection, String cards, String renewals, int partition, int parts) throws SQLException {
			this.statement = statement(connection, cards, partition, parts);
			this.rs = this.statement.executeQuery();
			this.renewalStatement = statement(connection, renewals, partition, parts);
			this.renewals = this.renewalStatement.executeQuery();
			advance();
			this.renewed = this.renewals.next() ? this.renewals.getString(1).trim() : null;
		}

		/**
		 * A statement over one partition's cards, named like the stream's parameters and
		 * bound by hand: the cursor stays open while the stream is read.
		 */
		private static PreparedStatement statement(Connection connection, String sql, int partition, int parts)
				throws SQLException {
			ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
			MapSqlParameterSource split = new MapSqlParameterSource().addValue("parts", parts)
				.addValue("part", partition);
			PreparedStatement statement = connection
				.prepareStatement(NamedParameterUtils.substituteNamedParameters(parsed, split));
			Object[] values = NamedParameterUtils.buildValueArray(parsed, split, null);
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.setFetchSize(STREAM_FETCH_SIZE);
			return statement;
		}

		private void advance() throws SQLException {
			String previous = this.current;
			this.current = this.rs.next() ? this.rs.getString(1).trim() : null;
			// A card read out of Java's order would be taken for unknown without a word:
			// stop the judging instead.
			if (previous != null && this.current != null && this.current.compareTo(previous) <= 0) {
				throw new IllegalStateException("the card master came out of order: " + this.current + " after "
						+ previous + " (card numbers must be 19 digits)");
			}
		}

		/**
		 * A card's master facts with its renewals applied; cards are asked in increasing
		 * order.
		 * @return the facts, or null when the card is not in the card master
		 */
		CardFacts facts(String cardNo) throws SQLException {
			while (this.current != null && this.current.compareTo(cardNo) < 0) {
				advance();
			}
			List<Renewal> renewals = renewals(cardNo);
			if (!cardNo.equals(this.current)) {
				return null;
			}
			String state = this.rs.getString(3);
			boolean blocked = state.equals("LOST") || state.equals("RETURNED");
			CardFacts facts = new CardFacts(this.rs.getObject(2, LocalDate.class),
					blocked ? this.rs.getObject(4, OffsetDateTime.class).toInstant() : null);
			for (Renewal renewal : renewals) {
				facts.renewed(renewal.at(), renewal.before(), renewal.after());
			}
			return facts;
		}

		/** A card's renewals in time order, passing those of the cards before it. */
		private List<Renewal> renewals(String cardNo) throws SQLException {
			List<Renewal> found = List.of();
			while (this.renewed != null && this.renewed.compareTo(cardNo) <= 0) {
				if (this.renewed.equals(cardNo)) {
					if (found.isEmpty()) {
						found = new ArrayList<>();
					}
					found.add(new Renewal(this.renewals.getObject(2, OffsetDateTime.class).toInstant(),
							this.renewals.getObject(3, LocalDate.class), this.renewals.getObject(4, LocalDate.class)));
				}
				String previous = this.renewed;
				this.renewed = this.renewals.next() ? this.renewals.getString(1).trim() : null;
				if (this.renewed != null && this.renewed.compareTo(previous) < 0) {
					throw new IllegalStateException("the renewals came out of card order: " + this.renewed + " after "
							+ previous + " (card numbers must be 19 digits)");
				}
			}
			return found;
		}

		@Override
		public void close() throws SQLException {
			try (this.statement; this.renewalStatement) {
				this.rs.close();
				this.renewals.close();
			}
		}

	}

	/**
	 * The open gaps of the partition's cards. Every open SEQ_GAP is read through the open
	 * exceptions' index (they are few: a gap stays open only until its rows arrive) and
	 * those of other partitions are left out here; joining them with the date's touched
	 * cards instead scanned the day's rows again in each partition (0.8 s at 2M taps).
	 */
	private Map<String, List<long[]>> openGaps(int part, int parts) {
		Map<String, List<long[]>> gaps = new HashMap<>();
		this.jdbc
			.sql("SELECT card_no, gap_from, gap_to FROM recon_exception WHERE category = 'SEQ_GAP'"
					+ " AND status = 'OPEN'")
			.query((RowCallbackHandler) (rs) -> {
				String card = rs.getString(1).trim();
				if (partOf(card, parts) == part) {
					gaps.computeIfAbsent(card, (key) -> new ArrayList<>())
						.add(new long[] { rs.getLong(2), rs.getLong(3) });
				}
			});
		return gaps;
	}

	/**
	 * The partition of a card, as judge-stream.sql and judge-cards.sql split them: its
	 * number read as digits 12 to 19, modulo the partitions.
	 */
	static int partOf(String cardNo, int parts) {
		// Integer.parseInt(cardNo.substring(11, 19)) % parts, without the substring: it
		// runs for every row loaded.
		int value = 0;
		for (int i = 11; i < 19; i++) {
			int digit = cardNo.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return Integer.parseInt(cardNo.substring(11, 19)) % parts;
			}
			value = value * 10 + digit;
		}
		return value % parts;
	}

	private record Renewal(Instant at, LocalDate before, LocalDate after) {
	}

	/**
	 * A date's files not judged yet.
	 *
	 * @param files their names
	 * @param key what a partition's stage of them carries (judge_partition.files_key)
	 */
	private record Fresh(List<String> files, String key) {
	}

	/**
	 * Takes the rows of a partition's stream, with the cursor over the partition's cards
	 * and the stream's connection for reading more of the ledger, then the stream's end.
	 */
	private interface PartitionRows {

		void row(LedgerRow row, CardCursor cards, JdbcClient ledger) throws SQLException;

		void end(JdbcClient ledger);

	}

}
