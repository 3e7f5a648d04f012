package io.cardops.jobs.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.cardops.domain.text.VisibleText;
import io.cardops.domain.digest.Sha256;
import io.cardops.domain.reference.PartnerRole;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.readers.inbox.ControlFile;
import io.cardops.readers.inbox.InboxFileName;
import io.cardops.writers.csv.OutboundCsvWriter;
import io.cardops.writers.csv.OutboundFile;

/**
 * Decides what to do with each partner file of a date (files.md, "Control files"): a file
 * without its {@code .ctl} is not complete and is left for a later run; a file already
 * loaded (same name, same sha256) is never loaded twice; the same name with other content
 * is rejected and reported. Every file rejected whole is listed in
 * {@code inbox_rejects_<D>.csv}.
 */
@Service
public class InboxService {

	/** Statuses kept in {@code inbox_file.status}. */
	public static final String LOADED = "LOADED";

	/**
	 * How many files' warnings a run's report shows (its summary is kept with the run).
	 */
	static final int WARNED_FILES_SHOWN = 3;

	/** A file rejected whole. */
	public static final String REJECTED = "REJECTED";

	/** Where the rows set aside of each kind are kept, each with its source file. */
	private static final Map<String, String> SET_ASIDE = Map.of("taps", "ledger_malformed", "recharges",
			"ledger_malformed", "payments", "ledger_malformed", "cardevents", "card_event_reject");

	private final JdbcClient jdbc;

	private final CardopsProperties properties;

	private final Clock clock;

	private final boolean readPipes;

