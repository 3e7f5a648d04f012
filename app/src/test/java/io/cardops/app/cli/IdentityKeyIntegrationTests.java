package io.cardops.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.jobs.JobName;
import io.cardops.jobs.identity.IdentityKeys;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.IdentityHasher;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The identity-number key (issue 20, finding 6): recorded with the first hashes, checked
 * by every command, shown and rotated by {@code cardops id-key}.
 */
class IdentityKeyIntegrationTests extends CliTestSupport {

	private static final String NEW_KEY = "the-new-key-from-the-vault-2026";

	private static final String WHO = who();

	@Test
	void theFirstRosterImportRecordsItsKeyAndReadOnlyCommandsRecordNothing() {
		// given: a new database opened by commands that hash nothing, under another key
		loadReferenceWith(NEW_KEY);
		assertThat(cardopsWith(key(NEW_KEY), "runs").code()).isZero();
		assertThat(count("SELECT COUNT(*) FROM id_key")).isZero();

		// when: the first roster import, under the key of the test
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();

		// then: its key is recorded, as generation 1, and its import stamped with it
		assertThat(this.database.sql()
			.sql("SELECT generation, check_value, recorded_by, recorded_with, retired_at FROM id_key")
			.query()
			.singleRow()).containsEntry("generation", 1)
			.containsEntry("check_value", new IdentityHasher(ID_KEY).checkValue())
			.containsEntry("recorded_by", WHO)
			.containsEntry("recorded_with", "roster import of roster_UCAS_20260825.csv (import 1)")
			.containsEntry("retired_at", null);
		assertThat(this.database.sql().sql("SELECT key_generation FROM roster_import").query(Integer.class).list())
			.containsExactly(1);
		assertThat(cardopsWith(key(NEW_KEY), "runs").code()).as("the other key is refused from now on").isEqualTo(2);
	}

