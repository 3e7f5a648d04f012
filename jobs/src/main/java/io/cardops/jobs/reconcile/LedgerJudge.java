package io.cardops.jobs.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

import io.cardops.domain.reference.Discount;
import io.cardops.domain.reference.FareRule;
import io.cardops.domain.reference.TravelMode;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.SqlResource;
import io.cardops.jobs.support.Statistics;
import io.cardops.writers.bulk.Spool;

/**
 * Judges the rows of a clearing date that are not judged yet: loads what the walk needs
 * to know of the touched cards, streams the rows through a {@link JudgingWalk}, and
 * writes the results in bulk — the judgments of the rows turned away (each names its
 * row's card and card_seq; an accepted row has none), exceptions and each card's ledger
 * position — in the caller's transaction, which also marks the files judged. Rows judged
 * once are never judged again, so a re-run counts nothing twice.
 */
@Service
public class LedgerJudge {

	private static final int STREAM_FETCH_SIZE = 2000;

	/**
	 * How many card partitions are walked at once: one per core of the machine this was
	 * measured on, each streamed on a connection of its own.
	 */
	static final int PARTITIONS = 2;

	private static final List<String> JUDGMENT_COLUMNS = List.of("source_file", "source_line", "clearing_date",
			"disposition", "settlement", "card_no", "card_seq");

	private static final List<String> LEDGER_STAGE_COLUMNS = List.of("card_no", "last_seq", "balance_fen",
			"updated_on");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Statistics statistics;

	private final Clock clock;

	private final RunProgress progress;

	private final String freshFiles = SqlResource.load(getClass(), "fresh-files.sql");

	private final String freshCards = SqlResource.load(getClass(), "fresh-cards.sql");

	private final String stream = SqlResource.load(getClass(), "judge-stream.sql");

