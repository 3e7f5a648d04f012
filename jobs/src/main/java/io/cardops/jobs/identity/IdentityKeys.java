package io.cardops.jobs.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.support.IdentityHasher;

/**
 * The database's identity-number key ({@code id_key}, V27): which key its identity hashes
 * were made with, checked by every command, recorded with the first hashes, and rotated
 * on request.
 *
 * <p>
 * The key is recorded by the first roster import that stores hashes, in the same
 * transaction, rather than by the first command that opens the database: the recorded
 * check value is then by construction the key of the hashes, and a read-only command run
 * with a placeholder key on a new database binds nothing. Once recorded, every command
 * that opens the database refuses another key ({@link #verify}), and every roster import
 * checks it again where it stores hashes ({@link #keyForNewHashes}), so that a process
 * started before a rotation cannot add hashes under the retired key.
 */
@Service
public class IdentityKeys {

	private static final String DEVELOPMENT_CHECK_VALUE = new IdentityHasher(IdentityHasher.DEVELOPMENT_KEY)
		.checkValue();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private static final String COLUMNS = "generation, check_value, recorded_at, recorded_by, recorded_with,"
			+ " retired_at, retired_by";

	private final JdbcClient jdbc;

	private final IdentityHasher hasher;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Actor actor = Actor.commandLine();

