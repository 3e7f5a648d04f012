package io.cardops.app.cli;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log is append-only: on PostgreSQL the database itself refuses to change or
 * remove a row, whoever asks.
 */
class AuditLogIntegrationTests extends CliTestSupport {

	@Test
	void aRowOfTheAuditLogCannotBeChangedOrRemovedOnPostgres() {
		// given: a change audited
		assertThat(cardops("schedules", "set-cron", "expire-cards", "0 5 0 1 10 ?").code()).isZero();
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isOne();
		if (!this.database.isPostgres()) {
			// H2 keeps it append-only by convention: no code path updates or deletes it.
			return;
		}

		// when / then: changing, removing or emptying it is refused
		for (String statement : new String[] { "UPDATE audit_event SET outcome = 'FAILED'", "DELETE FROM audit_event",
				"TRUNCATE audit_event" }) {
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> this.database.sql().sql(statement).update())
				.withMessageContaining("audit_event is append-only");
		}
		assertThat(this.database.sql()
			.sql("SELECT action || ' ' || object || ' ' || outcome FROM audit_event")
			.query(String.class)
			.list()).containsExactly("schedule.set-cron expire-cards OK");
	}

}
