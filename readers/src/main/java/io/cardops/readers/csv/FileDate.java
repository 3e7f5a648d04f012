package io.cardops.readers.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The clearing date in an inbound file's name, and the latest instant its rows may carry:
 * a transaction or event is sent on its date or later, so one dated more than a day after
 * its file's date (Asia/Shanghai) is not a real one. The one day of tolerance covers a
 * file cut at midnight by a sender whose clock runs a little ahead.
 */
public final class FileDate {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final LocalDate date;

	private final Instant tooLate;

	/**
	 * Creates the bound of a file's date.
	 * @param date the date in the file's name
	 */
	public FileDate(LocalDate date) {
		this.date = date;
		// The first instant of the second day after the date: anything from it on is
		// more than a day late.
		this.tooLate = date.plusDays(2).atStartOfDay(SHANGHAI).toInstant();
	}

	/**
	 * The date in the file's name.
	 * @return the clearing date
	 */
	public LocalDate date() {
		return this.date;
	}

	/**
	 * Whether an instant is dated more than a day after the file's date.
	 * @param instant a row's instant
	 * @return true when its Asia/Shanghai date is after the file's date plus one day
	 */
	public boolean isTooLate(Instant instant) {
		return !instant.isBefore(this.tooLate);
	}

}