	private final String who = cut(this.actor.account(), 128);

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param hasher this process's hasher (its key is {@code CARDOPS_ID_KEY})
	 * @param clock the clock
	 * @param transactionManager for the rotation's one transaction
	 * @param audit the audit log, where every rotation, made or refused, is written
	 */
	public IdentityKeys(JdbcClient jdbc, IdentityHasher hasher, Clock clock,
			PlatformTransactionManager transactionManager, AuditLog audit) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.audit = audit;
	}

	/**
	 * The start-up check of every command that opens the database: once a key is
	 * recorded, this process's key must be that one.
	 * @throws KeyMismatchException when the database's hashes were made with another key
	 */
	public void verify() {
		verify(this.jdbc, this.hasher);
	}

	/**
	 * The start-up check with nothing but the database and the hasher, for an application
	 * that opens no more than that (a command that runs no job).
	 * @param jdbc the database (its schema migrated)
	 * @param hasher this process's hasher
	 * @throws KeyMismatchException when the database's hashes were made with another key
	 */
	public static void verify(JdbcClient jdbc, IdentityHasher hasher) {
		List<KeyGeneration> keys = keys(jdbc);
		Optional<KeyGeneration> current = current(keys);
		if (current.isPresent() && !current.get().checkValue().equals(hasher.checkValue())) {
			throw new KeyMismatchException(refusal(keys, current.get(), hasher));
		}
	}

	/**
	 * The key generation that new identity hashes are made under, called in the
	 * transaction that stores them: records this process's key when it is the first, and
	 * otherwise checks it against the current key, whose row stays locked until the
	 * transaction ends so that a rotation waits for the hashes (or they for it).
	 * @param recordedWith what stores the hashes, recorded with a first key
	 * @return the generation to stamp the hashes with
	 * @throws KeyMismatchException when this process's key is not the current one (a
	 * rotation since this process started)
	 */
	public int keyForNewHashes(String recordedWith) {
		Optional<KeyGeneration> current = lockCurrent();
		List<KeyGeneration> keys = keys();
		if (current.isEmpty()) {
			// No key yet; or a rotation committed while this statement waited for the
			// row it retired, which the lock then skips: read again.
			current = current(keys);
		}
		if (current.isEmpty()) {
			return recordFirst(recordedWith);
		}
		if (!matches(current.get())) {
			throw new KeyMismatchException(refusal(keys, current.get(), this.hasher));
		}
		return current.get().generation();
	}

	/**
	 * Replaces the current key with a new one: the current key must be this process's
	 * ({@code CARDOPS_ID_KEY}), the new one never used before. Nothing is rehashed
	 * (identity numbers are not kept): hashes stored so far keep their generation.
	 * @param next a hasher keyed with the new key ({@code CARDOPS_NEW_ID_KEY})
	 * @return the new current key
	 * @throws KeyMismatchException when no key is recorded, {@code CARDOPS_ID_KEY} is not
	 * the current key, or the new key is the development key or was used before
	 */
	public KeyGeneration rotate(IdentityHasher next) {
		try {
			return rotateInTransaction(next);
		}
		catch (KeyMismatchException ex) {
			// A refused rotation is audited too: who tried, with which fingerprints.
			audit("FAILED", ex.getMessage());
			throw ex;
		}
	}

	private KeyGeneration rotateInTransaction(IdentityHasher next) {
		return this.transactions.execute((status) -> {
			Optional<KeyGeneration> locked = lockCurrent();
			List<KeyGeneration> keys = keys();
			KeyGeneration current = locked.or(() -> current(keys))
				.orElseThrow(() -> new KeyMismatchException("no identity-number key is recorded in this database yet"
						+ " (no roster has been imported): there is nothing to rotate; the first roster import records"
						+ " the key in CARDOPS_ID_KEY"));
			if (!matches(current)) {
				throw new KeyMismatchException(refusal(keys, current, this.hasher));
			}
			if (next.developmentKey()) {
				throw new KeyMismatchException("CARDOPS_NEW_ID_KEY is the development key, which anybody can read in"
						+ " the source: set it to a secret of your own");
			}
			String check = next.checkValue();
			Optional<KeyGeneration> used = keys.stream().filter((key) -> key.checkValue().equals(check)).findFirst();
			if (used.isPresent()) {
				KeyGeneration key = used.get();
				throw new KeyMismatchException(key.current()
						? "CARDOPS_NEW_ID_KEY is the current key (CARDOPS_ID_KEY): there is nothing to rotate; set it"
								+ " to the new key"
						: "CARDOPS_NEW_ID_KEY is key " + key.generation() + ", which a rotation replaced on "
								+ time(key.retiredAt()) + ": a key rotated away does not come back; set it to a new"
								+ " key");
			}
			OffsetDateTime now = OffsetDateTime.now(this.clock);
			int retired = this.jdbc
				.sql("UPDATE id_key SET retired_at = ?, retired_by = ? WHERE generation = ? AND retired_at IS NULL")
				.params(now, this.who, current.generation())
				.update();
			if (retired != 1) {
				throw new IllegalStateException("the identity-number key changed while it was being rotated;"
						+ " look at `cardops id-key status` before rotating again");
			}
			KeyGeneration rotated = new KeyGeneration(current.generation() + 1, check, now, this.who,
					"cardops id-key rotate", null, null);
			insert(rotated);
			audit("OK", "key " + current.generation() + " (fingerprint " + current.fingerprint() + ") -> key "
					+ rotated.generation() + " (fingerprint " + rotated.fingerprint() + ")");
			return rotated;
		});
	}

	/**
	 * The current key's generation.
	 * @return the generation, or 0 when no key is recorded yet
	 */
	public int currentGeneration() {
		return current(keys()).map(KeyGeneration::generation).orElse(0);
	}

	/**
	 * Every key recorded, oldest first.
	 * @return the keys
	 */
	public List<KeyGeneration> keys() {
		return keys(this.jdbc);
	}

	private static List<KeyGeneration> keys(JdbcClient jdbc) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM id_key ORDER BY generation")
			.query(IdentityKeys::generation)
			.list();
	}

	/**
	 * The key generation that made the hashes of each institution's current roster
	 * snapshot.
	 * @return one row per institution, by code
	 */
	public List<SnapshotKey> snapshots() {
		return this.jdbc.sql("""
				SELECT c.institution, c.file_date, i.key_generation
				FROM roster_current c JOIN roster_import i ON i.import_id = c.import_id
				ORDER BY c.institution""")
			.query((rs, row) -> new SnapshotKey(rs.getString(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, Integer.class)))
			.list();
	}

	/**
	 * Whether a recorded key is this process's key.
	 * @param key the recorded key
	 * @return true when the check values are equal
	 */
	public boolean matches(KeyGeneration key) {
		return key.checkValue().equals(this.hasher.checkValue());
	}

	/**
	 * The fingerprint of this process's key.
	 * @return the first digits of its check value
	 */
	public String fingerprint() {
		return KeyGeneration.fingerprint(this.hasher.checkValue());
	}

	/**
	 * Whether this process hashes with the development key ({@code CARDOPS_ID_KEY} not
	 * set on the embedded database).
	 * @return true for the development key
	 */
	public boolean developmentKey() {
		return this.hasher.developmentKey();
	}

	/**
	 * Whether a recorded key is the development key.
	 * @param key the recorded key
	 * @return true for the development key
	 */
	public static boolean isDevelopmentKey(KeyGeneration key) {
		return key.checkValue().equals(DEVELOPMENT_CHECK_VALUE);
	}

	/**
	 * An instant as messages show it: Asia/Shanghai, with its offset.
	 * @param instant the instant
	 * @return the text
	 */
	public static String time(OffsetDateTime instant) {
		return instant.atZoneSameInstant(AcademicCalendar.ZONE).format(TIME);
	}

	private Optional<KeyGeneration> lockCurrent() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM id_key WHERE retired_at IS NULL FOR UPDATE")
			.query(IdentityKeys::generation)
			.optional();
	}

	private int recordFirst(String recordedWith) {
		try {
			insert(new KeyGeneration(1, this.hasher.checkValue(), OffsetDateTime.now(this.clock), this.who,
					cut(recordedWith, 300), null, null));
			return 1;
		}
		catch (DuplicateKeyException ex) {
			// Two first imports at the same moment; this one's transaction cannot go on.
			// The cause stays out: its text is the database's.
			throw new IllegalStateException(
					"another process recorded the identity-number key at the same moment;" + " run this import again");
		}
	}

	/**
	 * Writes a rotation, made or refused, to the audit log; the rows of {@code id_key}
	 * are the key's own history either way.
	 */
	private void audit(String outcome, String detail) {
		this.audit.record(this.actor, "id-key.rotate", "id_key", outcome, detail);
	}

	private void insert(KeyGeneration key) {
		this.jdbc
			.sql("INSERT INTO id_key (generation, check_value, recorded_at, recorded_by, recorded_with)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(key.generation(), key.checkValue(), key.recordedAt(), key.recordedBy(), key.recordedWith())
			.update();
	}

	private static Optional<KeyGeneration> current(List<KeyGeneration> keys) {
		return keys.stream().filter(KeyGeneration::current).findFirst();
	}

	/**
	 * Why this process's key is refused, naming {@code CARDOPS_ID_KEY}, when and by whom
	 * the database's key was recorded, and what to do; fingerprints only.
	 */
	private static String refusal(List<KeyGeneration> keys, KeyGeneration current, IdentityHasher hasher) {
		String check = hasher.checkValue();
		boolean developmentDatabase = isDevelopmentKey(current);
		StringBuilder text = new StringBuilder(
				"CARDOPS_ID_KEY does not match the key this database's identity hashes were made with (check value"
						+ " recorded ")
			.append(time(current.recordedAt()))
			.append(" by ")
			.append(current.recordedBy())
			.append(developmentDatabase ? ": the development key)" : ", fingerprint " + current.fingerprint() + ")");
		Optional<KeyGeneration> retired = keys.stream().filter((key) -> key.checkValue().equals(check)).findFirst();
		if (hasher.developmentKey()) {
			text.append("; CARDOPS_ID_KEY is not set, so this command used the development key");
		}
		else if (retired.isPresent()) {
			text.append("; CARDOPS_ID_KEY is key ")
				.append(retired.get().generation())
				.append(", which a rotation replaced on ")
				.append(time(retired.get().retiredAt()))
				.append(" (by ")
				.append(retired.get().retiredBy())
				.append(')');
		}
		else {
			text.append("; CARDOPS_ID_KEY's fingerprint is ").append(KeyGeneration.fingerprint(check));
		}
		if (developmentDatabase) {
			text.append("; unset CARDOPS_ID_KEY to use this database with the development key, or move it to your"
					+ " key with `cardops id-key rotate` (CARDOPS_ID_KEY unset, CARDOPS_NEW_ID_KEY your key)");
		}
		else if (retired.isPresent()) {
			text.append("; set CARDOPS_ID_KEY to the current key and start again");
		}
		else if (hasher.developmentKey()) {
			text.append("; set CARDOPS_ID_KEY to the database's key");
		}
		else {
			text.append("; set the same key, or rotate it with `cardops id-key rotate`");
		}
		return text.toString();
	}

	private static KeyGeneration generation(ResultSet rs, int row) throws SQLException {
		return new KeyGeneration(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
				rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7));
	}

	private static String cut(String text, int length) {
		return VisibleText.cut(text, length);
	}

	/**
	 * The key generation of an institution's current roster snapshot.
	 *
	 * @param institution the institution
	 * @param fileDate the snapshot's date
	 * @param generation the key generation its hashes were made under, or null for an
	 * import made before keys were recorded
	 */
	public record SnapshotKey(String institution, LocalDate fileDate, Integer generation) {
	}

}
