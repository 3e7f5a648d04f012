package io.cardops.jobs.desk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.domain.desk.DeskRules;
import io.cardops.domain.digest.Sha256;
import io.cardops.jobs.JobName;
import io.cardops.jobs.JobsContext;
import io.cardops.jobs.SampleNights;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.support.JobRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An operator sends its tap file of 2026-10-13 twice (as {@code _01} and {@code _02},
 * byte for byte): the tap on the unknown card 3104620913385127764 (line 3) is held twice,
 * one case per copy, since a row of an unknown card is never accepted and so never a
 * DUPLICATE. The desk releases one copy, and refuses to release the other: that would pay
 * one tap twice.
 */
class SameTransactionReleaseIntegrationTests {

	private static final LocalDate DATE = LocalDate.of(2026, 10, 13);

	private static final DeskRules.Person FIONA = new DeskRules.Person("fiona", "FINANCE");

	private static final DeskRules.Person FRANK = new DeskRules.Person("frank", "FINANCE");

	private static final Actor WEB = new Actor("test", "127.0.0.1");

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	@TempDir
	Path work;

	private JobsContext context;

	@BeforeEach
	void runTheNightsWithOneTapFileSentTwice() throws Exception {
		Path inbox = copy(SampleNights.SAMPLES.resolve("inbox"), this.work.resolve("inbox"));
		for (String suffix : List.of("", ".ctl")) {
			Files.copy(inbox.resolve("taps_BJBUS_20261013_01.csv" + suffix),
					inbox.resolve("taps_BJBUS_20261013_02.csv" + suffix));
		}
		this.context = JobsContext.start(this.work, Map.of("cardops.inbox", inbox.toString()));
		SampleNights.runUntil(this.context, DATE);
	}

	@AfterEach
	void close() throws Exception {
		this.context.close();
	}

