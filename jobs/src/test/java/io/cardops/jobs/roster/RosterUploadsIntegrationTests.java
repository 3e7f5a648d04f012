package io.cardops.jobs.roster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cardops.jobs.JobName;
import io.cardops.jobs.JobsContext;
import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.renewal.PublishedRenewalLists;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Roster uploads through {@link RosterUploads}: the same roster-import job as the command
 * line, on the build's database.
 */
class RosterUploadsIntegrationTests {

	static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

	private static final Uploader OPS = new Uploader("olga", "10.0.0.1", null);

	private static final Uploader UCAS = new Uploader("ucas-registry", "10.0.0.2", "UCAS");

	private static final Uploader PKU = new Uploader("pku-registry", "10.0.0.3", "PKU");

	@TempDir
	Path work;

	private JobsContext context;

	@AfterEach
	void close() throws Exception {
		if (this.context != null) {
			this.context.close();
		}
	}

	private JobsContext start(String name) throws Exception {
		return start(name, Map.of());
	}

	private JobsContext start(String name, Map<String, Object> extra) throws Exception {
		if (this.context != null) {
			this.context.close();
		}
		Path folder = Files.createDirectories(this.work.resolve(name));
		this.context = JobsContext.start(folder, extra);
		this.context.bean(ReferenceDataService.class).load(SAMPLES.resolve("reference"));
		return this.context;
	}

	private RosterUploads uploads() {
		return this.context.bean(RosterUploads.class);
	}

	private RosterUpload upload(String sample, String charset, Uploader uploader) throws IOException {
		try (InputStream in = Files.newInputStream(SAMPLES.resolve("inbox").resolve(sample))) {
			return uploads().accept(in, sample, charset, uploader);
		}
	}

	private Path outbox() {
		return this.work.resolve(current()).resolve("outbox");
	}

	private Path uploadsFolder() {
		return this.work.resolve(current()).resolve("uploads");
	}

