package io.cardops.jobs.settle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The instant up to which a settlement of a date counts the exception desk's releases
 * (desk.md, "What a release changes"): the settlement pays the held taps released before
 * it, and records it in its version, so that a release approved while the date is being
 * settled is neither taken for paid by the version nor forgotten by the nightly chain.
 *
 * <p>
 * The instant is taken first; then, in a transaction of its own, the date's cases waiting
 * for approval are locked, which waits for every approval in progress. An approval locks
 * its case before it stamps its release, so one stamped before the instant had its case
 * locked when the lock was asked for: it has committed by the time the settlement reads,
 * and is read. One stamped at or after the instant is left for the date's next
 * settlement.
 */
@Component
public class ReleaseCutoff {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate ownTransaction;

	/**
	 * Creates the cutoff.
	 * @param jdbc the database
	 * @param clock the clock the desk stamps releases with
	 * @param transactions the transaction manager
	 */
	public ReleaseCutoff(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Takes the cutoff of a settlement of a date, once every approval in progress of the
	 * date has committed.
	 * @param date the clearing date
	 * @return the instant (to the microsecond, as the database keeps it)
	 */
	public OffsetDateTime take(LocalDate date) {
		OffsetDateTime cutoff = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql("SELECT exception_id FROM recon_exception WHERE case_state = 'RELEASE_REQUESTED' AND clearing_date = ?"
					+ " FOR UPDATE")
			.params(date)
			.query(Long.class)
			.list());
		return cutoff;
	}

}