	/**
	 * Creates the service.
	 * @param jdbc the database
	 * @param properties the settings (the inbox and outbox folders)
	 * @param clock the clock
	 * @param readPipes whether a named pipe in the inbox is read as the file it carries
	 * ({@code cardops.inbox-pipes}, off by default: see {@link #unreadable})
	 */
	public InboxService(JdbcClient jdbc, CardopsProperties properties, Clock clock,
			@Value("${cardops.inbox-pipes:false}") boolean readPipes) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.readPipes = readPipes;
	}

	/**
	 * What is wrong with an inbox folder, if anything. A missing or mistyped folder must
	 * not pass for a day without files.
	 * @param inbox the inbox folder
	 * @return why it cannot be read, or empty when it is a folder
	 */
	public static Optional<String> folderProblem(Path inbox) {
		if (Files.isDirectory(inbox)) {
			return Optional.empty();
		}
		Path shown = inbox.toAbsolutePath().normalize();
		return Optional
			.of("the inbox folder " + shown + (Files.exists(inbox) ? " is not a folder" : " does not exist"));
	}

	/**
	 * Checks that the inbox folder exists.
	 * @param inbox the inbox folder
	 * @return the folder
	 * @throws MissingInboxException when it does not exist or is not a folder
	 */
	public static Path requireFolder(Path inbox) {
		Optional<String> problem = folderProblem(inbox);
		if (problem.isPresent()) {
			throw new MissingInboxException(problem.get());
		}
		return inbox;
	}

	/**
	 * The files of one kind and clearing date in the inbox, sorted by name.
	 * @param kind the kind, for example {@code cardevents}
	 * @param date the clearing date
	 * @return the complete files and those still waiting for their control file
	 * @throws MissingInboxException when the inbox folder does not exist (the run fails
	 * and can be restarted once it does)
	 */
	public Arrivals arrivals(String kind, LocalDate date) {
		return arrivals(kind, date, true);
	}

	/**
	 * The files of one kind and clearing date still waiting for their control file,
	 * listed without reading any file: a run's closing warnings ask this after the load,
	 * and hashing the date's files again there read millions of rows a second time (and
	 * waited forever on a named pipe already read).
	 * @param kind the kind
	 * @param date the clearing date
	 * @return the waiting files, sorted by name
	 */
	public List<Path> waiting(String kind, LocalDate date) {
		return arrivals(kind, date, false).pending();
	}

	private Arrivals arrivals(String kind, LocalDate date, boolean read) {
		List<Arrival> complete = new ArrayList<>();
		List<Path> pending = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		Path inbox = requireFolder(this.properties.inbox());
		try (Stream<Path> files = Files.list(inbox)) {
			for (Path file : files.sorted().toList()) {
				Optional<InboxFileName> name = InboxFileName.parse(file);
				if (name.isEmpty() || !name.get().kind().equals(kind)) {
					InboxFileName.nearMiss(file)
						.filter((miss) -> miss.kind().equals(kind) && (miss.date() == null || miss.date().equals(date)))
						.ifPresent((miss) -> problems
							.add(new Problem(file.getFileName().toString(), kind, miss.date(), miss.reason())));
					continue;
				}
				if (!name.get().date().equals(date)) {
					continue;
				}
				Path control = ControlFile.of(file);
				if (!Files.exists(control)) {
					pending.add(file);
					continue;
				}
				if (!read) {
					continue;
				}
				Optional<String> unreadable = unreadable(file, "it")
					.or(() -> unreadable(control, "its control file " + control.getFileName()));
				if (unreadable.isPresent()) {
					problems.add(new Problem(file.getFileName().toString(), kind, date, unreadable.get()));
					continue;
				}
				try {
					complete.add(new Arrival(file, name.get(), Sha256.of(file)));
				}
				catch (UncheckedIOException ex) {
					// Readable a moment ago (a permission changed since, or a special
					// file): said in words, and the rest of the date goes on.
					problems.add(new Problem(file.getFileName().toString(), kind, date,
							"it cannot be read (" + why(ex.getCause()) + ")"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the inbox " + inbox, ex);
		}
		return new Arrivals(complete, pending, problems);
	}

	/**
	 * Why an inbox entry named like a partner file (or its control file) cannot be read,
	 * if it cannot: a symbolic link (whoever may put files in the inbox could otherwise
	 * point the run at any file of the server, or at an endless one), a folder, a named
	 * pipe, socket or device (opening a pipe that no one writes waits for ever, holding
	 * the card ledger's lock and with it every later run), or a file this process may not
	 * read. With {@code cardops.inbox-pipes=true} a named pipe is read as the file it
	 * carries, for a program that feeds the inbox through one.
	 * @param entry the entry
	 * @param what how the reason names it: {@code it}, or {@code its control file X.ctl}
	 */
	private Optional<String> unreadable(Path entry, String what) {
		if (Files.isSymbolicLink(entry)) {
			return Optional.of(what + " is a symbolic link, not a file (copy the file itself into the inbox)");
		}
		if (Files.isDirectory(entry)) {
			return Optional.of(what + " is a directory, not a file");
		}
		if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !(this.readPipes && pipe(entry))) {
			return Optional.of(what + " is a named pipe or another special file, not a regular file (copy the file"
					+ " itself into the inbox)");
		}
		if (!Files.isReadable(entry)) {
			return Optional.of(what + " cannot be read (permission denied)");
		}
		return Optional.empty();
	}

	private static boolean pipe(Path entry) {
		try {
			Object mode = Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS);
			// S_IFIFO in the file type bits
			return mode instanceof Integer bits && (bits & 0170000) == 0010000;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static String why(IOException failure) {
		if (failure instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (failure instanceof NoSuchFileException) {
			return "it was removed while the run read the inbox";
		}
		return "the system refused to read it";
	}

	/**
	 * Records the problems an intake found, each name once; the date's ones are listed in
	 * {@code inbox_rejects_<D>.csv}, the undated ones warned about.
	 * @param problems the problems
	 * @param date the run's clearing date
	 * @return how many of the date's were found for the first time
	 */
	private int recordProblems(List<Problem> problems, LocalDate date) {
		int found = 0;
		for (Problem problem : problems) {
			int inserted = this.jdbc.sql("""
					INSERT INTO inbox_problem (file_name, kind, clearing_date, reason, found_at)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(problem.fileName(), problem.kind(), problem.date(), cut(problem.reason(), 1000), now())
				.update();
			if (inserted > 0 && date.equals(problem.date())) {
				found++;
			}
		}
		return found;
	}

	/**
	 * Takes in the new, complete files of a kind and date, in name order: a file already
	 * received is skipped; one sent under a known name with other content, or by a
	 * partner without the role, is rejected; any other is handed to the taker, and
	 * recorded as loaded or rejected by its answer.
	 * @param kind the file kind
	 * @param date the clearing date
	 * @param role the partner role that sends this kind
	 * @param taker reads and loads one file
	 * @return what was taken in
	 * @throws Exception what the taker threw (the caller's transaction rolls back)
	 */
	public Intake takeIn(String kind, LocalDate date, String role, FileTaker taker) throws Exception {
		java.util.Set<String> partners = java.util.Set
			.copyOf(this.jdbc.sql("SELECT partner_code FROM partner WHERE role = ?")
				.params(role)
				.query(String.class)
				.list());
		Arrivals arrivals = arrivals(kind, date);
		// An entry that cannot be taken is listed with the files rejected whole; the rest
		// of the date goes on.
		int rejected = recordProblems(arrivals.problems(), date);
		int files = rejected;
		for (Arrival arrival : arrivals.complete()) {
			Admission admission = admit(arrival);
			if (admission == Admission.ALREADY_RECEIVED) {
				continue;
			}
			files++;
			if (admission == Admission.SAME_NAME_OTHER_CONTENT) {
				rejected++;
				continue;
			}
			Taken taken = partners.contains(arrival.name().partner()) ? taker.take(arrival)
					: Taken.rejected(arrival.name().partner() + " is not " + PartnerRole.valueOf(role).inWords()
							+ " in the reference data");
			if (taken.problem() != null) {
				rejected(arrival, taken.problem());
				rejected++;
			}
			else {
				loaded(arrival, taken.records(), taken.warnings(), taken.controlSumFen());
			}
		}
		return new Intake(files, arrivals.pending().size(), rejected);
	}

	/**
	 * Reads and loads one new file.
	 */
	@FunctionalInterface
	public interface FileTaker {

		/**
		 * Takes one file in.
		 * @param arrival the file
		 * @return its records, or why it is rejected whole (nothing of it may stay
		 * loaded)
		 * @throws Exception when the database refuses the data
		 */
		Taken take(Arrival arrival) throws Exception;

	}

	/**
	 * What became of one file.
	 *
	 * @param records its data rows, when taken
	 * @param problem why it was rejected whole, or null
	 * @param warnings what its header was warned about, when taken
	 * @param controlSumFen its control file's {@code sum_fen}, for the kinds that have
	 * one (null otherwise)
	 */
	public record Taken(long records, String problem, List<String> warnings, BigInteger controlSumFen) {

		/**
		 * A file taken in.
		 * @param records its data rows
		 * @param warnings what its header was warned about (unknown columns ignored)
		 * @return the outcome
		 */
		public static Taken loaded(long records, List<String> warnings) {
			return new Taken(records, null, warnings, null);
		}

		/**
		 * A file taken in whose control file gives a sum.
		 * @param records its data rows
		 * @param warnings what its header was warned about (unknown columns ignored)
		 * @param controlSumFen its control file's {@code sum_fen}
		 * @return the outcome
		 */
		public static Taken loaded(long records, List<String> warnings, BigInteger controlSumFen) {
			return new Taken(records, null, warnings, controlSumFen);
		}

		/**
		 * A file rejected whole.
		 * @param problem why
		 * @return the outcome
		 */
		public static Taken rejected(String problem) {
			return new Taken(0, problem, List.of(), null);
		}

	}

	/**
	 * What an intake took in.
	 *
	 * @param files new files (taken or rejected)
	 * @param waiting files still without their control file
	 * @param rejected files rejected whole
	 */
	public record Intake(int files, int waiting, int rejected) {
	}

	/**
	 * Whether a complete file is new. A file whose name was seen with other content is
	 * recorded as rejected for the date it arrived. A file rejected whole whose control
	 * file has changed since (same data, corrected {@code .ctl}) is new again: it was
	 * never loaded, and files.md only forbids loading a file twice.
	 * @param arrival the file
	 * @return what to do with it
	 */
	public Admission admit(Arrival arrival) {
		Optional<Recorded> recorded = this.jdbc
			.sql("SELECT sha256, status, control_sha256 FROM inbox_file WHERE file_name = ?")
			.params(arrival.fileName())
			.query((rs, row) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
		if (recorded.isEmpty()) {
			return Admission.NEW;
		}
		Recorded known = recorded.get();
		if (known.sha256().equals(arrival.sha256())) {
			// Files recorded before V20 have no control hash and keep their verdict.
			if (REJECTED.equals(known.status()) && known.controlSha256() != null
					&& !known.controlSha256().equals(controlSha256(arrival))) {
				// Rejected whole, so never loaded; its control file has been corrected
				// since: taken again, and recorded anew by its new verdict. The rejection
				// stays counted (V28).
				this.jdbc.sql("""
						INSERT INTO inbox_file_rejection (file_name, kind, partner, clearing_date, reason, received_at,
						    superseded_at)
						SELECT file_name, kind, partner, clearing_date, reason, received_at, ? FROM inbox_file
						WHERE file_name = ?""").params(now(), arrival.fileName()).update();
				this.jdbc.sql("DELETE FROM inbox_file WHERE file_name = ?").params(arrival.fileName()).update();
				return Admission.NEW;
			}
			return Admission.ALREADY_RECEIVED;
		}
		int exists = this.jdbc
			.sql("SELECT COUNT(*) FROM inbox_reject WHERE clearing_date = ? AND file_name = ? AND sha256 = ?")
			.params(arrival.name().date(), arrival.fileName(), arrival.sha256())
			.query(Integer.class)
			.single();
		if (exists == 0) {
			this.jdbc.sql("""
					INSERT INTO inbox_reject (clearing_date, file_name, sha256, reason, received_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(arrival.name().date(), arrival.fileName(), arrival.sha256(),
						"a file of this name was already received with other content", now())
				.update();
		}
		return Admission.SAME_NAME_OTHER_CONTENT;
	}

	/** What the inbox record of a file name says. */
	private record Recorded(String sha256, String status, String controlSha256) {
	}

	private static String controlSha256(Arrival arrival) {
		return Sha256.of(ControlFile.of(arrival.path()));
	}

	/**
	 * Records a file as loaded, with what its header was warned about.
	 * @param arrival the file
	 * @param records its data rows
	 * @param warnings the warnings (unknown columns ignored), reported with the run
	 */
	public void loaded(Arrival arrival, long records, List<String> warnings) {
		loaded(arrival, records, warnings, null);
	}

	/**
	 * Records a file as loaded, with what its header was warned about and its control
	 * sum.
	 * @param arrival the file
	 * @param records its data rows
	 * @param warnings the warnings (unknown columns ignored), reported with the run
	 * @param controlSumFen its control file's {@code sum_fen}, or null when its kind has
	 * none
	 */
	public void loaded(Arrival arrival, long records, List<String> warnings, BigInteger controlSumFen) {
		record(arrival, records, LOADED, null, warnings.isEmpty() ? null : cut(String.join("; ", warnings), 400),
				controlSumFen);
	}

	/**
	 * Records, for each file of a date taken in and not counted yet, how many of its rows
	 * were set aside (malformed, or card events refused by the rules), so that the
	 * metrics sum a few files instead of counting rows. Call it in the transaction that
	 * took the files in, once their set-aside rows are stored.
	 * @param date the clearing date
	 * @param kinds the file kinds of the run
	 */
	public void recordRowsSetAside(LocalDate date, List<String> kinds) {
		for (String kind : kinds) {
			this.jdbc
				.sql("UPDATE inbox_file SET rejected_rows = (SELECT COUNT(*) FROM " + SET_ASIDE.get(kind)
						+ " r WHERE r.source_file = inbox_file.file_name)"
						+ " WHERE clearing_date = ? AND kind = ? AND status = 'LOADED' AND rejected_rows IS NULL")
				.params(date, kind)
				.update();
		}
	}

	/**
	 * What the files of a date taken in were warned about, for the run's report: a line
	 * per file, in file name order, the first {@value #WARNED_FILES_SHOWN} of them.
	 * @param date the clearing date
	 * @param kinds the file kinds of the run
	 * @return the lines, or null when no file was warned about
	 */
	public String warnings(LocalDate date, List<String> kinds) {
		List<String> files = this.jdbc
			.sql("SELECT warnings FROM inbox_file WHERE clearing_date = :date AND kind IN (:kinds)"
					+ " AND warnings IS NOT NULL ORDER BY file_name")
			.param("date", date)
			.param("kinds", kinds)
			.query(String.class)
			.list();
		List<String> lines = new ArrayList<>();
		files.stream().limit(WARNED_FILES_SHOWN).forEach((warnings) -> lines.add("warning: " + warnings));
		if (files.size() > WARNED_FILES_SHOWN) {
			lines.add("warning: " + (files.size() - WARNED_FILES_SHOWN) + " more files of " + date
					+ " have warnings (inbox_file.warnings)");
		}
		// The files of the date rejected whole, named with their reason (the list is
		// inbox_rejects_<D>.csv), and those still waiting for their control file: a run
		// that took nothing of them says so.
		String rejectsFile = OutboundFile.INBOX_REJECTS.path(this.properties.outbox(), date, null)
			.getFileName()
			.toString();
		List<String[]> rejected = rejects(date).stream()
			// (any case: TAPS_… is one of the run's files, refused for its name)
			.filter((row) -> kinds.stream().anyMatch((kind) -> row[0].toLowerCase(Locale.ROOT).startsWith(kind + "_")))
			.toList();
		rejected.stream()
			.limit(WARNED_FILES_SHOWN)
			.forEach((row) -> lines.add("warning: " + row[0] + " was rejected whole: " + row[1]));
		if (!rejected.isEmpty()) {
			lines.add("warning: " + rejected.size() + " file(s) of " + date + " rejected whole, listed with their"
					+ " reasons in " + rejectsFile + "; ask the partner for a corrected file");
		}
		List<String> waiting = new ArrayList<>();
		for (String kind : kinds) {
			waiting(kind, date).forEach((path) -> waiting.add(path.getFileName().toString()));
		}
		waiting.stream()
			.sorted()
			.limit(WARNED_FILES_SHOWN)
			.forEach((file) -> lines.add("warning: " + file + " has no control file (" + file
					+ ".ctl) yet: it waits in the inbox; run the same date again once its control file has arrived"));
		if (waiting.size() > WARNED_FILES_SHOWN) {
			lines.add("warning: " + (waiting.size() - WARNED_FILES_SHOWN) + " more files of " + date
					+ " wait for their control files");
		}
		List<String> orphans = controlsWithoutData(kinds, date);
		orphans.stream().sorted().limit(WARNED_FILES_SHOWN).forEach((control) -> {
			String data = control.substring(0, control.length() - ".ctl".length());
			lines.add("warning: " + control + " has arrived without its data file " + data
					+ ": nothing of it was read; ask the partner to send " + data + ", then run the same date again");
		});
		if (orphans.size() > WARNED_FILES_SHOWN) {
			lines.add("warning: " + (orphans.size() - WARNED_FILES_SHOWN) + " more control files of " + date
					+ " wait for their data files");
		}
		lines.addAll(undatedProblems(kinds));
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

	/**
	 * The control files of the kinds and date in the inbox whose data file is not there:
	 * a partner's file lost on its way, after its control file arrived. Nothing in the
	 * run counts it, so it is said. One listing of the inbox for every kind.
	 */
	private List<String> controlsWithoutData(List<String> kinds, LocalDate date) {
		Path inbox = this.properties.inbox();
		if (!Files.isDirectory(inbox)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(inbox)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".csv.ctl"))
				.filter((name) -> {
					Path data = inbox.resolve(name.substring(0, name.length() - ".ctl".length()));
					return InboxFileName.parse(data)
						.filter((parsed) -> kinds.contains(parsed.kind()) && parsed.date().equals(date))
						.isPresent() && !Files.exists(data, LinkOption.NOFOLLOW_LINKS);
				})
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/**
	 * The entries of the kinds, still in the inbox, whose name carries no date: no date's
	 * {@code inbox_rejects} can list them, so every run of their kind warns.
	 */
	private List<String> undatedProblems(List<String> kinds) {
		Path inbox = this.properties.inbox();
		return this.jdbc
			.sql("SELECT file_name, reason FROM inbox_problem WHERE clearing_date IS NULL AND kind IN (:kinds)"
					+ " ORDER BY file_name")
			.param("kinds", kinds)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list()
			.stream()
			.filter((problem) -> Files.exists(inbox.resolve(problem[0]), LinkOption.NOFOLLOW_LINKS))
			.map((problem) -> "warning: " + problem[0] + " in the inbox is not read: " + problem[1]
					+ "; rename it (inbox_problem)")
			.toList();
	}

	private static String cut(String text, int length) {
		return VisibleText.cut(text, length);
	}

	/**
	 * Records a file as rejected whole.
	 * @param arrival the file
	 * @param reason why
	 */
	public void rejected(Arrival arrival, String reason) {
		record(arrival, null, REJECTED, reason, null, null);
	}

	private void record(Arrival arrival, Long records, String status, String reason, String warnings,
			BigInteger controlSumFen) {
		// A folder replaced by the file, a permission corrected: the file now has its
		// verdict.
		this.jdbc.sql("DELETE FROM inbox_problem WHERE file_name = ?").params(arrival.fileName()).update();
		this.jdbc
			.sql("""
					INSERT INTO inbox_file (file_name, kind, partner, clearing_date, sha256, records, status, reason, received_at,
					    warnings, control_sha256, control_sum_fen)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(arrival.fileName(), arrival.name().kind(), arrival.name().partner(), arrival.name().date(),
					arrival.sha256(), records, status, reason, now(), warnings, controlSha256(arrival),
					(controlSumFen != null) ? new BigDecimal(controlSumFen) : null)
			.update();
	}

	/**
	 * Writes {@code inbox_rejects_<D>.csv} with every inbox file of the date rejected
	 * whole, when there is any or a list was published before; the rows come from the
	 * database, so every run writes the same bytes.
	 * @param date the clearing date
	 * @return the number of files listed
	 */
	public long publishRejects(LocalDate date) {
		List<String[]> rows = rejects(date);
		// A list published before stays true: when its files have since been taken (a
		// corrected control file), it is published again, empty.
		if (rows.isEmpty() && !Files.exists(OutboundFile.INBOX_REJECTS.path(this.properties.outbox(), date, null))) {
			return 0;
		}
		try (OutboundCsvWriter csv = OutboundFile.INBOX_REJECTS.create(this.properties.outbox(), date, null)) {
			for (String[] row : rows) {
				csv.row(row[0], row[1]);
			}
			csv.publish();
		}
		return rows.size();
	}

	/**
	 * The inbox files of a date rejected whole, as {@code inbox_rejects_<D>.csv} lists
	 * them (the portal's {@code /api/inbox-rejects} answers the same rows).
	 * @param date the clearing date
	 * @return each file's name and the reason, ordered by name
	 */
	public List<String[]> rejects(LocalDate date) {
		return this.jdbc.sql("""
				SELECT file_name, reason FROM inbox_file WHERE clearing_date = ? AND status = 'REJECTED'
				UNION ALL
				SELECT file_name, reason FROM inbox_reject WHERE clearing_date = ?
				UNION ALL
				SELECT file_name, reason FROM inbox_problem WHERE clearing_date = ?
				ORDER BY 1, 2""")
			.params(date, date, date)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
	}

	/**
	 * The latest clearing date up to a day with a file rejected, among the files
	 * {@link #rejects} lists.
	 * @param upTo the last date looked at (dates ahead, a demo's year to come, are not
	 * yet a night)
	 * @return the date, or null when no file was ever rejected
	 */
	public LocalDate latestRejectDate(LocalDate upTo) {
		return this.jdbc.sql("""
				SELECT MAX(d) FROM (
				    SELECT MAX(clearing_date) AS d FROM inbox_file WHERE status = 'REJECTED' AND clearing_date <= ?
				    UNION ALL SELECT MAX(clearing_date) FROM inbox_reject WHERE clearing_date <= ?
				    UNION ALL SELECT MAX(clearing_date) FROM inbox_problem WHERE clearing_date <= ?) r""")
			.params(upTo, upTo, upTo)
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.get(0);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	/** What to do with a complete file. */
	public enum Admission {

		/** Never seen: load it. */
		NEW,
		/** Seen with the same content: it was loaded (or rejected) before; skip it. */
		ALREADY_RECEIVED,
		/** Seen with other content: rejected and reported. */
		SAME_NAME_OTHER_CONTENT

	}

	/**
	 * A complete file in the inbox.
	 *
	 * @param path where it is
	 * @param name the parts of its name
	 * @param sha256 the SHA-256 of its bytes
	 */
	public record Arrival(Path path, InboxFileName name, String sha256) {

		/**
		 * The file name.
		 * @return the name without folder
		 */
		public String fileName() {
			return this.path.getFileName().toString();
		}

	}

	/**
	 * The files of a kind and date.
	 *
	 * @param complete the files with their control file
	 * @param pending the files still without one (left in the inbox for a later run)
	 * @param problems the entries meant as files of the kind that cannot be taken
	 */
	public record Arrivals(List<Arrival> complete, List<Path> pending, List<Problem> problems) {
	}

	/**
	 * An inbox entry meant as a partner file that cannot be taken.
	 *
	 * @param fileName its name
	 * @param kind the kind it was meant as
	 * @param date the clearing date its name carries, or null when none can be read
	 * @param reason why, in words
	 */
	public record Problem(String fileName, String kind, LocalDate date, String reason) {
	}

	/**
	 * The inbox folder does not exist or is not a folder.
	 */
	public static class MissingInboxException extends IllegalStateException {

		/**
		 * Creates the exception.
		 * @param message which folder, and what is wrong with it
		 */
		public MissingInboxException(String message) {
			super(message);
		}

	}

}
