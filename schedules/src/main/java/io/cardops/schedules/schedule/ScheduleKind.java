package io.cardops.schedules.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

import io.cardops.domain.calendar.AcademicCalendar;
import io.cardops.jobs.JobName;

/**
 * The schedules the suite knows: what each one runs and which business date a firing is
 * for. Their cron expressions, time zones and misfire policies are configuration
 * ({@code cardops.schedules.<name>.*}).
 */
public enum ScheduleKind {

	/**
	 * Reference data, rosters, card events, reconciliation and settlement of the previous
	 * clearing date.
	 */
	NIGHTLY_CHAIN("nightly-chain", 1, JobName.NIGHTLY_CHAIN),
	/** Opens that year's renewal window (domain.md: July 30, 00:05). */
	OPEN_RENEWAL("open-renewal", 0, JobName.OPEN_RENEWAL),
	/** Expires the cards whose validity ended (domain.md: October 1, 00:05). */
	EXPIRE_CARDS("expire-cards", 0, JobName.EXPIRE_CARDS);

	private final String id;

	private final int daysBack;

	private final JobName job;

	ScheduleKind(String id, int daysBack, JobName job) {
		this.id = id;
		this.daysBack = daysBack;
		this.job = job;
	}

	/**
	 * The job a firing runs: its runs are the schedule's history.
	 * @return the job
	 */
	public JobName job() {
		return this.job;
	}

	/**
	 * The schedule's name on the command line, in configuration and in Quartz.
	 * @return for example {@code nightly-chain}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The business date a firing is for: the previous clearing date for the nightly
	 * chain, the day of the firing for the calendar jobs. A renewal window opened late
	 * belongs to the last July 30 before the firing: a firing made up for in the next
	 * year before July 30 (every node down since, or the schedule paused over July 30 and
	 * resumed then) opens the window it missed, not the coming year's months early, which
	 * the command line refuses as well.
	 * @param fired when the trigger fired (or was due to)
	 * @param zone the schedule's time zone
	 * @return the business date
	 */
	public LocalDate businessDate(Instant fired, ZoneId zone) {
		LocalDate day = fired.atZone(zone).toLocalDate().minusDays(this.daysBack);
		return (this == OPEN_RENEWAL) ? AcademicCalendar.renewalOpeningFor(day) : day;
	}

	/**
	 * The latest business date the schedule may be run for on a day: the day before for
	 * the nightly chain (a day's files are complete once it is over), the day itself for
	 * the calendar jobs.
	 * @param today the day, in the schedule's time zone
	 * @return the latest business date
	 */
	public LocalDate latestBusinessDate(LocalDate today) {
		return today.minusDays(this.daysBack);
	}

	/**
	 * Finds a schedule by name.
	 * @param id the name
	 * @return the schedule, if there is one of that name
	 */
	public static Optional<ScheduleKind> of(String id) {
		return Arrays.stream(values()).filter((kind) -> kind.id.equals(id)).findFirst();
	}

}
