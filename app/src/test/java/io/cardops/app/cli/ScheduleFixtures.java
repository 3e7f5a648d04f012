package io.cardops.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import io.cardops.domain.digest.Sha256;

/**
 * An inbox for one night of the chain: the reference data in {@code reference/}, UCAS's
 * roster of August 25, and for the clearing date a card issued to Alice, a top-up, two
 * taps with a gap in the card's sequence (a SEQ_GAP exception), and a payments file whose
 * control file does not match (rejected whole).
 */
final class ScheduleFixtures {

	/**
	 * The nightly chain's steps (the default of application.properties).
	 */
	static final String STEPS = "reference,rosters,card-events,reconcile,settle";

	private ScheduleFixtures() {
	}

	static void night(Path inbox, LocalDate date) throws IOException {
		Files.createDirectories(inbox.resolve("reference"));
		for (String name : new String[] { "partners.csv", "fare_rules.csv" }) {
			Files.copy(CliTestSupport.SAMPLES.resolve("reference").resolve(name),
					inbox.resolve("reference").resolve(name));
		}
		Files.copy(CliTestSupport.SAMPLES.resolve("inbox").resolve("roster_UCAS_20260825.csv"),
				inbox.resolve("roster_UCAS_20260825.csv"));
		String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);
		String card = CardLifecycleIntegrationTests.CARD_A;
		withControl(inbox.resolve("cardevents_BMAC_APP_" + day + "_01.csv"),
				CardLifecycleIntegrationTests.HEADER + "E1,ISSUE," + date + "T09:00:00+08:00," + card + ",UCAS,"
						+ CardLifecycleIntegrationTests.ALICE + ",IOS,\n",
				1, 0);
		withControl(inbox.resolve("recharges_COUNTER_" + day + "_01.csv"),
				ReconcileIntegrationTests.RECHARGES + "\nC1," + card + ",1," + date + "T10:00:00+08:00,1000,1000,\n", 1,
				1000);
		withControl(inbox.resolve("taps_BJBUS_" + day + "_01.csv"),
				ReconcileIntegrationTests.TAPS + "\nB1," + card + ",2," + date
						+ "T11:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,950\nB2," + card + ",5," + date
						+ "T12:00:00+08:00,BUS,52,Haidian,B01,SINGLE,200,50,STUDENT,750\n",
				2, 100);
		Path payments = inbox.resolve("payments_ALIPAY_" + day + "_01.csv");
		Files.writeString(payments,
				ReconcileIntegrationTests.PAYMENTS + "\nP1,PAY," + date + "T10:00:00+08:00,1000,0,\n",
				StandardCharsets.UTF_8);
		Files.writeString(payments.resolveSibling(payments.getFileName() + ".ctl"),
				"records=1\nsum_fen=1000\nsha256=" + "0".repeat(64) + "\n", StandardCharsets.UTF_8);
	}

	static void withControl(Path file, String content, int records, long sum) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.writeString(file.resolveSibling(file.getFileName() + ".ctl"),
				"records=" + records + "\nsum_fen=" + sum + "\nsha256=" + Sha256.of(file) + "\n",
				StandardCharsets.UTF_8);
	}

	/**
	 * Makes the clearing date's exceptions file impossible to publish: a folder stands
	 * where it must go. Reconciliation then fails in its last step, after loading and
	 * judging.
	 */
	static Path blockExceptionsFile(Path outbox, LocalDate date) throws IOException {
		String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);
		Path blocker = outbox.resolve(day).resolve("exceptions_" + day + ".csv");
		Files.createDirectories(blocker);
		Files.writeString(blocker.resolve("in-the-way"), "x");
		return blocker;
	}

}