	private final String cards = SqlResource.load(getClass(), "judge-cards.sql");

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
	 * Judges the date's new rows (nothing when its files are all judged).
	 * @param date the clearing date
	 * @return how many files were judged
	 * @throws Exception when the database refuses the results (the transaction rolls
	 * back)
	 */
	public int judge(LocalDate date) throws Exception {
		this.statistics.batchTransaction();
		// Taken here, on the step's thread, and shared by the partitions' threads.
		ProgressCounter judged = this.progress.counter("rows");
		// The files are named in the statements rather than selected in them, so that
		// PostgreSQL estimates the rows from the ledger's statistics.
		List<String> files = this.jdbc.sql(this.freshFiles).param("date", date).query(String.class).list();
		if (files.isEmpty()) {
			return 0;
		}
		Map<String, List<Renewal>> renewals = renewals(date, files);
		Map<String, List<long[]>> openGaps = openGaps(date, files);
		Map<String, FareRule> fareRules = fareRules();
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		List<Spool> spools = new ArrayList<>();
		ExecutorService walkers = Executors.newFixedThreadPool(PARTITIONS, (task) -> {
			Thread thread = new Thread(task, "judge-partition");
			thread.setDaemon(true);
			return thread;
		});
		try {
			// The results wait in spools until the walks have ended; then the step's
			// connection writes them all, in its transaction.
			List<Future<?>> partitions = new ArrayList<>();
			for (int part = 0; part < PARTITIONS; part++) {
				Spool judgments = new Spool("ledger_judgment", JUDGMENT_COLUMNS);
				spools.add(judgments);
				Spool exceptions = new Spool("recon_exception", JudgingWalk.EXCEPTION_COLUMNS);
				spools.add(exceptions);
				Spool ledger = new Spool("card_ledger_stage", LEDGER_STAGE_COLUMNS);
				spools.add(ledger);
				TwinRows twins = new TwinRows(this.twinRows);
				JudgingWalk walk = new JudgingWalk(date, fareRules, openGaps, judgments::add, exceptions::add,
						ledger::add, twins);
				int partition = part;
				partitions.add(walkers.submit(() -> walk(date, files, partition, walk, twins, renewals, judged)));
			}
			for (Future<?> partition : partitions) {
				awaitWalk(partition);
			}
			this.jdbc.sql("DELETE FROM card_ledger_stage").update();
			for (Spool spool : spools) {
				spool.load(connection);
			}
		}
		finally {
			walkers.shutdownNow();
			spools.forEach(Spool::close);
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		this.statistics.refresh("ledger_judgment", "recon_exception", "card_ledger_stage");
		this.statistics.summarize("ledger_judgment_by_date");
		this.jdbc.sql(this.mergeLedger).update();
		this.jdbc.sql("DELETE FROM card_ledger_stage").update();
		// In the same transaction as the judgments: a file is judged whole or not at all,
		// and its rows without a judgment are accepted from now on (resolving gaps counts
		// them).
		this.jdbc.sql("UPDATE inbox_file SET judged_at = :now WHERE file_name IN (:files)")
			.param("now", OffsetDateTime.now(this.clock))
			.param("files", files)
			.update();
		this.jdbc.sql(this.resolveGaps).param("date", date).update();
		return files.size();
	}

	/**
	 * Walks one partition of the cards: the cards whose number, read as digits 12 to 19,
	 * leaves {@code partition} when divided by {@value #PARTITIONS}. Partitions share no
	 * card, so they are walked at the same time, each sorted by PostgreSQL on its own
	 * connection while the other is walked.
	 */
	private Void walk(LocalDate date, List<String> files, int partition, JudgingWalk walk, TwinRows twins,
			Map<String, List<Renewal>> renewals, ProgressCounter judged) throws SQLException {
		LedgerRow.Reader rows = new LedgerRow.Reader();
		stream(date, files, partition, new PartitionRows() {

			@Override
			public void row(ResultSet rs, CardCursor cards, JdbcClient ledger) throws SQLException {
				LedgerRow row = rows.read(rs);
				walk.accept(row, walk.startsCard(row) ? cards.facts(row.cardNo(), renewals) : null);
				if (twins.full()) {
					twins.compare(ledger, walk);
				}
				judged.increment();
			}

			@Override
			public void end(JdbcClient ledger) {
				walk.finish();
				twins.compare(ledger, walk);
			}

		});
		return null;
	}

	private static void awaitWalk(Future<?> partition) throws Exception {
		try {
			partition.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Streams one partition's rows to judge on a connection of its own, so that the
	 * step's connection is free to load the judgments meanwhile, with a second cursor on
	 * the same connection over the partition's cards, which the handler reads as the rows
	 * reach each card. The stream only reads what the load step committed; everything the
	 * judging writes goes through the step's transaction. The handler may read the ledger
	 * on the same connection meanwhile (the rows sharing a card_seq).
	 */
	private void stream(LocalDate date, List<String> files, int partition, PartitionRows handler) throws SQLException {
		try (Connection reader = this.dataSource.getConnection()) {
			reader.setAutoCommit(false);
			reader.setReadOnly(true);
			try {
				Statistics.batchTransaction(reader);
				try (CardCursor cards = new CardCursor(reader, this.cards, partition)) {
					SingleConnectionDataSource single = new SingleConnectionDataSource(reader, true);
					JdbcTemplate template = new JdbcTemplate(single);
					// Rows come in batches through a cursor instead of all at once.
					template.setFetchSize(STREAM_FETCH_SIZE);
					JdbcClient ledger = JdbcClient.create(template);
					ledger.sql(this.stream)
						.param("date", date)
						.param("files", files)
						.param("parts", PARTITIONS)
						.param("part", partition)
						.query((RowCallbackHandler) (rs) -> handler.row(rs, cards, ledger));
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
	 * The master facts of one partition's cards, read in card order on the stream's
	 * connection while its rows are walked (the card numbers are 19 digits, so
	 * PostgreSQL's order and Java's agree): only the card being walked is held.
	 */
	private static final class CardCursor implements AutoCloseable {

		private final PreparedStatement statement;

		private final ResultSet rs;

		/** The card the cursor is on, null after the last one. */
		private String current;

		CardCursor(Connection connection, String sql, int partition) throws SQLException {
			// Named like the stream's parameters, bound by hand: the cursor stays open
			// while the stream is read.
			ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
			MapSqlParameterSource split = new MapSqlParameterSource().addValue("parts", PARTITIONS)
				.addValue("part", partition);
			this.statement = connection.prepareStatement(NamedParameterUtils.substituteNamedParameters(parsed, split));
			Object[] values = NamedParameterUtils.buildValueArray(parsed, split, null);
			for (int i = 0; i < values.length; i++) {
				this.statement.setObject(i + 1, values[i]);
			}
			this.statement.setFetchSize(STREAM_FETCH_SIZE);
			this.rs = this.statement.executeQuery();
			advance();
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
		 * A card's master facts; cards are asked in increasing order.
		 * @return the facts, or null when the card is not in the card master
		 */
		CardFacts facts(String cardNo, Map<String, List<Renewal>> renewals) throws SQLException {
			while (this.current != null && this.current.compareTo(cardNo) < 0) {
				advance();
			}
			if (!cardNo.equals(this.current)) {
				return null;
			}
			String state = this.rs.getString(3);
			boolean blocked = state.equals("LOST") || state.equals("RETURNED");
			CardFacts facts = new CardFacts(this.rs.getObject(2, LocalDate.class),
					blocked ? this.rs.getObject(4, OffsetDateTime.class).toInstant() : null);
			for (Renewal renewal : renewals.getOrDefault(cardNo, List.of())) {
				facts.renewed(renewal.at(), renewal.before(), renewal.after());
			}
			return facts;
		}

		@Override
		public void close() throws SQLException {
			try (this.statement) {
				this.rs.close();
			}
		}

	}

	/**
	 * The renewals of the cards the date touches, in time order: only the few cards that
	 * renewed are held in memory.
	 */
	private Map<String, List<Renewal>> renewals(LocalDate date, List<String> files) {
		Map<String, List<Renewal>> renewals = new HashMap<>();
		this.jdbc.sql("""
				SELECT e.card_no, e.occurred_at, e.valid_until_before, e.valid_until_after FROM card_event e
				WHERE e.event = 'RENEW' AND e.card_no IN (""" + this.freshCards + ") ORDER BY e.card_no, e.occurred_at")
			.param("date", date)
			.param("files", files)
			.query((RowCallbackHandler) (rs) -> renewals
				.computeIfAbsent(rs.getString(1).trim(), (card) -> new ArrayList<>())
				.add(new Renewal(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, LocalDate.class),
						rs.getObject(4, LocalDate.class))));
		return renewals;
	}

	private Map<String, List<long[]>> openGaps(LocalDate date, List<String> files) {
		Map<String, List<long[]>> gaps = new HashMap<>();
		this.jdbc
			.sql("SELECT card_no, gap_from, gap_to FROM recon_exception WHERE category = 'SEQ_GAP'"
					+ " AND status = 'OPEN' AND card_no IN (" + this.freshCards + ")")
			.param("date", date)
			.param("files", files)
			.query((RowCallbackHandler) (rs) -> gaps
				.computeIfAbsent(rs.getString(1).trim(), (card) -> new ArrayList<>())
				.add(new long[] { rs.getLong(2), rs.getLong(3) }));
		return gaps;
	}

	private record Renewal(Instant at, LocalDate before, LocalDate after) {
	}

	/**
	 * Takes the rows of a partition's stream, with the cursor over the partition's cards
	 * and the stream's connection for reading more of the ledger, then the stream's end.
	 */
	private interface PartitionRows {

		void row(ResultSet rs, CardCursor cards, JdbcClient ledger) throws SQLException;

		void end(JdbcClient ledger);

	}

}
