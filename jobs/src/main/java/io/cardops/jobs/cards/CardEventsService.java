package io.cardops.jobs.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.cards.Card;
import io.cardops.domain.cards.CardEvent;
import io.cardops.domain.cards.CardEventType;
import io.cardops.domain.cards.CardLifecycle;
import io.cardops.domain.cards.Decision;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.progress.ProgressCounter;
import io.cardops.jobs.progress.RunProgress;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.readers.cards.CardEventFile;
import io.cardops.readers.cards.CardEventFile.Located;
import io.cardops.readers.cards.CardEventFile.RowReject;
import io.cardops.readers.cards.CardEventReader;
import io.cardops.readers.csv.InboundFileException;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Applies the card-event files of a clearing date (domain.md, "Card lifecycle"): every
 * new, complete file is checked against its control file, the events of all files are
 * applied together in {@code occurred_at} order (ties by event_id), and each rejected
 * event is written to {@code cardevent_rejects_<D>.csv} with its reason. Runs in one
 * transaction: a run applies all of it or nothing.
 */
@Service
public class CardEventsService {

	/** The inbox kind of card-event files. */
	public static final String KIND = "cardevents";

	private static final Comparator<Located> ORDER = Comparator
		.comparing((Located located) -> located.event().occurredAt())
		.thenComparing((located) -> located.event().eventId())
		.thenComparing(Located::sourceFile)
		.thenComparingLong(Located::line);

	private final InboxService inbox;

	private final CardStore store;

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final RunProgress progress;

	/**
	 * Creates the service.
	 * @param inbox the inbox
	 * @param store the card master
	 * @param jdbc the database
	 * @param properties the settings
	 * @param progress counts the events judged so far, for {@code cardops runs}
	 */
	public CardEventsService(InboxService inbox, CardStore store, JdbcClient jdbc, CardopsProperties properties,
			RunProgress progress) {
		this.inbox = inbox;
		this.store = store;
		this.jdbc = jdbc;
		this.properties = properties;
		this.progress = progress;
	}

	/**
	 * Applies the new card-event files of a date.
	 * @param date the clearing date
	 * @return what the run did
	 * @throws Exception when the database refuses the results (the transaction rolls
	 * back)
	 */
	public Applied apply(LocalDate date) throws Exception {
		Intake intake = intake(date);
		List<Located> events = new ArrayList<>(intake.events());
		events.sort(ORDER);
		RunState state = load(events);
		List<RowReject> rejects = new ArrayList<>(intake.rejects());
		List<Object[]> applied = new ArrayList<>();
		ProgressCounter judged = this.progress.counter("events");
		for (Located located : events) {
			judged.increment();
			if (!state.claim(located)) {
				rejects.add(reject(located,
						"event_id " + located.event().eventId() + " was already used by " + located.event().channel()));
				continue;
			}
			Decision decision = CardLifecycle.apply(located.event(), state);
			if (decision.accepted()) {
				state.accept(decision, located);
				applied.add(eventRow(located, decision, date));
			}
			else {
				rejects.add(reject(located, decision.rejectReason()));
			}
		}
		this.store.insert(state.createdCards(), state.refunds(), date);
		this.store.update(state.updatedCards(), state.refunds());
		this.store.load("card_event", EVENT_COLUMNS, applied);
		this.store.load("card_event_reject", REJECT_COLUMNS,
				rejects.stream()
					.map((reject) -> new Object[] { date, reject.sourceFile(), reject.line(), cell(reject.eventId()),
							cell(reject.cardNo()), reject.reason() })
					.toList());
		// Each file keeps how many of its events were turned away, for the metrics.
		this.inbox.recordRowsSetAside(date, List.of(KIND));
		publishRejects(date);
		this.inbox.publishRejects(date);
		return new Applied(intake.files(), intake.waiting(), intake.filesRejected(),
				intake.events().size() + intake.rejects().size(), applied.size(), rejects.size(),
				state.count(CardEventType.ISSUE), state.count(CardEventType.RENEW),
				state.count(CardEventType.REPORT_LOST), state.count(CardEventType.RETURN));
	}

	private Intake intake(LocalDate date) throws Exception {
		List<Located> events = new ArrayList<>();
		List<RowReject> rejects = new ArrayList<>();
		InboxService.Intake taken = this.inbox.takeIn(KIND, date, "CHANNEL", (arrival) -> {
			try {
				CardEventFile file = CardEventReader.read(arrival.path(), arrival.name().partner(),
						arrival.name().date());
				String mismatch = ControlFile.read(arrival.path()).mismatch(file.totals());
				if (mismatch != null) {
					return InboxService.Taken.rejected(mismatch);
				}
				events.addAll(file.events());
				rejects.addAll(file.rejects());
				return InboxService.Taken.loaded(file.totals().records(), file.warnings());
			}
			catch (InboundFileException ex) {
				return InboxService.Taken.rejected(ex.locatedReason());
			}
		});
		return new Intake(taken.files(), taken.waiting(), taken.rejected(), events, rejects);
	}

	private RunState load(List<Located> events) {
		Set<String> cardNos = events.stream().map((located) -> located.event().cardNo()).collect(Collectors.toSet());
		Set<String> studentNos = events.stream()
			.map((located) -> located.event().studentNo())
			.collect(Collectors.toSet());
		Set<String> eventIds = events.stream().map((located) -> located.event().eventId()).collect(Collectors.toSet());
		return new RunState(this.store.cards(cardNos), this.store.activeCards(studentNos),
				this.store.standings(studentNos), this.store.openRenewalWindows(),
				this.store.appliedEventKeys(eventIds));
	}

	/**
	 * A raw cell of a rejected row, cut to its column's width (the row was rejected for a
	 * reason).
	 */
	private static String cell(String text) {
		return (text == null || text.length() <= 64) ? text : text.substring(0, 61) + "...";
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
		List<Object[]> rows = this.jdbc.sql("""
				SELECT source_file, source_line, event_id, card_no, reason FROM card_event_reject
				WHERE clearing_date = ? ORDER BY source_file, source_line""")
			.params(date)
			.query((rs,
					n) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
							rs.getString(5) })
			.list();
		if (rows.isEmpty()) {
			return;
		}
		try (OutboundCsvWriter csv = OutboundFile.CARDEVENT_REJECTS.create(this.properties.outbox(), date, null)) {
			rows.forEach(csv::row);
			csv.publish();
		}
	}

	private static final List<String> EVENT_COLUMNS = List.of("channel", "event_id", "event", "occurred_at", "card_no",
			"institution", "student_no", "device", "refund_fen", "clearing_date", "source_file", "source_line",
			"state_before", "state_after", "valid_until_before", "valid_until_after");

	private static final List<String> REJECT_COLUMNS = List.of("clearing_date", "source_file", "source_line",
			"event_id", "card_no", "reason");

	private record Intake(int files, int waiting, int filesRejected, List<Located> events, List<RowReject> rejects) {
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
