package io.cardops.jobs.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business counts of the suite as Micrometer counters: rows loaded and rejected per
 * file kind and partner, files rejected or held whole, reconciliation exceptions by
 * category, money settled per partner role.
 *
 * <p>
 * A count made inside a transaction is added only when that transaction commits, so a
 * step that fails and is restarted never counts its rows twice.
 */
@Component
public class BusinessMeters {

	/** Rows of partner files taken in (accepted). */
	public static final String ROWS_LOADED = "cardops.rows.loaded";

	/** Rows of partner files set aside (malformed or refused by the rules). */
	public static final String ROWS_REJECTED = "cardops.rows.rejected";

	/** Partner files rejected or held whole. */
	public static final String FILES_REJECTED = "cardops.files.rejected";

	/** Reconciliation exceptions raised. */
	public static final String EXCEPTIONS_RAISED = "cardops.exceptions.raised";

	/** Money settled, in fen. */
	public static final String MONEY_SETTLED = "cardops.money.settled";

	private final MeterRegistry registry;

	/**
	 * Creates the meters on the application's registry (or Micrometer's global one when
	 * the application has none).
	 * @param registry the registry
	 */
	public BusinessMeters(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
	}

	/**
	 * Counts rows of a partner file that were taken in.
	 * @param kind the file kind ({@code roster}, {@code cardevents}, {@code taps}...)
	 * @param partner the partner that sent it
	 * @param rows how many
	 */
	public void rowsLoaded(String kind, String partner, long rows) {
		add(Counter.builder(ROWS_LOADED)
			.description("Rows of partner files taken in")
			.tag("kind", kind)
			.tag("partner", partner), rows);
	}

	/**
	 * Counts rows of a partner file that were set aside.
	 * @param kind the file kind
	 * @param partner the partner that sent it
	 * @param rows how many
	 */
	public void rowsRejected(String kind, String partner, long rows) {
		add(Counter.builder(ROWS_REJECTED)
			.description("Rows of partner files set aside (malformed or refused by the rules)")
			.tag("kind", kind)
			.tag("partner", partner), rows);
	}

	/**
	 * Counts a partner file rejected or held whole.
	 * @param kind the file kind
	 * @param partner the partner that sent it
	 * @param outcome {@link RunOutcome#REJECTED} or {@link RunOutcome#HELD}
	 */
	public void fileRejected(String kind, String partner, RunOutcome outcome) {
		add(Counter.builder(FILES_REJECTED)
			.description("Partner files rejected or held whole")
			.tag("kind", kind)
			.tag("partner", partner)
			.tag("outcome", outcome.name()), 1);
	}

	/**
	 * Counts reconciliation exceptions raised.
	 * @param category the exception category
	 * @param count how many
	 */
	public void exceptionsRaised(String category, long count) {
		add(Counter.builder(EXCEPTIONS_RAISED)
			.description("Reconciliation exceptions raised")
			.tag("category", category), count);
	}

	/**
	 * Counts money settled with partners of a role.
	 * @param role the partner role ({@code OPERATOR}, {@code CHANNEL},
	 * {@code SUBSIDY}...)
	 * @param fen the amount in fen
	 */
	public void moneySettled(String role, long fen) {
		add(Counter.builder(MONEY_SETTLED)
			.description("Money settled per partner role")
			.baseUnit("fen")
			.tag("role", role), fen);
	}

	private void add(Counter.Builder builder, long amount) {
		// Registered even for zero so that the series exists from the first run.
		Counter counter = builder.register(this.registry);
		if (amount <= 0) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					counter.increment(amount);
				}

			});
		}
		else {
			counter.increment(amount);
		}
	}

}
