package io.cardops.jobs.desk;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.desk.Resolution;
import io.cardops.domain.identity.IdNumbers;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;

/**
 * Takes the desk's actions on cases (desk.md): each one decided by {@link DeskRules}
 * against the case as it stands, under a row lock, and written in one transaction with
 * its trail entry and its audit event. Two people acting on one case at once: the second
 * waits for the first and is then judged against the case the first left, so one wins and
 * the trail has neither a gap nor a double. A refusal changes nothing and is audited as
 * {@code FAILED} with its reason.
 */
@Service
public class ExceptionDesk {

	private final JdbcClient jdbc;

	private final DeskCases cases;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/**
	 * Creates the desk.
	 * @param jdbc the database
	 * @param cases reads the cases
	 * @param audit where every action is also recorded
	 * @param clock the time actions are stamped with
	 * @param transactionManager the database's transactions
	 */
	public ExceptionDesk(JdbcClient jdbc, DeskCases cases, AuditLog audit, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Takes an action on a case.
	 * @param id the case
	 * @param person the account acting, with its role
	 * @param request the action, its resolution and note
	 * @param actor the account and where it acts from, for the audit log
	 * @return the case afterwards
	 * @throws CaseNotFoundException when there is no such case
	 * @throws CaseActionRefusedException when the rules forbid the action, with the
	 * reason
	 */
	public DeskCase act(long id, DeskRules.Person person, DeskRules.Request request, Actor actor) {
		String auditAction = "exception." + request.action().command();
		String object = "exception " + id;
		try {
			return this.transactions.execute((status) -> {
				DeskCase current = this.jdbc
					.sql("SELECT exception_id, clearing_date, category, status, resolved_on, case_state, case_owner,"
							+ " resolution, release_requested_by, released_at, partner, card_no, card_seq, source_file,"
							+ " source_line, amount_fen, detail, case_changed_at FROM recon_exception"
							+ " WHERE exception_id = ? FOR UPDATE")
					.params(id)
					.query((rs, n) -> DeskCases.deskCase(rs))
					.optional()
					.orElseThrow(() -> new CaseNotFoundException(id));
				DeskRules.Outcome outcome = DeskRules.decide(current.rules(), person, request);
				if (request.action() == CaseAction.REQUEST_RELEASE || request.action() == CaseAction.APPROVE_RELEASE) {
					refuseASecondReleaseOfTheSameTransaction(current);
				}
				OffsetDateTime now = OffsetDateTime.now(this.clock);
				boolean released = outcome.resolution() == Resolution.RELEASED;
				int updated = this.jdbc.sql("""
						UPDATE recon_exception SET case_state = ?, case_owner = ?, resolution = ?,
						  release_requested_by = ?, released_at = COALESCE(released_at, ?), case_changed_at = ?
						WHERE exception_id = ? AND case_state = ?""")
					.params(outcome.state().name(), outcome.owner(), name(outcome.resolution()),
							outcome.releaseRequestedBy(), released ? now : null, now, id, current.caseState())
					.update();
				if (updated != 1) {
					throw new IllegalStateException("case " + id + " changed under its row lock");
				}
				// A resident identity number typed into a note (a cardholder who called)
				// is
				// not kept in clear: the programme stores none (domain.md).
				String note = (request.hasNote()) ? IdNumbers.redact(request.note().strip()) : null;
				this.jdbc.sql("""
						INSERT INTO case_action (exception_id, acted_at, account, action, from_state, to_state,
						  resolution, note)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(id, now, person.name(), request.action().command(), current.caseState(),
							outcome.state().name(), name(outcome.resolution()), note)
					.update();
				this.audit.record(actor, auditAction, object, AuditLog.OK, current.caseState() + " -> "
						+ outcome.state() + ((outcome.resolution() != null) ? " " + outcome.resolution() : ""));
				return this.cases.find(id).orElseThrow();
			});
		}
		catch (CaseActionRefusedException ex) {
			this.audit.record(actor, auditAction, object, AuditLog.FAILED, ex.getMessage());
			throw ex;
		}
		catch (CaseNotFoundException ex) {
			this.audit.record(actor, auditAction, object, AuditLog.FAILED, "no case " + id);
			throw ex;
		}
		catch (PessimisticLockingFailureException ex) {
			String reason = "someone else is acting on case " + id + " right now; look at it again and retry";
			this.audit.record(actor, auditAction, object, AuditLog.FAILED, reason);
			throw new CaseActionRefusedException("busy", reason);
		}
	}

	/**
	 * Records an action refused before the desk's rules saw it, because the request
	 * itself was wrong (a note too long or with a character no one sees, a resolution of
	 * no name, a field the body does not take): every refusal is in the audit log.
	 * @param id the case
	 * @param action the action asked for
	 * @param actor the account and where it acts from
	 * @param reason why it was refused
	 */
	public void recordRefusal(long id, CaseAction action, Actor actor, String reason) {
		this.audit.record(actor, "exception." + action.command(), "exception " + id, AuditLog.FAILED, reason);
	}

	/**
	 * Refuses to release a held row that is a copy of another row already paid or
	 * proposed for payment: the same card, card_seq and content in every field. The other
	 * copy is either held too and released or proposed for release (the same tap or
	 * top-up sent twice, in one file, two files or on two dates, each copy held as its
	 * own case when its card is unknown), or accepted, sent again once the card was
	 * known. Releasing this one would pay one transaction twice.
	 */
	private void refuseASecondReleaseOfTheSameTransaction(DeskCase current) {
		long cardSeq;
		try {
			cardSeq = Long.parseLong(current.cardSeq());
		}
		catch (NumberFormatException ex) {
			return;
		}
		List<String> paid = this.jdbc.sql(PAID_COPY)
			.param("card", current.cardNo())
			.param("seq", cardSeq)
			.param("file", current.sourceFile())
			.param("line", current.sourceLine())
			.query((rs, n) -> rs.getString(1) + ":" + rs.getLong(2) + " (clearing date "
					+ rs.getObject(3, LocalDate.class) + ")")
			.list();
		if (!paid.isEmpty()) {
			throw new CaseActionRefusedException("paidCopy",
					"the same transaction (card " + current.cardNo() + ", card_seq " + cardSeq
							+ ", every field the same) was sent again once its card was known,"
							+ " and accepted and paid from " + paid.get(0)
							+ ": releasing this copy would pay it twice; close this case instead",
					paid.get(0));
		}
		List<Long> twins = this.jdbc.sql(SAME_TRANSACTION)
			.param("card", current.cardNo())
			.param("seq", cardSeq)
			.param("file", current.sourceFile())
			.param("line", current.sourceLine())
			.param("id", current.id())
			.query(Long.class)
			.list();
		if (twins.isEmpty()) {
			return;
		}
		// The other copies' rows are locked before their state is read: two copies asked
		// for at once each saw the other not yet proposed, and both were (one of the two
		// now waits for the other's answer, or is refused as busy).
		List<Long> released = this.jdbc
			.sql("SELECT exception_id, case_state, resolution FROM recon_exception WHERE exception_id IN (:twins)"
					+ " ORDER BY exception_id FOR UPDATE")
			.param("twins", twins)
			.query((rs, n) -> ("RELEASE_REQUESTED".equals(rs.getString(2)) || "RELEASED".equals(rs.getString(3)))
					? rs.getLong(1) : null)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.toList();
		if (!released.isEmpty()) {
			throw new CaseActionRefusedException("sameTransaction", "case " + released.get(0)
					+ " holds the same transaction (card " + current.cardNo() + ", card_seq " + cardSeq
					+ ", every field the same) and is released or proposed for release: releasing this copy too would"
					+ " pay it twice; close this case instead", String.valueOf(released.get(0)));
		}
	}

	/**
	 * The held cases, other than the one acted on, whose row is the same transaction as
	 * the case's row. Found through the ledger rows' card index.
	 */
	private static final String SAME_TRANSACTION = """
			SELECT o.exception_id
			FROM ledger_row me
			JOIN ledger_row twin ON %s
			JOIN recon_exception o ON o.source_file = twin.source_file AND o.source_line = twin.source_line
			  AND o.category IN ('UNKNOWN_CARD', 'SEQ_CONFLICT') AND o.exception_id <> :id
			WHERE me.card_no = :card AND me.card_seq = :seq AND me.source_file = :file AND me.source_line = :line
			ORDER BY o.exception_id""".formatted(Identical.ROWS);

	/**
	 * An accepted row that is the same transaction as the case's row: the copy the
	 * partner sent again once the card was known, accepted and paid on its own date.
	 */
	private static final String PAID_COPY = """
			SELECT twin.source_file, twin.source_line, twin.clearing_date
			FROM ledger_row me
			JOIN ledger_accepted twin ON %s
			WHERE me.card_no = :card AND me.card_seq = :seq AND me.source_file = :file AND me.source_line = :line
			ORDER BY twin.clearing_date, twin.source_file, twin.source_line""".formatted(Identical.ROWS);

	private static final class Identical {

		/** Two ledger rows, me and twin, that are the same transaction in every field. */
		static final String ROWS = """
				twin.card_no = me.card_no AND twin.card_seq = me.card_seq
				  AND NOT (twin.source_file = me.source_file AND twin.source_line = me.source_line)
				  AND twin.kind = me.kind AND twin.ext_id = me.ext_id AND twin.happened_at = me.happened_at
				  AND twin.balance_after_fen = me.balance_after_fen
				  AND COALESCE(twin.mode, '') = COALESCE(me.mode, '')
				  AND COALESCE(twin.line_name, '') = COALESCE(me.line_name, '')
				  AND COALESCE(twin.station, '') = COALESCE(me.station, '')
				  AND COALESCE(twin.device_id, '') = COALESCE(me.device_id, '')
				  AND COALESCE(twin.tap_type, '') = COALESCE(me.tap_type, '')
				  AND COALESCE(twin.discount, '') = COALESCE(me.discount, '')
				  AND COALESCE(twin.payment_ref, '') = COALESCE(me.payment_ref, '')
				  AND COALESCE(twin.full_fare_fen, -1) = COALESCE(me.full_fare_fen, -1)
				  AND COALESCE(twin.charged_fen, -1) = COALESCE(me.charged_fen, -1)
				  AND COALESCE(twin.amount_fen, -1) = COALESCE(me.amount_fen, -1)""";

		private Identical() {
		}

	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	/**
	 * No case has this id.
	 */
	public static class CaseNotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception.
		 * @param id the id asked for
		 */
		public CaseNotFoundException(long id) {
			super("no exception case " + id);
		}

	}

}
