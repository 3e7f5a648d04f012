package io.cardops.app.monitor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.desk.AgeBucket;
import io.cardops.domain.reconcile.ExceptionCategory;
import io.cardops.jobs.support.SqlResource;
import io.cardops.readers.inbox.InboxFileName;

/**
 * The business figures of {@code /actuator/prometheus}, read from the database so that
 * every node reports the same values whoever ran the job (a command on any machine, this
 * node or another one):
 * <ul>
 * <li>{@code cardops.rows.loaded} and {@code cardops.rows.rejected} (tags {@code kind},
 * {@code partner}): rows of partner files taken in and set aside, from the totals each
 * inbox file and roster upload keeps;</li>
 * <li>{@code cardops.files.rejected} (tags {@code kind}, {@code partner},
 * {@code outcome}): partner files rejected or held whole;</li>
 * <li>{@code cardops.exceptions.raised} (tag {@code category}): reconciliation exceptions
 * raised, from the totals each reconciliation keeps per date;</li>
 * <li>{@code cardops.exceptions.open} and {@code cardops.exceptions.open.amount} (fen,
 * tag {@code category}): the exceptions open now and the money they concern;</li>
 * <li>{@code cardops.desk.cases.open} and {@code cardops.desk.cases.open.amount} (fen,
 * tags {@code category}, {@code age}): the exception desk's cases not closed and the
 * money at stake (the sum of their amounts' magnitudes), by age in days since their
 * clearing date ({@code 0-1}, {@code 2-7}, {@code 8-30}, {@code over 30}, as of today in
 * Asia/Shanghai), so that an alert can fire on held money older than a week;</li>
 * <li>{@code cardops.money.settled} (fen, tag {@code role}): the net of every settlement
 * version published.</li>
 * </ul>
 * The totals are counters ({@link FunctionCounter}: a database total never goes down),
 * the open exceptions gauges. Every category and settled role has its series from the
 * start, and so has every partner of the reference data for the kinds its role sends, at
 * zero until it has data; a partner missing from the reference data appears once it has.
 * One scrape reads the database once (one statement), and not again for
 * {@value #FRESH_SECONDS} seconds.
 */
@Component
public class BusinessFigures implements MeterBinder {

	private static final int FRESH_SECONDS = 5;

	private static final Logger logger = LoggerFactory.getLogger(BusinessFigures.class);

	/** The file kinds, each with the partner role that sends it. */
	private static final Map<String, String> SENDERS = senders();

	/** The partner roles a settlement file is made for. */
	private static final List<String> SETTLED_ROLES = List.of("OPERATOR", "CHANNEL", "SUBSIDY");

	private static final String REJECTED = "REJECTED";

	private static final String HELD = "HELD";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String statement = SqlResource.load(BusinessFigures.class, "business-figures.sql");

	private final Set<List<String>> registered = new HashSet<>();

	private MeterRegistry registry;

	private Figures figures = new Figures();

	private Instant readAt = Instant.MIN;

	/**
	 * Creates the figures.
	 * @param jdbc the database
	 * @param clock the clock
	 */
	public BusinessFigures(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		// Registering reads nothing: a command that never serves metrics never pays for
		// them.
		this.registry = registry;
		for (ExceptionCategory category : ExceptionCategory.values()) {
			register(Figure.RAISED, category.name());
			register(Figure.OPEN, category.name());
			register(Figure.OPEN_AMOUNT, category.name());
			for (AgeBucket age : AgeBucket.values()) {
				register(Figure.DESK_OPEN, category.name(), age.label());
				register(Figure.DESK_OPEN_AMOUNT, category.name(), age.label());
			}
		}
		SETTLED_ROLES.forEach((role) -> register(Figure.SETTLED, role));
	}

	/**
	 * Reads the figures as soon as the node serves HTTP, so that its first scrape has the
	 * series of every partner.
	 * @param event the web server's start
	 */
	@EventListener(WebServerInitializedEvent.class)
	public void serving(WebServerInitializedEvent event) {
		figures();
	}

	private synchronized Figures figures() {
		Instant now = this.clock.instant();
		if (this.readAt.plusSeconds(FRESH_SECONDS).isBefore(now)) {
			this.readAt = now;
			try {
				this.figures = read();
			}
			catch (DataAccessException ex) {
				// A scrape must still answer (a counter that throws fails the whole
				// scrape): the figures keep their last values, and /actuator/health
				// shows the database DOWN.
				logger.warn("cannot read the business figures from the database: {}",
						ex.getMostSpecificCause().toString());
				return this.figures;
			}
			this.figures.keys.forEach((key) -> register(key.figure(), key.tags()));
		}
		return this.figures;
	}

	private double value(Figure figure, String... tags) {
		return figures().values.getOrDefault(new Key(figure, List.of(tags)), 0L);
	}

	private void register(Figure figure, List<String> tags) {
		register(figure, tags.toArray(String[]::new));
	}

	private void register(Figure figure, String... tags) {
		List<String> key = new ArrayList<>(List.of(tags));
		key.add(0, figure.name());
		if (this.registry == null || !this.registered.add(key)) {
			return;
		}
		Tags named = Tags.empty();
		for (int i = 0; i < tags.length; i++) {
			named = named.and(figure.tags.get(i), tags[i]);
		}
		if (figure.gauge) {
			Gauge.builder(figure.meter, this, (self) -> self.value(figure, tags))
				.description(figure.description)
				.baseUnit(figure.unit)
				.tags(named)
				.register(this.registry);
		}
		else {
			FunctionCounter.builder(figure.meter, this, (self) -> self.value(figure, tags))
				.description(figure.description)
				.baseUnit(figure.unit)
				.tags(named)
				.register(this.registry);
		}
	}

