package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings of the hostile review (issue 20) about the schedules: a read-only command must
 * never change the shared store.
 */
class HostileSchedulesIntegrationTests extends CliTestSupport {

	private ConfigurableApplicationContext node;

	@AfterEach
	void stopNode() {
		System.clearProperty("cardops.schedules.nightly-chain.cron");
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void listingTheSchedulesWithAnotherConfiguredCronChangesNothingInTheSharedStore() throws Exception {
		// given: a node registered the schedules with its settings (the nightly chain at
		// 03:00) and runs
		// (the schema created through the command line first, which also sets the JVM's
		// zone as the application does, before a driver caches it)
		assertThat(cardops("schedules").code()).isZero();
		this.node = ServeCommand.open(nodeSession(), 0);
		ServeCommand.start(nodeSession(), this.node);
		List<String> before = nightlyChainInStore();
		assertThat(before.get(0)).isEqualTo("0 0 3 * * ?");

		// when: an operator lists the schedules from a shell whose configuration says
		// 02:00 (another ops.properties, or none with a node configured otherwise)
		System.setProperty("cardops.schedules.nightly-chain.cron", "0 0 2 * * ?");
		CliResult listing = cardops("schedules");

		// then: the store is as the node left it, nothing is said about rescheduling,
		// and the listing shows the stored cron and the local one as not applied
		assertThat(listing.code()).as(listing.err()).isZero();
		assertThat(nightlyChainInStore()).isEqualTo(before);
		assertThat(listing.out() + listing.err()).doesNotContain("rescheduled");
		assertThat(listing.err()).doesNotContain("nightly-chain");
		assertThat(listing.out()).containsPattern("nightly-chain\\s+0 0 3 \\* \\* \\?\\s+Asia/Shanghai\\s+")
			.contains("\n  configured here: 0 0 2 * * ? (not applied; serve applies its own settings, or use"
					+ " schedules set-cron)\n");
		// and: the audit log holds the node's registration only
		assertThat(this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome"
					+ " FROM audit_event ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly(
					"serve@" + InetAddress.getLocalHost().getHostName() + " serve schedule.register nightly-chain OK",
					"serve@" + InetAddress.getLocalHost().getHostName() + " serve schedule.register open-renewal OK",
					"serve@" + InetAddress.getLocalHost().getHostName() + " serve schedule.register expire-cards OK");
	}

	@Test
	void aTriggerForANightStillToComeOrAYearTypedWrongIsRefusedAsThePortalRefusesIt() {
		String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
		for (String[] ask : new String[][] { { "expire-cards", tomorrow }, { "open-renewal", "9999-07-30" },
				{ "open-renewal", "0000-07-30" } }) {
			CliResult refused = cardops("schedules", "trigger", ask[0], "--date", ask[1]);
			assertThat(refused.code()).as(ask[1]).isEqualTo(2);
			assertThat(refused.err()).as(ask[1]).contains("runs for a date from 2000-01-01 to today");
		}
		// a night is run once it is over: the chain of today would publish its
		// settlement and hotlist before its files are complete
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		CliResult tonight = cardops("schedules", "trigger", "nightly-chain", "--date", today);
		assertThat(tonight.code()).isEqualTo(2);
		assertThat(tonight.err()).contains("nightly-chain runs for a date from 2000-01-01 to yesterday (");
		assertThat(this.database.sql().sql("SELECT COUNT(*) FROM job_run").query(Long.class).single()).isZero();
	}

	/**
	 * The nightly chain's cron, next fire time and state as the Quartz tables hold them.
	 */
	private List<String> nightlyChainInStore() {
		return this.database.sql()
			.sql("SELECT c.cron_expression, t.next_fire_time, t.trigger_state, t.start_time FROM qrtz_triggers t"
					+ " JOIN qrtz_cron_triggers c ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name"
					+ " AND c.trigger_group = t.trigger_group WHERE t.trigger_name = 'nightly-chain'")
			.query((rs, n) -> List.of(rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3),
					Long.toString(rs.getLong(4))))
			.single();
	}

	private Session nodeSession() {
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", ID_KEY);
		String[] args = { "--db", this.database.url(), "--outbox", outbox().toString(), "--inbox",
				this.work.resolve("inbox").toString() };
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Session(GlobalOptions.extract(args, environment), out, out, environment);
	}

}
