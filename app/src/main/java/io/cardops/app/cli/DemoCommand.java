package io.cardops.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.cardops.jobs.JobName;
import io.cardops.jobs.roster.RosterImportRequest;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.portal.account.Accounts;
import io.cardops.readers.inbox.InboxFileName;
import io.cardops.readers.roster.RosterFileName;
import picocli.CommandLine.Command;

/**
 * {@code cardops demo}: loads the sample reference data and runs every job on the sample
 * inbox in calendar order, printing each run's summary line.
 *
 * <p>
 * The plan comes from the data: roster uploads with what the university declared at
 * upload time (charset, force) from {@code sample-data/roster-uploads.csv}; a card-events
 * run for every date that has card-event files, then a reconcile run and a settle run for
 * every date that has tap, recharge or payment files; {@code open-renewal} on every July
 * 30 and {@code expire-cards} on every October 1 in the span (they fire at 00:05, so
 * before that day's other runs). It ends by making the portal's demo accounts
 * (DemoAccounts, embedded database only), printing their passwords once, and working the
 * exception desk once with two of them (DemoDesk).
 */
@Command(name = "demo", description = "Runs every job on the sample data (embedded database by default).",
		mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

	/** The demo's last line: what to do next. */
	static final String NEXT = "`./cardops serve`, then open http://localhost:8080";

	private final Session session;

	DemoCommand(Session session) {
		this.session = session;
	}

	@Override
	public Integer call() throws IOException {
		Path samples = this.session.home().resolve("sample-data");
		Path inbox = (this.session.options().inbox() != null) ? this.session.options().inbox()
				: samples.resolve("inbox");
		if (!Files.isDirectory(inbox)) {
			throw new GlobalOptions.UsageException(
					"sample inbox not found: " + inbox + " (run ./cardops from the repository root)");
		}
		List<Step> plan = plan(samples, inbox);
		try (ConfigurableApplicationContext context = this.session.open(inbox)) {
			this.session.out().println("== reference data");
			if (ReferenceCommand.load(this.session, context, samples.resolve("reference")) != 0) {
				return 3;
			}
			JobRunner runner = context.getBean(JobRunner.class);
			boolean failed = false;
			LocalDate day = null;
			Map<LocalDate, String> settled = new HashMap<>();
			for (Step step : plan) {
				if (!step.date().equals(day)) {
					day = step.date();
					this.session.out().println("== " + day);
				}
				this.session.out().println("-- " + step.title());
				JobRunner.RunResult result = runner.run(step.job(), step.parameters());
				failed |= result.outcome() == RunOutcome.FAILED;
				RunReport.print(this.session, step.job(), step.date(), result);
				if (step.job() == JobName.SETTLE) {
					settled.put(step.date(),
							RunSummary.line(step.job().command(), step.date(), result.outcome(), result.counts()));
				}
			}
			Path outbox = context.getBean(CardopsProperties.class).outbox();
			this.session.out().println("== done; published files are under " + outbox.toAbsolutePath().normalize());
			if (printAccounts(context)) {
				failed |= DemoDesk.show(this.session, context, settled);
			}
			else {
				this.session.out()
					.println("== the exception desk: ./cardops exceptions list shows the cases; acting on them needs"
							+ " FINANCE or OPS accounts (--as NAME)");
			}
			this.session.out().println("== the nightly chain");
			this.session.out().println(serveInbox(samples.resolve("reference")));
			this.session.out()
				.println(this.session.options().embedded() ? NEXT
						: NEXT + ", and sign in with an account made by ./cardops users add");
			return failed ? 1 : 0;
		}
	}

	/**
	 * Lays out the inbox {@code cardops serve} reads when started without options
	 * ({@value CardopsProperties#DEFAULT_INBOX}, the reference data in its
	 * {@code reference/} folder), when the demo ran on that default set-up (the embedded
	 * database, the sample inbox): without it the nightly chain, at 03:00 or by Run now
	 * on the operations board, fails for want of its inbox. Otherwise it only says what
	 * the chain reads.
	 * @param sampleReference the sample reference data, copied into the inbox
	 * @return what the user is told
	 */
	private String serveInbox(Path sampleReference) throws IOException {
		Path inbox = Path.of(CardopsProperties.DEFAULT_INBOX);
		boolean defaults = this.session.options().inbox() == null
				&& this.session.options().db().equals(GlobalOptions.EMBEDDED_URL);
		if (!defaults) {
			return "the nightly chain of `./cardops serve` reads partners' files from its inbox ("
					+ CardopsProperties.DEFAULT_INBOX + "/ unless --inbox says otherwise), the reference data in its"
					+ " reference/ folder; see docs/operations.md, \"Schedules\"";
		}
		return layOutInbox(inbox, sampleReference);
	}

	/**
	 * Makes an inbox folder with the sample reference data in its {@code reference/}
	 * folder, unless that folder is there already (then the inbox is left as it is).
	 * @param inbox the inbox folder
	 * @param sampleReference the sample reference data
	 * @return what the user is told
	 * @throws IOException when the folder cannot be made
	 */
	static String layOutInbox(Path inbox, Path sampleReference) throws IOException {
		Path reference = inbox.resolve("reference");
		if (Files.exists(reference, LinkOption.NOFOLLOW_LINKS)) {
			return "the nightly chain of `./cardops serve` reads partners' files from " + inbox
					+ "/ (its reference/ there already, left as it is)";
		}
		// Copied beside it and moved into place at once: a demo stopped half-way leaves
		// no reference folder with a file missing, which the next demo would keep.
		Files.createDirectories(inbox);
		Path copying = Files.createTempDirectory(inbox, ".reference-");
		try {
			for (String file : List.of("partners.csv", "fare_rules.csv")) {
				Files.copy(sampleReference.resolve(file), copying.resolve(file));
			}
			Files.move(copying, reference, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			FileSystemUtils.deleteRecursively(copying);
		}
		return "the nightly chain of `./cardops serve` reads partners' files from " + inbox
				+ "/, made now with the sample reference data in " + reference + "/: at 03:00, or by Run now on the"
				+ " operations board, it finds nothing new there until files are put in it";
	}

	/**
	 * Creates (or gives new passwords to) the demo's portal accounts on the embedded
	 * database and prints their passwords; on PostgreSQL says why there are none.
	 * @return whether the accounts were made
	 */
	private boolean printAccounts(ConfigurableApplicationContext context) {
		this.session.out().println("== portal accounts");
		if (!this.session.options().embedded()) {
			this.session.out()
				.println("no demo accounts on PostgreSQL: a password printed by a demo has no place in a"
						+ " production database; add accounts with ./cardops users add NAME --role ROLE");
			return false;
		}
		for (DemoAccounts.Signed signed : DemoAccounts.createOrReset(context.getBean(Accounts.class))) {
			DemoAccounts.Demo demo = signed.demo();
			this.session.out()
				.printf("%-16s %-10s %-5s password: %s  (%s; lands on %s)%n", demo.name(), demo.role(),
						(demo.institution() != null) ? demo.institution() : "", signed.password(),
						signed.existed() ? "new password, the account existed" : "new account", demo.landing());
		}
		this.session.out().println("(the passwords are shown once and not kept; the next demo gives new ones)");
		return true;
	}

	private static List<Step> plan(Path samples, Path inbox) throws IOException {
		List<Step> plan = new ArrayList<>();
		try (Reader manifest = Files.newBufferedReader(samples.resolve("roster-uploads.csv"), StandardCharsets.UTF_8)) {
			for (CSVRecord upload : CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(manifest)) {
				Path file = inbox.resolve(upload.get("file"));
				RosterFileName name = RosterFileName.parse(file)
					.orElseThrow(() -> new IllegalStateException("bad sample file name " + file));
				RosterImportRequest request = new RosterImportRequest(file, name.institution(), name.date(),
						Charset.forName(upload.get("charset")), "Y".equals(upload.get("force")));
				plan.add(new Step(name.date(), 1, JobName.ROSTER_IMPORT, upload.get("file") + ": " + upload.get("why"),
						request.toParameters()));
			}
		}
		TreeSet<LocalDate> eventDates = new TreeSet<>();
		TreeSet<LocalDate> ledgerDates = new TreeSet<>();
		try (Stream<Path> files = Files.list(inbox)) {
			files.map(InboxFileName::parse).flatMap(java.util.Optional::stream).forEach((name) -> {
				if (name.kind().equals("cardevents")) {
					eventDates.add(name.date());
				}
				else if (List.of("taps", "recharges", "payments").contains(name.kind())) {
					ledgerDates.add(name.date());
				}
			});
		}
		for (LocalDate date : eventDates) {
			plan.add(new Step(date, 2, JobName.CARD_EVENTS, "card events of " + date,
					java.util.Map.of("date", date.toString())));
		}
		for (LocalDate date : ledgerDates) {
			plan.add(new Step(date, 3, JobName.RECONCILE, "taps, top-ups and payments of " + date,
					java.util.Map.of("date", date.toString())));
			plan.add(new Step(date, 4, JobName.SETTLE, "settlement of " + date,
					java.util.Map.of("date", date.toString())));
		}
		LocalDate first = plan.stream().map(Step::date).min(Comparator.naturalOrder()).orElseThrow();
		LocalDate last = plan.stream().map(Step::date).max(Comparator.naturalOrder()).orElseThrow();
		for (int year = first.getYear(); year <= last.getYear(); year++) {
			calendarJob(plan, LocalDate.of(year, 7, 30), JobName.OPEN_RENEWAL, "the renewal window opens", first, last);
			calendarJob(plan, LocalDate.of(year, 10, 1), JobName.EXPIRE_CARDS, "cards valid until September 30 expire",
					first, last);
		}
		plan.sort(Comparator.comparing(Step::date).thenComparingInt(Step::order));
		return plan;
	}

	private static void calendarJob(List<Step> plan, LocalDate date, JobName job, String title, LocalDate first,
			LocalDate last) {
		if (!date.isBefore(first) && !date.isAfter(last)) {
			plan.add(new Step(date, 0, job, title, java.util.Map.of("date", date.toString())));
		}
	}

	private record Step(LocalDate date, int order, JobName job, String title,
			java.util.Map<String, String> parameters) {
	}

}