	/**
	 * Reads the figures now, bypassing the cache: what one scrape costs the database (the
	 * metrics benchmark measures it).
	 * @return each series read, as {@code meter{tag=value,...}}, with its value
	 */
	public Map<String, Long> readNow() {
		Map<String, Long> values = new TreeMap<>();
		read().values.forEach((key, value) -> values.put(key.figure().meter + key.tags(), value));
		return values;
	}

	private Figures read() {
		Figures read = new Figures();
		LocalDate today = LocalDate.now(this.clock.withZone(AcademicCalendar.ZONE));
		this.jdbc.sql(this.statement)
			.param("young", AgeBucket.DAYS_0_1.oldestClearingDate(today))
			.param("week", AgeBucket.DAYS_2_7.oldestClearingDate(today))
			.param("month", AgeBucket.DAYS_8_30.oldestClearingDate(today))
			.query((RowCallbackHandler) (rs) -> {
				String key = rs.getString("figure_key");
				String partner = rs.getString("partner");
				String outcome = rs.getString("outcome");
				long count = rs.getLong("n");
				switch (rs.getString("figure")) {
					case "file" -> {
						read.add(Figure.ROWS_LOADED, rs.getLong("loaded"), key, partner);
						read.add(Figure.ROWS_REJECTED, rs.getLong("rejected"), key, partner);
						if (REJECTED.equals(outcome) || HELD.equals(outcome)) {
							read.add(Figure.FILES_REJECTED, count, key, partner, outcome);
						}
					}
					case "superseded" -> read.add(Figure.FILES_REJECTED, count, key, partner, REJECTED);
					case "same-name" -> {
						// The same name sent again with other content: its kind and
						// partner
						// are in the name.
						Optional<InboxFileName> name = InboxFileName.parse(Path.of(key));
						read.add(Figure.FILES_REJECTED, count, name.map(InboxFileName::kind).orElse("unknown"),
								name.map(InboxFileName::partner).orElse("unknown"), REJECTED);
					}
					case "raised" -> read.add(Figure.RAISED, count, key);
					case "open" -> {
						read.add(Figure.OPEN, count, key);
						read.add(Figure.OPEN_AMOUNT, rs.getLong("loaded"), key);
					}
					case "desk" -> {
						// the age bucket's label stands where a file's partner does
						read.add(Figure.DESK_OPEN, count, key, partner);
						read.add(Figure.DESK_OPEN_AMOUNT, rs.getLong("loaded"), key, partner);
					}
					case "settled" -> read.add(Figure.SETTLED, rs.getLong("loaded"), key);
					default -> SENDERS.forEach((kind, role) -> {
						// A partner of the reference data: the series of the kinds it
						// sends,
						// at zero until it has data.
						if (role.equals(key)) {
							read.expect(Figure.ROWS_LOADED, kind, partner);
							read.expect(Figure.ROWS_REJECTED, kind, partner);
							read.expect(Figure.FILES_REJECTED, kind, partner, REJECTED);
							if (kind.equals("roster")) {
								read.expect(Figure.FILES_REJECTED, kind, partner, HELD);
							}
						}
					});
				}
			});
		return read;
	}

	private static Map<String, String> senders() {
		Map<String, String> senders = new LinkedHashMap<>();
		senders.put("roster", "INSTITUTION");
		senders.put("cardevents", "CHANNEL");
		senders.put("taps", "OPERATOR");
		senders.put("recharges", "CHANNEL");
		senders.put("payments", "PSP");
		return senders;
	}

	/** The meters, each with its name, tags, unit and kind. */
	private enum Figure {

		ROWS_LOADED("cardops.rows.loaded", "Rows of partner files taken in", null, false, "kind", "partner"),

		ROWS_REJECTED("cardops.rows.rejected", "Rows of partner files set aside (malformed or refused by the rules)",
				null, false, "kind", "partner"),

		FILES_REJECTED("cardops.files.rejected", "Partner files rejected or held whole", null, false, "kind", "partner",
				"outcome"),

		RAISED("cardops.exceptions.raised", "Reconciliation exceptions raised", null, false, "category"),

		OPEN("cardops.exceptions.open", "Reconciliation exceptions open now", null, true, "category"),

		OPEN_AMOUNT("cardops.exceptions.open.amount", "Money the open reconciliation exceptions concern", "fen", true,
				"category"),

		DESK_OPEN("cardops.desk.cases.open", "Cases of the exception desk not closed, by age since their clearing date",
				null, true, "category", "age"),

		DESK_OPEN_AMOUNT("cardops.desk.cases.open.amount",
				"Money at stake in the desk's cases not closed, by age since their clearing date", "fen", true,
				"category", "age"),

		SETTLED("cardops.money.settled", "Money settled per partner role (the net of every version published)", "fen",
				false, "role");

		private final String meter;

		private final String description;

		private final String unit;

		private final boolean gauge;

		private final List<String> tags;

		Figure(String meter, String description, String unit, boolean gauge, String... tags) {
			this.meter = meter;
			this.description = description;
			this.unit = unit;
			this.gauge = gauge;
			this.tags = List.of(tags);
		}

	}

	/** A series: its figure and tag values. */
	private record Key(Figure figure, List<String> tags) {
	}

	/** One reading of the database: the value of each series, and every series known. */
	private static final class Figures {

		private final Map<Key, Long> values = new HashMap<>();

		private final Set<Key> keys = new HashSet<>();

		void add(Figure figure, long value, String... tags) {
			Key key = new Key(figure, List.of(tags));
			this.values.merge(key, value, Long::sum);
			this.keys.add(key);
		}

		void expect(Figure figure, String... tags) {
			this.keys.add(new Key(figure, List.of(tags)));
		}

	}

}