	private String current() {
		try (Stream<Path> folders = Files.list(this.work)) {
			return folders.map((path) -> path.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> rosterEntries() {
		return this.context.sql().sql("""
				SELECT student_no || '|' || line_no || '|' || name || '|' || id_type || '|' || id_hash || '|'
				       || id_last4 || '|' || level || '|' || salaried || '|' || status || '|' || enrolled_on
				       || '|' || expected_graduation
				FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id
				ORDER BY student_no""").query(String.class).list();
	}

	private long count(String sql) {
		return this.context.sql().sql(sql).query(Long.class).single();
	}

	private List<Path> files(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return List.of();
		}
		try (Stream<Path> all = Files.walk(folder)) {
			return all.filter(Files::isRegularFile).toList();
		}
	}

	@Test
	void goodUploadImportsWhatTheCommandLineImportsAndTheSameBytesAgainAreANoop() throws Exception {
		Path sample = SAMPLES.resolve("inbox/roster_UCAS_20260825.csv");
		start("a-cli");
		JobRunner.RunResult cli = this.context.bean(JobRunner.class)
			.run(JobName.ROSTER_IMPORT, new RosterImportRequest(sample, "UCAS", java.time.LocalDate.of(2026, 8, 25),
					StandardCharsets.UTF_8, false)
				.toParameters());
		assertThat(cli.outcome()).isEqualTo(RunOutcome.COMPLETED);
		List<String> cliEntries = rosterEntries();
		byte[] cliRejects = Files.readAllBytes(outbox().resolve("20260825/roster_rejects_UCAS_20260825.csv"));

		start("b-portal");
		RosterUpload upload = upload("roster_UCAS_20260825.csv", null, UCAS);

		assertThat(upload.status()).isEqualTo("COMPLETED");
		assertThat(upload.file()).isEqualTo("roster_UCAS_20260825.csv");
		assertThat(upload.institution()).isEqualTo("UCAS");
		assertThat(upload.snapshotDate()).isEqualTo("2026-08-25");
		assertThat(upload.uploadedBy()).isEqualTo("ucas-registry");
		assertThat(upload.uploadedAt()).isNotNull();
		assertThat(
				List.of(upload.rows(), upload.accepted(), upload.rejected(), upload.eligibleBefore(), upload.dropped()))
			.containsExactly(400L, 394L, 6L, 0L, 0L);
		assertThat(upload.rejectsFile()).isEqualTo("roster_rejects_UCAS_20260825.csv");
		assertThat(rosterEntries()).hasSize(394).isEqualTo(cliEntries);
		assertThat(uploads().rejects(upload.id(), UCAS)).isEqualTo(cliRejects);
		assertThat(Files.readAllBytes(outbox().resolve("20260825/roster_rejects_UCAS_20260825.csv")))
			.isEqualTo(cliRejects);
		Map<String, Object> row = this.context.sql()
			.sql("SELECT stored_name, sha256, bytes, charset, source_address FROM roster_upload WHERE upload_id = ?")
			.params(upload.id())
			.query()
			.singleRow();
		assertThat(row).containsEntry("stored_name", upload.id() + "/roster_UCAS_20260825.csv")
			.containsEntry("sha256", io.cardops.domain.digest.Sha256.of(sample))
			.containsEntry("bytes", Files.size(sample))
			.containsEntry("charset", "UTF-8")
			.containsEntry("source_address", "10.0.0.2");
		// Applied, its bytes (identity numbers in clear) are not kept; its rejects copy
		// is.
		assertThat(uploadsFolder().resolve(upload.id() + "/roster_UCAS_20260825.csv")).doesNotExist();
		assertThat(uploadsFolder().resolve(Long.toString(upload.id()))).isNotEmptyDirectory();

		RosterUpload again = upload("roster_UCAS_20260825.csv", "UTF-8", UCAS);

		assertThat(again.status()).isEqualTo("NOOP");
		assertThat(again.id()).isGreaterThan(upload.id());
		assertThat(again.reason()).startsWith("the same content was already applied");
		assertThat(again.rejectsFile()).isNull();
		assertThat(rosterEntries()).isEqualTo(cliEntries);
		assertThat(uploads().list(UCAS, null)).extracting(RosterUpload::id).containsExactly(again.id(), upload.id());
		assertThat(uploads().list(OPS, "UCAS")).hasSize(2);
		assertThat(uploads().list(PKU, null)).isEmpty();
		assertThat(uploads().list(PKU, "UCAS")).isEmpty();
		assertThatExceptionOfType(RosterUploadException.NotFound.class)
			.isThrownBy(() -> uploads().get(upload.id(), PKU));
		assertThatExceptionOfType(RosterUploadException.NotFound.class)
			.isThrownBy(() -> uploads().rejects(upload.id(), PKU));
		assertThatExceptionOfType(RosterUploadException.NotFound.class)
			.isThrownBy(() -> uploads().rejects(again.id(), UCAS));
	}

	@Test
	void filesRefusedWholeCarryTheirReasonInWordsTheUniversityCanActOn() throws Exception {
		start("refused");

		RosterUpload misdeclared = upload("roster_PKU_20260825.csv", "UTF-8", PKU);
		RosterUpload declared = upload("roster_PKU_20260825.csv", "GB18030", PKU);
		RosterUpload tooManyBad = upload("roster_BJTU_20260825.csv", null, OPS);
		RosterUpload unknown;
		try (InputStream in = Files.newInputStream(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"))) {
			unknown = uploads().accept(in, "roster_NOSUCH_20260825.csv", null, OPS);
		}

		assertThat(misdeclared.status()).isEqualTo("REJECTED");
		assertThat(misdeclared.reason()).isEqualTo("line 2: bytes not valid in UTF-8 (declared charset): the whole"
				+ " file is rejected and nothing was imported; the file is not UTF-8 text: send it again declaring the"
				+ " charset it was saved in (UTF-8 or GB18030)");
		assertThat(declared.status()).isEqualTo("COMPLETED");
		assertThat(declared.accepted()).isEqualTo(297);
		assertThat(tooManyBad.status()).isEqualTo("REJECTED");
		assertThat(tooManyBad.reason()).isEqualTo("12 of 200 rows rejected, more than 2%: the whole file is rejected"
				+ " and nothing was imported; the rejects file gives each rejected row's line, field and reason:"
				+ " correct those rows and send the whole file again");
		assertThat(tooManyBad.rejectsFile()).isEqualTo("roster_rejects_BJTU_20260825.csv");
		assertThat(new String(uploads().rejects(tooManyBad.id(), OPS), StandardCharsets.UTF_8).lines()).hasSize(13);
		assertThat(unknown.status()).isEqualTo("REJECTED");
		assertThat(unknown.reason()).startsWith("unknown institution NOSUCH")
			.endsWith("check the institution code in the file name");
		assertThat(count("SELECT COUNT(*) FROM roster_current WHERE institution IN ('BJTU', 'NOSUCH')")).isZero();
		assertThat(count("SELECT COUNT(*) FROM roster_current WHERE institution = 'PKU'")).isOne();
		assertThat(uploads().list(OPS, null)).extracting(RosterUpload::reason)
			.filteredOn((reason) -> reason != null)
			.hasSize(3)
			.allSatisfy((reason) -> assertThat(reason).doesNotContainPattern("[0-9]{17}[0-9Xx]"));
	}

	@Test
	void namesCharsetsAndInstitutionsAreRefusedBeforeAnythingIsStored() throws Exception {
		start("names");
		byte[] bytes = Files.readAllBytes(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"));

		for (String name : new String[] { "../roster_UCAS_20260825.csv", "roster_UCAS_20260825.csv/../x",
				"roster_ucas_20260825.csv", "roster_UCAS_20261332.csv", "roster.csv", "", null }) {
			assertThatExceptionOfType(RosterUploadException.BadName.class)
				.isThrownBy(() -> uploads().accept(new ByteArrayInputStream(bytes), name, null, OPS));
		}
		assertThatExceptionOfType(RosterUploadException.BadCharset.class).isThrownBy(
				() -> uploads().accept(new ByteArrayInputStream(bytes), "roster_UCAS_20260825.csv", "latin1", OPS));
		assertThatExceptionOfType(RosterUploadException.ForeignInstitution.class)
			.isThrownBy(() -> uploads().accept(new ByteArrayInputStream(bytes), "roster_UCAS_20260825.csv", null, PKU));

		assertThat(count("SELECT COUNT(*) FROM roster_upload")).isZero();
		assertThat(count("SELECT COUNT(*) FROM roster_import")).isZero();
		assertThat(files(uploadsFolder())).isEmpty();
	}

	@Test
	void heldUploadIsAppliedWhenForcedAndRecordsWhoForcedIt() throws Exception {
		start("held");
		RosterUpload first = upload("roster_UCAS_20260825.csv", null, UCAS);

		RosterUpload held = upload("roster_UCAS_20260901.csv", null, UCAS);

		assertThat(held.status()).isEqualTo("HELD");
		// kept while it may be forced
		assertThat(uploadsFolder().resolve(held.id() + "/roster_UCAS_20260901.csv")).exists();
		assertThat(held.reason()).startsWith("the upload drops 60 of 355 currently eligible students, more than 10%:"
				+ " held, nothing was applied");
		assertThat(List.of(held.eligibleBefore(), held.dropped())).containsExactly(355L, 60L);
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"))
			.isEqualTo(394);
		assertThatExceptionOfType(RosterUploadException.NotForceable.class)
			.isThrownBy(() -> uploads().force(first.id(), OPS))
			.withMessageContaining("it is COMPLETED, not HELD");
		assertThatExceptionOfType(RosterUploadException.NotFound.class)
			.isThrownBy(() -> uploads().force(held.id(), PKU));

		RosterUpload forced = uploads().force(held.id(), OPS);

		assertThat(forced.id()).isEqualTo(held.id());
		assertThat(forced.status()).isEqualTo("COMPLETED");
		assertThat(forced.forcedBy()).isEqualTo("olga");
		assertThat(forced.forcedAt()).isNotNull();
		assertThat(forced.reason()).startsWith("forced: applied although it drops 60 of 355");
		assertThat(uploadsFolder().resolve(held.id() + "/roster_UCAS_20260901.csv")).doesNotExist();
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"))
			.isEqualTo(330);
		assertThat(count("SELECT COUNT(*) FROM roster_import WHERE forced")).isOne();
		assertThatExceptionOfType(RosterUploadException.NotForceable.class)
			.isThrownBy(() -> uploads().force(held.id(), OPS));
	}

	@Test
	void aDateFarAheadInTheNameDoesNotLetATruncatedRosterPastTheDropGuard() throws Exception {
		start("far-ahead");
		upload("roster_UCAS_20260825.csv", null, UCAS);
		byte[] truncated = Files.readAllBytes(SAMPLES.resolve("inbox/roster_UCAS_20260901.csv"));

		// Judged at 9999-12-30 nobody would be "currently eligible" (all have graduated
		// by
		// then), so nothing would count as dropped: a date that far ahead is refused.
		RosterUpload farAhead = uploads().accept(new java.io.ByteArrayInputStream(truncated),
				"roster_UCAS_99991230.csv", null, UCAS);

		assertThat(farAhead.status()).isEqualTo("REJECTED");
		assertThat(farAhead.reason())
			.startsWith("the date in the file name, 9999-12-30, is more than 31 days after today");
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"))
			.isEqualTo(394);
	}

	@Test
	void olderHeldUploadCannotBeForcedOverALaterRoster() throws Exception {
		start("later");
		upload("roster_UCAS_20260825.csv", null, UCAS);
		RosterUpload held = upload("roster_UCAS_20260901.csv", null, UCAS);
		RosterUpload later = upload("roster_UCAS_20260905.csv", null, UCAS);
		assertThat(later.status()).isEqualTo("COMPLETED");

		assertThat(held.forceable()).isTrue();
		assertThat(uploads().get(held.id(), OPS).forceable()).as("superseded by the later roster").isFalse();
		// Neither the applied nor the superseded upload's bytes are kept any more.
		assertThat(uploadsFolder().resolve(held.id() + "/roster_UCAS_20260901.csv")).doesNotExist();
		assertThat(uploadsFolder().resolve(later.id() + "/roster_UCAS_20260905.csv")).doesNotExist();
		assertThatExceptionOfType(RosterUploadException.NotForceable.class)
			.isThrownBy(() -> uploads().force(held.id(), OPS))
			.withMessageContaining("only the latest held upload");
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"))
			.isEqualTo(397);
	}

	@Test
	void heldUploadCannotBeForcedOnceTheUniversityResentTheRosterItHasOrAFileThatWasRefused() throws Exception {
		start("resent");
		upload("roster_UCAS_20260825.csv", null, UCAS);
		RosterUpload held = upload("roster_UCAS_20260901.csv", null, UCAS);
		assertThat(held.forceable()).isTrue();

		// What the held upload's page tells the university: upload the complete roster.
		RosterUpload resent = upload("roster_UCAS_20260825.csv", null, UCAS);

		assertThat(resent.status()).isEqualTo("NOOP");
		assertThat(uploads().get(held.id(), OPS).forceable()).as("superseded by the roster sent again").isFalse();
		assertThat(uploadsFolder().resolve(held.id() + "/roster_UCAS_20260901.csv")).doesNotExist();
		assertThatExceptionOfType(RosterUploadException.NotForceable.class)
			.isThrownBy(() -> uploads().force(held.id(), OPS))
			.withMessageContaining("only the latest held upload");

		RosterUpload heldAgain = upload("roster_UCAS_20260901.csv", null, UCAS);
		assertThat(heldAgain.status()).isEqualTo("HELD");
		RosterUpload refused = uploads().accept(
				new ByteArrayInputStream("not,a,roster\n".getBytes(StandardCharsets.UTF_8)), "roster_UCAS_20260902.csv",
				null, UCAS);

		assertThat(refused.status()).isEqualTo("REJECTED");
		assertThat(uploads().get(heldAgain.id(), OPS).forceable()).as("superseded by a later file, refused").isFalse();
		assertThatExceptionOfType(RosterUploadException.NotForceable.class)
			.isThrownBy(() -> uploads().force(heldAgain.id(), OPS));
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"))
			.isEqualTo(394);
	}

	@Test
	void uploadThatBreaksOffIsRecordedFailedAndLeavesNothing() throws Exception {
		start("broken");
		byte[] bytes = Files.readAllBytes(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"));
		InputStream breaking = new InputStream() {

			private int position;

			@Override
			public int read() throws IOException {
				if (this.position >= 5000) {
					throw new IOException("connection reset by peer");
				}
				return bytes[this.position++] & 0xff;
			}

		};

		RosterUpload failed = uploads().accept(breaking, "roster_UCAS_20260825.csv", null, UCAS);

		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.reason())
			.isEqualTo("the upload broke off before the whole file arrived: nothing was imported; send the file again");
		assertThat(failed.rows()).isNull();
		assertThat(count("SELECT COUNT(*) FROM roster_import")).isZero();
		assertThat(count("SELECT COUNT(*) FROM roster_entry")).isZero();
		assertThat(files(uploadsFolder())).isEmpty();
		assertThat(files(outbox())).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM run_lock WHERE holder_token IS NOT NULL")).isZero();

		RosterUpload again = uploads().accept(new ByteArrayInputStream(bytes), "roster_UCAS_20260825.csv", null, UCAS);

		assertThat(again.status()).isEqualTo("COMPLETED");
	}

	@Test
	void bodyOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
		start("large");
		long sixtyMegabytes = 60L * 1024 * 1024;
		InputStream large = new InputStream() {

			private long position;

			@Override
			public int read() {
				return (this.position++ < sixtyMegabytes) ? 'a' : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= sixtyMegabytes) {
					return -1;
				}
				int count = (int) Math.min(length, sixtyMegabytes - this.position);
				java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'a');
				this.position += count;
				return count;
			}

		};

		assertThatExceptionOfType(RosterUploadException.TooLarge.class)
			.isThrownBy(() -> uploads().accept(large, "roster_UCAS_20260825.csv", null, UCAS));

		assertThat(count("SELECT COUNT(*) FROM roster_upload")).isZero();
		assertThat(count("SELECT COUNT(*) FROM roster_import")).isZero();
		assertThat(files(uploadsFolder())).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM run_lock WHERE holder_token IS NOT NULL")).isZero();
	}

	@Test
	void secondUploadOfTheSameInstitutionWhileOneRunsIsRefused() throws Exception {
		start("busy");
		byte[] bytes = Files.readAllBytes(SAMPLES.resolve("inbox/roster_UCAS_20260825.csv"));
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		InputStream slow = new InputStream() {

			private final InputStream in = new ByteArrayInputStream(bytes);

			@Override
			public int read() throws IOException {
				reading.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return this.in.read();
			}

		};
		CompletableFuture<RosterUpload> first = CompletableFuture
			.supplyAsync(() -> uploads().accept(slow, "roster_UCAS_20260825.csv", null, UCAS));
		assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(RosterUploadException.ImportRunning.class).isThrownBy(
				() -> uploads().accept(new ByteArrayInputStream(bytes), "roster_UCAS_20260825.csv", null, UCAS));
		RosterUpload other = upload("roster_PKU_20260825.csv", "GB18030", PKU);
		release.countDown();

		assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo("COMPLETED");
		assertThat(other.status()).isEqualTo("COMPLETED");
		assertThat(uploads().list(OPS, null)).hasSize(2);
	}

	@Test
	void renewalListsAreTheFilesOpenRenewalPublished() throws Exception {
		start("renewal");
		upload("roster_UCAS_20260825.csv", null, UCAS);
		JobRunner.RunResult opened = this.context.bean(JobRunner.class)
			.run(JobName.OPEN_RENEWAL, Map.of("date", "2026-08-01"));
		assertThat(opened.outcome()).isEqualTo(RunOutcome.COMPLETED);
		PublishedRenewalLists lists = this.context.bean(PublishedRenewalLists.class);

		List<PublishedRenewalLists.RenewalList> ucas = lists.of("UCAS");

		assertThat(ucas).singleElement().satisfies((list) -> {
			assertThat(list.year()).isEqualTo(2026);
			assertThat(list.file()).isEqualTo("renewal_eligibility_20260801_UCAS.csv");
			assertThat(list.publishedAt()).isNotNull();
		});
		assertThat(lists.bytes(ucas.get(0)))
			.isEqualTo(Files.readAllBytes(outbox().resolve("20260801/renewal_eligibility_20260801_UCAS.csv")));
		assertThat(lists.of("UCAS", 2026)).isPresent();
		assertThat(lists.of("UCAS", 2025)).isEmpty();
		assertThat(lists.of("NOSUCH")).isEmpty();
		assertThat(lists.ofEvery()).extracting(PublishedRenewalLists.RenewalList::institution)
			.containsExactly("BJTU", "PKU", "UCAS");
	}

}