	@Test
	void theSecondCopyOfAHeldTapCannotBeReleasedOnceTheFirstIs() {
		List<Long> copies = copies();
		assertThat(copies).as("one held case per copy").hasSize(2);
		long first = copies.get(0);
		long second = copies.get(1);

		act(first, FIONA, CaseAction.REQUEST_RELEASE);
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(second, FIONA, CaseAction.REQUEST_RELEASE))
			.withMessage("case " + first + " holds the same transaction (card 3104620913385127764, card_seq 14,"
					+ " every field the same) and is released or proposed for release: releasing this copy too"
					+ " would pay it twice; close this case instead");
		act(first, FRANK, CaseAction.APPROVE_RELEASE);
		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(second, FRANK, CaseAction.REQUEST_RELEASE))
			.withMessageStartingWith("case " + first + " holds the same transaction");
		assertThat(this.context.bean(DeskCases.class).find(second).orElseThrow().caseState()).isEqualTo("NEW");
	}

	@Test
	void twoCopiesProposedForReleaseAtOnceAreNeverBothProposed() throws Exception {
		List<Long> copies = copies();
		for (int round = 0; round < 6; round++) {
			// when: one person proposes each copy, at the same moment
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService two = Executors.newFixedThreadPool(2);
			List<Future<Boolean>> proposed = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				long id = copies.get(i);
				DeskRules.Person person = (i == 0) ? FIONA : FRANK;
				proposed.add(two.submit(() -> {
					start.await();
					try {
						act(id, person, CaseAction.REQUEST_RELEASE);
						return true;
					}
					catch (CaseActionRefusedException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			int granted = 0;
			for (Future<Boolean> each : proposed) {
				granted += each.get(60, TimeUnit.SECONDS) ? 1 : 0;
			}
			two.shutdown();

			// then: exactly one is proposed (the other waited for it and was refused, or
			// was refused as busy); it was two in some rounds
			assertThat(granted).as("round " + round).isOne();
			assertThat(this.context.sql()
				.sql("SELECT COUNT(*) FROM recon_exception WHERE exception_id IN (?, ?)"
						+ " AND case_state = 'RELEASE_REQUESTED'")
				.params(copies.get(0), copies.get(1))
				.query(Long.class)
				.single()).as("round " + round).isOne();
			// (the requester withdraws, for the next round)
			for (int i = 0; i < 2; i++) {
				if (proposed.get(i).get()) {
					this.context.bean(ExceptionDesk.class)
						.act(copies.get(i), (i == 0) ? FIONA : FRANK,
								new DeskRules.Request(CaseAction.REJECT_RELEASE, null, "next round"), WEB);
				}
			}
		}
	}

	@Test
	void aReleasedTapSentAgainOnceItsCardIsKnownIsACopyNotASecondPayment() throws Exception {
		long first = copies().get(0);
		act(first, FIONA, CaseAction.REQUEST_RELEASE);
		act(first, FRANK, CaseAction.APPROVE_RELEASE);

		LocalDate later = sendAgainOnceTheCardIsKnown();

		// the copy is dropped as a copy of the row released (paid), not accepted and paid
		assertThat(this.context.sql()
			.sql("SELECT category || ' ' || detail FROM recon_exception WHERE source_file = ? AND source_line = 2")
			.params("taps_BJBUS_" + COMPACT.format(later) + "_01.csv")
			.query(String.class)
			.list()).containsExactly("DUPLICATE copy of taps_BJBUS_20261013_01.csv:3");
		assertThat(this.context.sql()
			.sql("SELECT disposition || ' ' || settlement FROM ledger_judgment WHERE source_file = ?")
			.params("taps_BJBUS_" + COMPACT.format(later) + "_01.csv")
			.query(String.class)
			.list()).containsExactly("DUPLICATE DROPPED");
	}

	@Test
	void aHeldTapWhoseCopyWasAcceptedAndPaidOnceItsCardWasKnownCannotBeReleased() throws Exception {
		long first = copies().get(0);
		LocalDate later = sendAgainOnceTheCardIsKnown();
		// the copy was accepted: it has no judgment, and so is paid on its own date
		assertThat(this.context.sql()
			.sql("SELECT COUNT(*) FROM ledger_judgment WHERE source_file = ?")
			.params("taps_BJBUS_" + COMPACT.format(later) + "_01.csv")
			.query(Long.class)
			.single()).isZero();

		assertThatExceptionOfType(CaseActionRefusedException.class)
			.isThrownBy(() -> act(first, FIONA, CaseAction.REQUEST_RELEASE))
			.withMessage("the same transaction (card 3104620913385127764, card_seq 14, every field the same) was"
					+ " sent again once its card was known, and accepted and paid from taps_BJBUS_"
					+ COMPACT.format(later) + "_01.csv:2 (clearing date " + later
					+ "): releasing this copy would pay it twice; close this case instead");
		assertThat(this.context.bean(DeskCases.class).find(first).orElseThrow().caseState()).isEqualTo("NEW");
	}

	/**
	 * The card of the held tap is issued, and BJBUS sends the tap again, byte for byte,
	 * in a file of a later date; that date's card events and reconciliation run.
	 */
	private LocalDate sendAgainOnceTheCardIsKnown() throws IOException {
		LocalDate later = DATE.plusDays(1);
		Path inbox = this.work.resolve("inbox");
		String day = COMPACT.format(later);
		inboxFile(inbox, "cardevents_BMAC_APP_" + day + "_01.csv",
				"event_id,event,occurred_at,card_no,institution,student_no,device,refund_fen",
				"BMAC-0099001,ISSUE," + later + "T06:00:00+08:00,3104620913385127764,UCAS,2023E8015361474,ANDROID,");
		inboxFile(inbox, "taps_BJBUS_" + day + "_01.csv",
				Files.readAllLines(inbox.resolve("taps_BJBUS_20261013_01.csv")).get(0).replace("\uFEFF", ""),
				Files.readAllLines(inbox.resolve("taps_BJBUS_20261013_01.csv")).get(2));
		JobRunner jobs = this.context.bean(JobRunner.class);
		assertThat(SampleNights.run(jobs, JobName.CARD_EVENTS, later).counts()).contains("applied=1");
		SampleNights.run(jobs, JobName.RECONCILE, later);
		return later;
	}

	/**
	 * Writes an inbox file and its control file (records, sum_fen of its last column
	 * named *_fen, sha256).
	 */
	private static void inboxFile(Path inbox, String name, String header, String row) throws IOException {
		Path file = inbox.resolve(name);
		Files.writeString(file, header + "\n" + row + "\n", StandardCharsets.UTF_8);
		List<String> columns = List.of(header.split(","));
		String[] cells = row.split(",", -1);
		String fenColumn = name.startsWith("taps_") ? "charged_fen" : "refund_fen";
		String fen = cells[columns.indexOf(fenColumn)];
		Files.writeString(inbox.resolve(name + ".ctl"),
				"records=1\nsum_fen=" + (fen.isEmpty() ? "0" : fen) + "\nsha256=" + Sha256.of(file) + "\n",
				StandardCharsets.UTF_8);
	}

	/** The two held cases of the unknown card's tap, one per copy of the file. */
	private List<Long> copies() {
		return this.context.sql()
			.sql("SELECT exception_id FROM recon_exception WHERE category = 'UNKNOWN_CARD' AND clearing_date = ?"
					+ " AND source_line = 3 AND source_file LIKE 'taps_BJBUS_20261013_0%' ORDER BY source_file")
			.params(DATE)
			.query(Long.class)
			.list();
	}

	private void act(long id, DeskRules.Person person, CaseAction action) {
		this.context.bean(ExceptionDesk.class).act(id, person, new DeskRules.Request(action, null, null), WEB);
	}

	private static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return to;
	}

}