	@Test
	void aDatabaseStartedWithTheDevelopmentKeyRefusesARealKeyAndSaysSo() {
		assumeThat(this.database.isPostgres()).as("PostgreSQL never runs with the development key").isFalse();
		// given: the embedded database, a roster imported without CARDOPS_ID_KEY
		assertThat(cardopsWith(Map.of(), "reference", "load", "--dir", SAMPLES.resolve("reference").toString()).code())
			.isZero();
		assertThat(
				cardopsWith(Map.of(), "run", "roster-import", "--file", sample("roster_UCAS_20260825.csv").toString())
					.code())
			.isZero();

		// when: it is opened with a real key
		CliResult result = cardops("runs");

		// then
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).isEqualTo("cardops: CARDOPS_ID_KEY does not match the key this database's identity"
				+ " hashes were made with (check value recorded " + recordedAt(1) + " by " + WHO
				+ ": the development key); CARDOPS_ID_KEY's fingerprint is " + fingerprint(ID_KEY)
				+ "; unset CARDOPS_ID_KEY to use this database with the development key, or move it to your key with"
				+ " `cardops id-key rotate` (CARDOPS_ID_KEY unset, CARDOPS_NEW_ID_KEY your key)\n");
		assertThat(cardopsWith(Map.of(), "runs").code()).as("the development key still opens it").isZero();
	}

	@Test
	void aDatabaseWithARealKeyRefusesTheDevelopmentKeyAndSaysSo() {
		assumeThat(this.database.isPostgres()).as("PostgreSQL never runs with the development key").isFalse();
		// given
		loadReference();
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();

		// when: CARDOPS_ID_KEY is forgotten
		CliResult result = cardopsWith(Map.of(), "runs");

		// then
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("warning: CARDOPS_ID_KEY is not set; identity numbers are hashed with the"
				+ " development key (allowed only for the embedded database)\n"
				+ "cardops: CARDOPS_ID_KEY does not match the key this database's identity hashes were made with"
				+ " (check value recorded " + recordedAt(1) + " by " + WHO + ", fingerprint " + fingerprint(ID_KEY)
				+ "); CARDOPS_ID_KEY is not set, so this command used the development key; set CARDOPS_ID_KEY to the"
				+ " database's key\n");
	}

	@Test
	void statusShowsFingerprintsOnlyAndWhetherTheKeyMatches() {
		// given
		loadReference();
		CliResult before = cardops("id-key", "status");
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();

		// when
		CliResult status = cardops("id-key", "status");
		CliResult other = cardopsWith(key(NEW_KEY), "id-key", "status");

		// then
		assertThat(before.code()).isZero();
		assertThat(before.out()).isEqualTo("no identity-number key recorded yet: the first roster import records the"
				+ " key it is given; CARDOPS_ID_KEY (fingerprint " + fingerprint(ID_KEY) + ")\n");
		String key1 = "key 1  fingerprint " + fingerprint(ID_KEY) + "  recorded " + recordedAt(1) + " by " + WHO
				+ " (roster import of roster_UCAS_20260825.csv (import 1))  current\n";
		assertThat(status.code()).isZero();
		assertThat(status.out()).isEqualTo(key1 + "CARDOPS_ID_KEY (fingerprint " + fingerprint(ID_KEY)
				+ ") matches key 1, the current key\nroster snapshots: UCAS 2026-08-25 key 1\n");
		assertThat(other.code()).as("status shows a refused key instead of refusing it").isZero();
		assertThat(other.out()).isEqualTo(key1 + "CARDOPS_ID_KEY (fingerprint " + fingerprint(NEW_KEY)
				+ ") matches no key of this database: commands are refused\nroster snapshots: UCAS 2026-08-25 key 1\n");
		assertThat(recordedAt(1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\+08:00");
		for (CliResult result : List.of(before, status, other)) {
			assertThat(result.out() + result.err()).doesNotContain(new IdentityHasher(ID_KEY).checkValue())
				.doesNotContain(ID_KEY)
				.doesNotContain(NEW_KEY);
		}
	}

	@Test
	void rotationRecordsTheNewKeyKeepsTheHistoryAndTheNextUploadIsHashedUnderIt() throws IOException {
		// given: two institutions' snapshots under the first key
		loadReference();
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();
		assertThat(importRoster("roster_BJTU_20260826.csv").code()).isZero();
		String ucasHashes = hashes("UCAS");

		// when
		CliResult rotation = cardopsWith(Map.of("CARDOPS_ID_KEY", ID_KEY, "CARDOPS_NEW_ID_KEY", NEW_KEY), "id-key",
				"rotate");

		// then: the history, what becomes of the hashes, and what to do
		assertThat(rotation.code()).as(rotation.err()).isZero();
		assertThat(rotation.err()).isEmpty();
		assertThat(rotation.out()).isEqualTo("key 1  fingerprint " + fingerprint(ID_KEY) + "  recorded " + recordedAt(1)
				+ " by " + WHO + " (roster import of roster_UCAS_20260825.csv (import 1))  retired "
				+ IdentityKeys.time(retiredAt(1)) + " by " + WHO + "\n" + "key 2  fingerprint " + fingerprint(NEW_KEY)
				+ "  recorded " + recordedAt(2) + " by " + WHO + " (cardops id-key rotate)  current\n"
				+ "rotated: key 2 (fingerprint " + fingerprint(NEW_KEY) + ") is the current key\n"
				+ "nothing is hashed again (identity numbers are not kept): each current roster snapshot keeps the"
				+ " hashes of the key it was imported under until its institution's next upload, which is hashed under"
				+ " key 2 (the same file sent again is imported again, not a no-op); roster snapshots: BJTU 2026-08-26"
				+ " key 1 (an earlier key), UCAS 2026-08-25 key 1 (an earlier key)\n"
				+ "no hashes of two keys are compared: students are matched by institution and student number, and a"
				+ " duplicate identity number is found within one upload, before hashing\n"
				+ "set CARDOPS_ID_KEY to the new key for every command and node, and restart the nodes: a process with"
				+ " the old key is refused, and a node started before now fails its roster imports until it is"
				+ " restarted\n");
		assertThat(rotation.out()).doesNotContain(new IdentityHasher(NEW_KEY).checkValue()).doesNotContain(NEW_KEY);
		assertThat(this.database.sql()
			.sql("SELECT generation || ' ' || check_value || ' ' || recorded_by || ' '"
					+ " || COALESCE(retired_by, 'current') FROM id_key ORDER BY generation")
			.query(String.class)
			.list()).containsExactly("1 " + new IdentityHasher(ID_KEY).checkValue() + " " + WHO + " " + WHO,
					"2 " + new IdentityHasher(NEW_KEY).checkValue() + " " + WHO + " current");
		assertThat(hashes("UCAS")).as("nothing is rehashed").isEqualTo(ucasHashes);

		// and: the old key is refused, naming the rotation
		CliResult old = cardops("runs");
		assertThat(old.code()).isEqualTo(2);
		assertThat(old.err()).isEqualTo("cardops: CARDOPS_ID_KEY does not match the key this database's identity"
				+ " hashes were made with (check value recorded " + recordedAt(2) + " by " + WHO + ", fingerprint "
				+ fingerprint(NEW_KEY) + "); CARDOPS_ID_KEY is key 1, which a rotation replaced on "
				+ IdentityKeys.time(retiredAt(1)) + " (by " + WHO
				+ "); set CARDOPS_ID_KEY to the current key and start again\n");

		// and: the same UCAS file sent again under the new key is imported again, once
		CliResult again = cardopsWith(key(NEW_KEY), "run", "roster-import", "--file",
				sample("roster_UCAS_20260825.csv").toString());
		assertThat(again.summary()).startsWith("job=roster-import date=2026-08-25 status=COMPLETED institution=UCAS"
				+ " rows=400 accepted=394 rejected=6 eligible_before=355 dropped=0 ");
		assertThat(hashes("UCAS")).isNotEqualTo(ucasHashes);
		CSVRecord first = firstRow("roster_UCAS_20260825.csv");
		assertThat(this.database.sql()
			.sql("SELECT e.id_hash FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"
					+ " WHERE c.institution = 'UCAS' AND e.student_no = ?")
			.params(first.get(0))
			.query(String.class)
			.single()).isEqualTo(new IdentityHasher(NEW_KEY).hash("RESIDENT_ID", first.get("id_no").toUpperCase()));
		CliResult thirdTime = cardopsWith(key(NEW_KEY), "run", "roster-import", "--file",
				sample("roster_UCAS_20260825.csv").toString());
		assertThat(thirdTime.summary()).contains("status=NOOP");
		assertThat(this.database.sql()
			.sql("SELECT institution || ' ' || status || ' ' || COALESCE(CAST(key_generation AS VARCHAR(4)), 'none')"
					+ " FROM roster_import ORDER BY import_id")
			.query(String.class)
			.list()).containsExactly("UCAS COMPLETED 1", "BJTU COMPLETED 1", "UCAS COMPLETED 2", "UCAS NOOP none");
	}

	@Test
	void aRotationIsRefusedWhenItCannotBeMadeAsAsked() {
		// given: no key recorded yet
		loadReference();
		assertThat(rotate(ID_KEY, NEW_KEY).err()).isEqualTo("cardops: no identity-number key is recorded in this"
				+ " database yet (no roster has been imported): there is nothing to rotate; the first roster import"
				+ " records the key in CARDOPS_ID_KEY\n");
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();

		// then: each wrong request is wrong usage, and changes nothing
		assertThat(rotate(ID_KEY, null).err()).isEqualTo("cardops: CARDOPS_NEW_ID_KEY is not set: `cardops id-key"
				+ " rotate` takes the new key from it, and the current key from CARDOPS_ID_KEY\n");
		assertThat(rotate(ID_KEY, "short-key").err()).isEqualTo("cardops: CARDOPS_NEW_ID_KEY is shorter than 16"
				+ " characters: anyone who reads the database could test guesses of a short key; use a long random"
				+ " secret\n");
		assertThat(rotate("not-the-current-key", NEW_KEY).err()).startsWith("cardops: CARDOPS_ID_KEY does not match"
				+ " the key this database's identity hashes were made with (check value recorded " + recordedAt(1)
				+ " by " + WHO + ", fingerprint " + fingerprint(ID_KEY) + "); CARDOPS_ID_KEY's fingerprint is "
				+ fingerprint("not-the-current-key") + "; set the same key, or rotate it with `cardops id-key rotate`");
		assertThat(rotate(ID_KEY, ID_KEY).err()).isEqualTo("cardops: CARDOPS_NEW_ID_KEY is the current key"
				+ " (CARDOPS_ID_KEY): there is nothing to rotate; set it to the new key\n");
		assertThat(rotate(ID_KEY, IdentityHasher.DEVELOPMENT_KEY).err()).isEqualTo("cardops: CARDOPS_NEW_ID_KEY is"
				+ " the development key, which anybody can read in the source: set it to a secret of your own\n");
		assertThat(count("SELECT COUNT(*) FROM id_key")).isEqualTo(1);

		// and: a key rotated away does not come back
		assertThat(rotate(ID_KEY, NEW_KEY).code()).isZero();
		assertThat(rotate(NEW_KEY, ID_KEY).err()).isEqualTo("cardops: CARDOPS_NEW_ID_KEY is key 1, which a rotation"
				+ " replaced on " + IdentityKeys.time(retiredAt(1)) + ": a key rotated away does not come back; set it"
				+ " to a new key\n");
		assertThat(count("SELECT COUNT(*) FROM id_key")).isEqualTo(2);
	}

	@Test
	void rotationsMadeAndRefusedAreWrittenToTheAuditLogWhenTheDatabaseHasOne() {
		// given: a key, and the audit log's table (V25 of the audit work, as it is made)
		loadReference();
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();
		this.database.sql()
			.sql("CREATE TABLE IF NOT EXISTS audit_event (event_id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
					+ " occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, account VARCHAR(128) NOT NULL,"
					+ " source_address VARCHAR(64) NOT NULL, action VARCHAR(64) NOT NULL, object VARCHAR(255) NOT NULL,"
					+ " outcome VARCHAR(32) NOT NULL, detail VARCHAR(2000))")
			.update();

		// when: a rotation with the wrong current key, then one as it should be
		assertThat(rotate("not-the-current-key", NEW_KEY).code()).isEqualTo(2);
		assertThat(rotate(ID_KEY, NEW_KEY).code()).isZero();

		// then
		List<String> events = this.database.sql()
			.sql("SELECT account || ' ' || source_address || ' ' || action || ' ' || object || ' ' || outcome || ' '"
					+ " || detail FROM audit_event ORDER BY event_id")
			.query(String.class)
			.list();
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).startsWith(WHO + " cli id-key.rotate id_key FAILED CARDOPS_ID_KEY does not match the"
				+ " key this database's identity hashes were made with (check value recorded ");
		assertThat(events.get(1)).isEqualTo(WHO + " cli id-key.rotate id_key OK key 1 (fingerprint "
				+ fingerprint(ID_KEY) + ") -> key 2 (fingerprint " + fingerprint(NEW_KEY) + ")");
		assertThat(String.join("\n", events)).doesNotContain(ID_KEY)
			.doesNotContain(NEW_KEY)
			.doesNotContain(new IdentityHasher(ID_KEY).checkValue());
	}

	@Test
	void aProcessStartedBeforeARotationCannotStoreHashesUnderTheOldKey() throws Exception {
		// given: a node's context opened with the first key, before the rotation
		loadReference();
		assertThat(importRoster("roster_UCAS_20260825.csv").code()).isZero();
		try (ConfigurableApplicationContext node = session(ID_KEY).open()) {
			assertThat(rotate(ID_KEY, NEW_KEY).code()).isZero();

			// when: that node imports the next roster
			Path file = sample("roster_BJTU_20260826.csv");
			JobRunner.RunResult result = node.getBean(JobRunner.class)
				.run(JobName.ROSTER_IMPORT,
						new RosterImportRequest(file, "BJTU", LocalDate.of(2026, 8, 26), StandardCharsets.UTF_8, false)
							.toParameters());

			// then: it fails, naming the rotation, and stores nothing
			assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
			assertThat(result.message()).isEqualTo("CARDOPS_ID_KEY does not match the key this database's identity"
					+ " hashes were made with (check value recorded " + recordedAt(2) + " by " + WHO + ", fingerprint "
					+ fingerprint(NEW_KEY) + "); CARDOPS_ID_KEY is key 1, which a rotation replaced on "
					+ IdentityKeys.time(retiredAt(1)) + " (by " + WHO
					+ "); set CARDOPS_ID_KEY to the current key and start again");
		}
		assertThat(count("SELECT COUNT(*) FROM roster_entry e JOIN roster_import i ON i.import_id = e.import_id"
				+ " WHERE i.institution = 'BJTU'"))
			.isZero();
		assertThat(count("SELECT COUNT(*) FROM roster_current WHERE institution = 'BJTU'")).isZero();

		// and: the same run restarted with the new key completes, under key 2
		CliResult restarted = cardopsWith(key(NEW_KEY), "run", "roster-import", "--file",
				sample("roster_BJTU_20260826.csv").toString());
		assertThat(restarted.summary()).startsWith("job=roster-import date=2026-08-26 status=COMPLETED");
		assertThat(executionStatuses("rosterImportJob")).containsExactly("COMPLETED", "FAILED", "COMPLETED");
		assertThat(this.database.sql()
			.sql("SELECT key_generation FROM roster_import WHERE institution = 'BJTU'")
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	private CliResult rotate(String current, String next) {
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", current);
		if (next != null) {
			environment.put("CARDOPS_NEW_ID_KEY", next);
		}
		CliResult result = cardopsWith(environment, "id-key", "rotate");
		if (result.code() != 0) {
			assertThat(result.code()).as(result.err()).isEqualTo(2);
			assertThat(result.out()).isEmpty();
		}
		return result;
	}

	private CliResult importRoster(String name) {
		return cardops("run", "roster-import", "--file", sample(name).toString());
	}

	private void loadReferenceWith(String key) {
		assertThat(cardopsWith(key(key), "reference", "load", "--dir", SAMPLES.resolve("reference").toString()).code())
			.isZero();
	}

	private Session session(String key) {
		Map<String, String> environment = key(key);
		String[] args = { "--db", this.database.url(), "--outbox", outbox().toString(), "--inbox",
				this.work.resolve("inbox").toString() };
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Session(GlobalOptions.extract(args, environment), out, out, environment);
	}

	private CSVRecord firstRow(String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(sample(name), StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.iterator()
				.next();
		}
	}

	private String hashes(String institution) {
		return String.join(",",
				this.database.sql()
					.sql("SELECT e.id_hash FROM roster_entry e JOIN roster_current c ON c.import_id = e.import_id"
							+ " WHERE c.institution = ? ORDER BY e.student_no")
					.params(institution)
					.query(String.class)
					.list());
	}

	private String recordedAt(int generation) {
		return IdentityKeys.time(this.database.sql()
			.sql("SELECT recorded_at FROM id_key WHERE generation = ?")
			.params(generation)
			.query(OffsetDateTime.class)
			.single());
	}

	private OffsetDateTime retiredAt(int generation) {
		return this.database.sql()
			.sql("SELECT retired_at FROM id_key WHERE generation = ?")
			.params(generation)
			.query(OffsetDateTime.class)
			.single();
	}

	private long count(String sql) {
		return this.database.sql().sql(sql).query(Long.class).single();
	}

	private static Map<String, String> key(String key) {
		Map<String, String> environment = new HashMap<>();
		environment.put("CARDOPS_ID_KEY", key);
		return environment;
	}

	private static String fingerprint(String key) {
		return new IdentityHasher(key).checkValue().substring(0, 8);
	}

	private static String who() {
		try {
			return System.getProperty("user.name") + "@" + InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			return System.getProperty("user.name") + "@unknown-host";
		}
	}

}
