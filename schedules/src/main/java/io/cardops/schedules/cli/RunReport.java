package io.cardops.schedules.cli;

import java.io.PrintStream;
import java.time.LocalDate;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunner.RunResult;
import io.cardops.jobs.support.RunSummary;

/**
 * Prints a run's result the way cli.md says: any notice (a lock taken over from a dead
 * run) and failure message on standard error, then the summary line
 * {@code job=<command> date=<date> status=<outcome> ...counts} as the last line on
 * standard output.
 */
final class RunReport {

	private RunReport() {
	}

	static int print(Session session, JobName job, LocalDate date, RunResult result) {
		if (result.notice() != null) {
			session.err().println(result.notice());
		}
		if (result.message() != null && !result.message().isBlank()) {
			PrintStream stream = (result.outcome().exitCode() == 0) ? session.out() : session.err();
			stream.println(result.message());
		}
		session.out().println(RunSummary.line(job.command(), date, result.outcome(), result.counts()));
		return result.outcome().exitCode();
	}

}
