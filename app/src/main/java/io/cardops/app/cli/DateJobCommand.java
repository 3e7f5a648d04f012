package io.cardops.app.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.cardops.app.ops.TriggerDates;
import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.domain.calendar.IsoDates;
import io.cardops.jobs.JobName;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.JobRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cardops run <job> --date YYYY-MM-DD} for the jobs keyed by a date: card-events,
 * expire-cards, open-renewal.
 */
@Command(mixinStandardHelpOptions = true)
class DateJobCommand implements Callable<Integer> {

	private final Session session;

	private final JobName job;

	@Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "the clearing or run date")
	private String date;

	DateJobCommand(Session session, JobName job) {
		this.session = session;
		this.job = job;
	}

	@Override
	public Integer call() {
		LocalDate day = parseDate(this.date);
		if (day.isBefore(TriggerDates.EARLIEST)) {
			// a year typed wrong (1970): its run would publish files for that date, a
			// hotlist among them that would become the newest version
			throw new GlobalOptions.UsageException(this.job.command() + " --date " + day + " is before "
					+ TriggerDates.EARLIEST + ", the earliest date cardops runs a job for: check the year");
		}
		if (this.job == JobName.OPEN_RENEWAL) {
			checkRenewalDate(day);
		}
		try (ConfigurableApplicationContext context = this.session.openWith(settings())) {
			checkAhead(day, context.getBean(Clock.class));
			if (this.job.readsInbox()) {
				// A mistyped --inbox would otherwise find no files and report a clean
				// day.
				InboxService.folderProblem(context.getBean(CardopsProperties.class).inbox()).ifPresent((problem) -> {
					throw new GlobalOptions.UsageException(problem);
				});
			}
			return run(this.session, context, this.job, day);
		}
	}

	/**
	 * Reads a {@code --date} option.
	 * @param text the option's value
	 * @return the date
	 * @throws GlobalOptions.UsageException when it is not YYYY-MM-DD
	 */
	static LocalDate parseDate(String text) {
		return parseDate("--date", text);
	}

	/**
	 * Reads a date option: exactly four digits of year, two of month and two of day, a
	 * real date. {@link LocalDate#parse} alone also takes a signed year of up to nine
	 * digits ({@code -0001-01-01}, {@code +10000-01-01}), which no file name can carry:
	 * such a run was recorded and failed (or ended NOOP) instead of being refused as
	 * wrong usage.
	 * @param option the option's name, for the message
	 * @param text the option's value
	 * @return the date
	 * @throws GlobalOptions.UsageException when it is not YYYY-MM-DD
	 */
	static LocalDate parseDate(String option, String text) {
		if (text != null) {
			try {
				return IsoDates.parse(text);
			}
			catch (DateTimeParseException ex) {
				// Not YYYY-MM-DD, or not a real date (2026-02-30): reported below.
			}
		}
		throw new GlobalOptions.UsageException(option + " must be YYYY-MM-DD, not " + text);
	}

	/**
	 * Checks the date of an open-renewal run, from {@code run} or {@code schedules
	 * trigger}: the window opens once a year and publishes its lists once, so a mistyped
	 * date before July 30 would freeze lists judged months early for the whole season. A
	 * later date (a July 30 missed) is fine.
	 * @param day the run date
	 * @throws GlobalOptions.UsageException when it is before July 30 of its year
	 */
	static void checkRenewalDate(LocalDate day) {
		LocalDate opens = AcademicCalendar.renewalWindowOpens(day.getYear());
		if (day.isBefore(opens)) {
			throw new GlobalOptions.UsageException("open-renewal opens the renewal window on or after July 30 of its"
					+ " year: --date " + day + " is before " + opens);
		}
	}

	/**
	 * Checks a date against today, for the jobs whose run for a night still to come does
	 * harm; none here.
	 * @param day the run date
	 * @param clock the business clock
	 */
	void checkAhead(LocalDate day, Clock clock) {
	}

	/**
	 * The command's own settings, over every other source.
	 * @return none here; a job's command with options of its own adds them
	 */
	Map<String, Object> settings() {
		return Map.of();
	}

	static int run(Session session, ConfigurableApplicationContext context, JobName job, LocalDate date) {
		JobRunner.RunResult result = context.getBean(JobRunner.class).run(job, Map.of("date", date.toString()));
		return RunReport.print(session, job, date, result);
	}

}
