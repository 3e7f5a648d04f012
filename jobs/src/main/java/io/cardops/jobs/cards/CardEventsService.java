package io.cardops.jobs.cards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import io.cardops.domain.cards.Card;
import io.cardops.domain.cards.CardEvent;
import io.cardops.domain.cards.CardEventType;
import io.cardops.domain.cards.CardLifecycle;
import io.cardops.domain.cards.Decision;
import io.cardops.domain.cards.Device;
import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.Statistics;
import io.cardops.readers.cards.CardEventFile.Located;
import io.cardops.readers.cards.CardEventFile.RowReject;
import io.cardops.readers.cards.CardEventReader;
import io.cardops.readers.cards.CardEventScan;
import io.cardops.readers.cards.CardEventSink;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.writers.bulk.BulkLoader;
import io.cardops.writers.bulk.Spool;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Applies the card-event files of a clearing date (domain.md, "Card lifecycle"): every
 * new, complete file is checked against its control file, the events of all files are
 * applied together in {@code occurred_at} order (ties by event_id), and each rejected
 * event is written to {@code cardevent_rejects_<D>.csv} with its reason. Runs in one
 * transaction: a run applies all of it or nothing.
 *
 * <p>
 * Memory stays flat however many events a day brings (the first days of September issue a
 * whole city's freshmen their cards): each file's rows are staged in
 * {@code card_event_stage} as they are read, then read back in the rules' order and
 * judged {@value #CHUNK} at a time against only the cards, holders and standings those
 * events touch; each chunk's results are written before the next is read, so a later
 * chunk sees what an earlier one did.
 */
@Service
public class CardEventsService {

	/** The inbox kind of card-event files. */
	public static final String KIND = "cardevents";

	/** Events judged together: the cards and students of one chunk are read at once. */
	static final int CHUNK = 1000;

	/** The rules' order: the instant, then event_id, then where the event came from. */
	private static final String IN_ORDER = """
			SELECT channel, event_id, event, occurred_second, occurred_nano, card_no, institution, student_no, device,
			    refund_fen, source_file, source_line
			FROM card_event_stage
			ORDER BY occurred_second, occurred_nano, event_id, source_file, source_line""";

	private static final List<String> STAGE_COLUMNS = List.of("channel", "event_id", "event", "occurred_second",
			"occurred_nano", "card_no", "institution", "student_no", "device", "refund_fen", "source_file",
			"source_line");

	private final InboxService inbox;

	private final CardStore store;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final CardopsProperties properties;

	private final RunProgress progress;

	private final Statistics statistics;

	/**
	 * Creates the service.
	 * @param inbox the inbox
	 * @param store the card master
	 * @param jdbc the database
	 * @param dataSource the same database, for staging and streaming in the run's
	 * transaction
	 * @param properties the settings
	 * @param progress counts the events judged so far, for {@code cardops runs}
	 * @param statistics keeps PostgreSQL's plans right as the run's tables grow
	 */
	public CardEventsService(InboxService inbox, CardStore store, JdbcClient jdbc, DataSource dataSource,
			CardopsProperties properties, RunProgress progress, Statistics statistics) {
		this.inbox = inbox;
		this.store = store;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.properties = properties;
		this.progress = progress;
		this.statistics = statistics;
	}

	/**
	 * Applies the new card-event files of a date.
	 * @param date the clearing date
	 * @return what the run did
	 * @throws Exception when the database refuses the results (the transaction rolls
	 * back)
	 */
	public Applied apply(LocalDate date) throws Exception {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			this.statistics.batchTransaction();
			// Never anything here outside a run's transaction; a run that died left none.
			this.jdbc.sql("DELETE FROM card_event_stage").update();
			Intake intake = intake(date, connection);
			Judged judged = judge(date, connection);
			this.jdbc.sql("DELETE FROM card_event_stage").update();
			// Each file keeps how many of its events were turned away, for the metrics.
			this.inbox.recordRowsSetAside(date, List.of(KIND));
			publishRejects(date);
			this.inbox.publishRejects(date);
			return new Applied(intake.files(), intake.waiting(), intake.filesRejected(),
					Math.toIntExact(intake.events() + intake.malformed()), Math.toIntExact(judged.applied()),
					Math.toIntExact(intake.malformed() + judged.rejected()), judged.count(CardEventType.ISSUE),
					judged.count(CardEventType.RENEW), judged.count(CardEventType.REPORT_LOST),
					judged.count(CardEventType.RETURN));
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Stages the events of each new file and stores its malformed rows; a file rejected
	 * whole leaves nothing staged.
	 */
	private Intake intake(LocalDate date, Connection connection) throws Exception {
		long[] events = new long[1];
		long[] malformed = new long[1];
		InboxService.Intake taken = this.inbox.takeIn(KIND, date, "CHANNEL", (arrival) -> {
			long[] counts = new long[2];
			String problem;
			CardEventScan scan = null;
			try (Spool rejects = new Spool("card_event_reject", REJECT_COLUMNS)) {
				try (BulkLoader stage = BulkLoader.openInBackground(connection, "card_event_stage", STAGE_COLUMNS)) {
					try {
						scan = CardEventReader.read(arrival.path(), arrival.name().partner(), arrival.name().date(),
								new CardEventSink() {

									@Override
									public void event(Located located) throws SQLException {
										CardEvent event = located.event();
										stage.add(event.channel(), event.eventId(), event.type().name(),
												event.occurredAt().getEpochSecond(), event.occurredAt().getNano(),
												event.cardNo(), event.institution(), event.studentNo(),
												(event.device() != null) ? event.device().name() : null,
												event.refundFen(), located.sourceFile(), located.line());
										counts[0]++;
									}

									@Override
									public void reject(RowReject reject) {
										rejects.add(rejectRow(date, reject));
										counts[1]++;
									}

								});
						problem = null;
					}
					catch (InboundFileException ex) {
						problem = ex.locatedReasonAndWarnings();
					}
					catch (CardEventReader.SinkException ex) {
						throw (ex.getCause() instanceof Exception cause) ? cause : ex;
					}
					// Finished even for a file rejected mid-way: abandoning a COPY would
					// abort the run's transaction; what it staged is deleted below.
					stage.finish();
				}
				if (problem == null) {
					try {
						problem = ControlFile.read(arrival.path()).mismatch(scan.totals());
					}
					catch (InboundFileException ex) {
						problem = ex.locatedReasonAndWarnings();
					}
				}
				if (problem != null) {
					this.jdbc.sql("DELETE FROM card_event_stage WHERE source_file = ?")
						.params(arrival.path().getFileName().toString())
						.update();
					return InboxService.Taken.rejected(problem);
				}
				rejects.load(connection);
			}
			events[0] += counts[0];
			malformed[0] += counts[1];
			return InboxService.Taken.loaded(scan.totals().records(), scan.warnings());
		});
		return new Intake(taken.files(), taken.waiting(), taken.rejected(), events[0], malformed[0]);
	}

	/**
	 * Reads the staged events back in the rules' order and judges them a chunk at a time.
	 */
	private Judged judge(LocalDate date, Connection connection) throws SQLException {
		// Right after a roster import (the nightly chain runs card-events next) the
		// roster's statistics are stale, and each chunk's standings would scan the whole
		// roster.
		this.statistics.refresh("card_event_stage", "roster_entry", "roster_current", "card", "card_event");
		Judged judged = new Judged(this.store.openRenewalWindows(), this.progress.counter("events"), repeatedKeys());
		try (PreparedStatement statement = connection.prepareStatement(IN_ORDER)) {
			// Rows come through a cursor a chunk at a time, not all at once.
			statement.setFetchSize(CHUNK);
			try (ResultSet rs = statement.executeQuery()) {
				List<Located> chunk = new ArrayList<>(CHUNK);
				long chunks = 0;
				while (rs.next()) {
					chunk.add(located(rs));
					if (chunk.size() == CHUNK) {
						judgeChunk(date, connection, chunk, judged);
						chunk.clear();
						chunks++;
						if (Long.bitCount(chunks) == 1 || chunks % 128 == 0) {
							// The cards and events written so far change what the next
							// chunks' lookups should use: without fresh statistics
							// PostgreSQL takes a card table that grew by half a million
							// rows in this transaction for what it was, and scans it
							// whole for each chunk's students.
							this.statistics.refresh("card", "card_event");
						}
					}
				}
				if (!chunk.isEmpty()) {
					judgeChunk(date, connection, chunk, judged);
				}
			}
		}
		return judged;
	}

	private void judgeChunk(LocalDate date, Connection connection, List<Located> chunk, Judged judged)
			throws SQLException {
		Set<String> cardNos = new HashSet<>();
		Set<String> studentNos = new HashSet<>();
		Set<String> eventIds = new HashSet<>();
		for (Located located : chunk) {
			cardNos.add(located.event().cardNo());
			studentNos.add(located.event().studentNo());
			eventIds.add(located.event().eventId());
		}
		// An event id is used by the first of its channel's events in the rules' order,
		// whether that one was applied or rejected, and by events applied in earlier
		// runs.
		Set<String> used = this.store.appliedEventKeys(eventIds);
		used.addAll(judged.claimedRepeats());
		RunState state = new RunState(this.store.cards(cardNos), this.store.activeCards(studentNos),
				this.store.standings(studentNos), judged.windows(), used);
		List<Object[]> applied = new ArrayList<>();
		List<Object[]> rejects = new ArrayList<>();
		for (Located located : chunk) {
			judged.progress().increment();
			judged.claim(located);
			if (!state.claim(located)) {
				rejects.add(rejectRow(date, reject(located, "event_id " + located.event().eventId()
						+ " was already used by " + located.event().channel())));
				continue;
			}
			Decision decision = CardLifecycle.apply(located.event(), state);
			if (decision.accepted()) {
				state.accept(decision, located);
				applied.add(eventRow(located, decision, date));
			}
			else {
				rejects.add(rejectRow(date, reject(located, decision.rejectReason())));
			}
		}
		this.store.insert(state.createdCards(), state.refunds(), date);
		this.store.update(state.updatedCards(), state.refunds());
		this.store.load("card_event", EVENT_COLUMNS, applied);
		this.store.load("card_event_reject", REJECT_COLUMNS, rejects);
		judged.add(applied.size(), rejects.size(), state);
	}

	/**
	 * The {@code channel/event_id} keys that more than one staged event carries: only
	 * these can be used up by an earlier event of the same run. Few on any real day, so
	 * the judging keeps them, not every key it has seen.
	 */
	private Set<String> repeatedKeys() {
		Set<String> keys = new HashSet<>();
		this.jdbc.sql("""
				SELECT DISTINCT s.channel, s.event_id FROM card_event_stage s
				WHERE EXISTS (SELECT 1 FROM card_event_stage o
				              WHERE o.event_id = s.event_id AND o.channel = s.channel
				                AND (o.source_file <> s.source_file OR o.source_line <> s.source_line))""")
			.query((RowCallbackHandler) (rs) -> keys.add(rs.getString(1) + "/" + rs.getString(2)));
		return keys;
	}

	private static Located located(ResultSet rs) throws SQLException {
		String device = rs.getString(9);
		long refund = rs.getLong(10);
		Long refundFen = rs.wasNull() ? null : refund;
		return new Located(
				new CardEvent(rs.getString(1), rs.getString(2), CardEventType.valueOf(rs.getString(3)),
						Instant.ofEpochSecond(rs.getLong(4), rs.getInt(5)), rs.getString(6).trim(), rs.getString(7),
						rs.getString(8), (device != null) ? Device.valueOf(device) : null, refundFen),
				rs.getString(11), rs.getLong(12));
	}

	private static Object[] rejectRow(LocalDate date, RowReject reject) {
		return new Object[] { date, reject.sourceFile(), reject.line(), cell(reject.eventId()), cell(reject.cardNo()),
				reject.reason() };
	}

	/**
	 * A raw cell of a rejected row, cut to its column's width (the row was rejected for a
	 * reason).
	 */
	private static String cell(String text) {
		return VisibleText.cut(VisibleText.masked(text), 64);
	}

	private static RowReject reject(Located located, String reason) {
		return new RowReject(located.sourceFile(), located.line(), located.event().eventId(), located.event().cardNo(),
				reason);
	}

	private static Object[] eventRow(Located located, Decision decision, LocalDate date) {
		CardEvent event = located.event();
		Card before = decision.before();
		Card after = decision.after();
		return new Object[] { event.channel(), event.eventId(), event.type().name(),
				CardStore.offset(event.occurredAt()), event.cardNo(), event.institution(), event.studentNo(),
				(event.device() != null) ? event.device().name() : null, event.refundFen(), date, located.sourceFile(),
				located.line(), (before != null) ? before.state().name() : null, after.state().name(),
				(before != null) ? before.validUntil() : null, after.validUntil() };
	}

	/**
	 * Writes {@code cardevent_rejects_<D>.csv} from every event of the date rejected so
	 * far, so that a re-run writes the same bytes.
	 * @param date the clearing date
	 */
	private void publishRejects(LocalDate date) {
		boolean any = this.jdbc.sql("SELECT COUNT(*) FROM card_event_reject WHERE clearing_date = ?")
			.params(date)
			.query(Long.class)
			.single() > 0;
		if (!any) {
			return;
		}
		try (OutboundCsvWriter csv = OutboundFile.CARDEVENT_REJECTS.create(this.properties.outbox(), date, null)) {
			// Written as the rows come through a cursor: a day can turn away many events.
			new JdbcTemplate(this.dataSource).query((connection) -> {
				PreparedStatement statement = connection.prepareStatement("""
						SELECT source_file, source_line, event_id, card_no, reason FROM card_event_reject
						WHERE clearing_date = ? ORDER BY source_file, source_line""");
				statement.setFetchSize(CHUNK);
				statement.setObject(1, date);
				return statement;
			}, (RowCallbackHandler) (rs) -> csv.row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5)));
			csv.publish();
		}
	}

	private static final List<String> EVENT_COLUMNS = List.of("channel", "event_id", "event", "occurred_at", "card_no",
			"institution", "student_no", "device", "refund_fen", "clearing_date", "source_file", "source_line",
			"state_before", "state_after", "valid_until_before", "valid_until_after");

	private static final List<String> REJECT_COLUMNS = List.of("clearing_date", "source_file", "source_line",
			"event_id", "card_no", "reason");

	private record Intake(int files, int waiting, int filesRejected, long events, long malformed) {
	}

	/** What the judging did so far. */
	private static final class Judged {

		private final Set<Integer> windows;

		private final ProgressCounter progress;

		private final Set<String> repeated;

		private final Set<String> claimedRepeats = new HashSet<>();

		private final Map<CardEventType, Integer> counts = new EnumMap<>(CardEventType.class);

		private long applied;

		private long rejected;

		Judged(Set<Integer> windows, ProgressCounter progress, Set<String> repeated) {
			this.windows = windows;
			this.progress = progress;
			this.repeated = repeated;
		}

		/**
		 * The repeated keys an event judged so far has used (a chunk judges against them
		 * before it claims its own).
		 */
		Set<String> claimedRepeats() {
			return this.claimedRepeats;
		}

		/**
		 * Remembers a repeated key for the chunks after this one. The chunk's own state
		 * copied the keys claimed before it, and judges its events in order itself.
		 */
		void claim(Located located) {
			String key = located.event().channel() + "/" + located.event().eventId();
			if (this.repeated.contains(key)) {
				this.claimedRepeats.add(key);
			}
		}

		Set<Integer> windows() {
			return this.windows;
		}

		ProgressCounter progress() {
			return this.progress;
		}

		void add(long applied, long rejected, RunState state) {
			this.applied += applied;
			this.rejected += rejected;
			for (CardEventType type : CardEventType.values()) {
				this.counts.merge(type, state.count(type), Integer::sum);
			}
		}

		long applied() {
			return this.applied;
		}

		long rejected() {
			return this.rejected;
		}

		int count(CardEventType type) {
			return this.counts.getOrDefault(type, 0);
		}

	}

	/**
	 * What a run did.
	 *
	 * @param files new files taken in (loaded or rejected)
	 * @param waiting files left in the inbox without their control file
	 * @param filesRejected files rejected whole
	 * @param events event rows read from the loaded files
	 * @param applied events applied
	 * @param rejected events rejected (malformed or against the rules)
	 * @param issued cards issued
	 * @param renewed cards renewed
	 * @param reportedLost cards reported lost
	 * @param returned cards returned
	 */
	public record Applied(int files, int waiting, int filesRejected, int events, int applied, int rejected, int issued,
			int renewed, int reportedLost, int returned) {
	}

}
