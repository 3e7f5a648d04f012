package io.cardops.jobs.support;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.cardops.domain.calendar.AcademicCalendar;

/**
 * The {@code run_lock} table: what runs of different dates share, held by one run at a
 * time across processes and nodes.
 *
 * <p>
 * A run takes a resource by writing itself in as its holder (job, date, host, pid, start,
 * heartbeat) in one short statement of its own, beats the heartbeat while it works and
 * frees the resource when it ends, failed or not. A holder whose process died (gone from
 * this host's process table, or silent for longer than {@link JobRunRepository}'s
 * heartbeat timeout on another host: the rule {@code cardops runs} uses for DIED) is
 * taken over. A thread that holds a resource takes it again for free, so the nightly
 * chain holds the card ledger from its first step to its last and its jobs run inside.
 */
@Repository
public class RunLocks {

	/**
	 * The cards and their carried-over balances and sequences ({@code card},
	 * {@code card_ledger}, the judging's stage): written by card-events, reconcile and
	 * expire-cards, and read by the reconciliation of every later date.
	 */
	public static final String CARD_LEDGER = "card-ledger";

	private static final long HEARTBEAT_SECONDS = 15;

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JdbcClient jdbc;

	private final JobRunRepository owners;

	private final Clock clock;

	/** The resources each thread holds, so that a holder can take one again. */
	private final ThreadLocal<Set<String>> heldHere = ThreadLocal.withInitial(HashSet::new);

	private final ScheduledExecutorService heartbeats = Daemons.timer("cardops-run-lock-heartbeat");

	/**
	 * Creates the locks.
	 * @param jdbc the database (each statement commits on its own)
	 * @param owners tells whether a holder's process is alive
	 * @param clock the clock
	 */
	public RunLocks(JdbcClient jdbc, JobRunRepository owners, Clock clock) {
		this.jdbc = jdbc;
		this.owners = owners;
		this.clock = clock;
	}

	/**
	 * Takes a resource for a run, or refuses at once.
	 * @param resource the resource, for example {@link #CARD_LEDGER}
	 * @param job what holds it, as the refusal of others names it ({@code reconcile},
	 * {@code nightly-chain})
	 * @param date the business date it works on, or null
	 * @return the hold, to close when the run ends
	 * @throws RunLockedException when a live process holds it
	 */
	public Held take(String resource, String job, LocalDate date) {
		if (this.heldHere.get().contains(resource)) {
			return new Held(this, resource, null, null, null);
		}
		String token = UUID.randomUUID().toString();
		String takenOver = null;
		if (!claimFree(resource, token, job, date)) {
			Holder holder = holder(resource).orElse(null);
			if (holder == null) {
				// Freed in between: try once more, then give up as if held.
				if (!claimFree(resource, token, job, date)) {
					throw new RunLockedException(job, date, holder(resource).orElse(null));
				}
			}
			else if (this.owners.alive(holder.host(), holder.pid(), holder.heartbeatAt())) {
				throw new RunLockedException(job, date, holder);
			}
			else if (claimFrom(resource, holder.token(), token, job, date)) {
				takenOver = "cardops: took over the " + resource + " lock from " + holder.describe()
						+ ", whose process is gone";
			}
			else {
				// Another run took it over first.
				throw new RunLockedException(job, date, holder(resource).orElse(null));
			}
		}
		this.heldHere.get().add(resource);
		ScheduledFuture<?> beating = this.heartbeats.scheduleAtFixedRate(() -> beat(resource, token), HEARTBEAT_SECONDS,
				HEARTBEAT_SECONDS, TimeUnit.SECONDS);
		return new Held(this, resource, token, beating, takenOver);
	}

	/**
	 * Takes a resource named at run time (an institution's roster imports, the runs of
	 * one job with the same parameters), making its row on first use, or refuses at once.
	 * @param resource the resource, at most 40 characters
	 * @param job what holds it, as the refusal of others names it
	 * @param date the business date it works on, or null
	 * @return the hold, to close when the run ends
	 * @throws RunLockedException when a live process holds it
	 */
	public Held takeNamed(String resource, String job, LocalDate date) {
		if (this.jdbc.sql("SELECT COUNT(*) FROM run_lock WHERE resource = ?")
			.params(resource)
			.query(Long.class)
			.single() == 0) {
			try {
				this.jdbc.sql("INSERT INTO run_lock (resource) VALUES (?)").params(resource).update();
			}
			catch (DuplicateKeyException ex) {
				// Another process inserted it first: the row is there.
			}
		}
		return take(resource, job, date);
	}

	/**
	 * Takes a resource, waiting while a live process holds it, up to a limit.
	 * @param resource the resource
	 * @param job what holds it
	 * @param date the business date it works on, or null
	 * @param patience how long to wait at most
	 * @param poll how long to wait between tries
	 * @return the hold, to close when the run ends
	 * @throws RunLockedException when a live process still holds it after the wait
	 */
	public Held await(String resource, String job, LocalDate date, Duration patience, Duration poll) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			try {
				return take(resource, job, date);
			}
			catch (RunLockedException ex) {
				if (System.nanoTime() + poll.toNanos() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(poll.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * Who holds a resource.
	 * @param resource the resource
	 * @return its holder, empty when it is free
	 */
	public Optional<Holder> holder(String resource) {
		return this.jdbc.sql("""
				SELECT holder_token, holder_job, holder_date, owner_host, owner_pid, started_at, heartbeat_at
				FROM run_lock WHERE resource = ? AND holder_token IS NOT NULL""")
			.params(resource)
			.query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
					rs.getString(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class),
					rs.getObject(7, OffsetDateTime.class)))
			.optional();
	}

	private boolean claimFree(String resource, String token, String job, LocalDate date) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		return this.jdbc.sql("""
				UPDATE run_lock SET holder_token = ?, holder_job = ?, holder_date = ?, owner_host = ?, owner_pid = ?,
				       started_at = ?, heartbeat_at = ?
				WHERE resource = ? AND holder_token IS NULL""")
			.params(token, job, date, this.owners.host(), this.owners.pid(), now, now, resource)
			.update() == 1;
	}

	/** Takes over from a dead holder, unless someone else did first. */
	private boolean claimFrom(String resource, String deadToken, String token, String job, LocalDate date) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		return this.jdbc.sql("""
				UPDATE run_lock SET holder_token = ?, holder_job = ?, holder_date = ?, owner_host = ?, owner_pid = ?,
				       started_at = ?, heartbeat_at = ?
				WHERE resource = ? AND holder_token = ?""")
			.params(token, job, date, this.owners.host(), this.owners.pid(), now, now, resource, deadToken)
			.update() == 1;
	}

	private void beat(String resource, String token) {
		this.jdbc.sql("UPDATE run_lock SET heartbeat_at = ? WHERE resource = ? AND holder_token = ?")
			.params(OffsetDateTime.now(this.clock), resource, token)
			.update();
	}

	private void release(String resource, String token) {
		this.heldHere.get().remove(resource);
		this.jdbc.sql("""
				UPDATE run_lock SET holder_token = NULL, holder_job = NULL, holder_date = NULL, owner_host = NULL,
				       owner_pid = NULL, started_at = NULL, heartbeat_at = NULL
				WHERE resource = ? AND holder_token = ?""").params(resource, token).update();
	}

	/**
	 * The run that holds a resource.
	 *
	 * @param token the hold's own id
	 * @param job what holds it
	 * @param date the business date it works on, or null
	 * @param host the host of its process
	 * @param pid its process
	 * @param startedAt when it took the resource
	 * @param heartbeatAt its last heartbeat
	 */
	public record Holder(String token, String job, LocalDate date, String host, long pid, OffsetDateTime startedAt,
			OffsetDateTime heartbeatAt) {

		/**
		 * The holder as messages name it.
		 * @return for example
		 * {@code reconcile 2026-10-13 (process 1234 on host x, since 2026-12-05 02:01:07 Asia/Shanghai)}
		 */
		public String describe() {
			return this.job + ((this.date != null) ? " " + this.date : "") + " (process " + this.pid + " on host "
					+ this.host + ", since " + this.startedAt.atZoneSameInstant(AcademicCalendar.ZONE).format(SINCE)
					+ " " + AcademicCalendar.ZONE + ")";
		}

	}

	/**
	 * A resource held by this process, freed by {@link #close()}.
	 */
	public static final class Held implements AutoCloseable {

		private final RunLocks locks;

		private final String resource;

		private final String token;

		private final ScheduledFuture<?> beating;

		private final String takenOver;

		Held(RunLocks locks, String resource, String token, ScheduledFuture<?> beating, String takenOver) {
			this.locks = locks;
			this.resource = resource;
			this.token = token;
			this.beating = beating;
			this.takenOver = takenOver;
		}

		/**
		 * What the operator is told when the hold was taken over from a dead process.
		 * @return the notice, empty when the resource was free (or already held here)
		 */
		public Optional<String> takenOver() {
			return Optional.ofNullable(this.takenOver);
		}

		@Override
		public void close() {
			if (this.token == null) {
				// Held by an outer run of the same thread, which frees it.
				return;
			}
			this.beating.cancel(false);
			this.locks.release(this.resource, this.token);
		}

	}

	/**
	 * A run was refused because a live run of another date holds what it shares.
	 */
	public static class RunLockedException extends JobRunner.RunRefusedException {

		private final transient Holder holder;

		RunLockedException(String job, LocalDate date, Holder holder) {
			super(job + ((date != null) ? " " + date : "") + " not started: "
					+ ((holder != null) ? holder.describe() + " is running" : "another run holds the card ledger")
					+ "; run it again when that one has finished");
			this.holder = holder;
		}

		/**
		 * The run that holds the resource.
		 * @return the holder, empty when it ended in the instant between the tries
		 */
		public Optional<Holder> holder() {
			return Optional.ofNullable(this.holder);
		}

	}

}
