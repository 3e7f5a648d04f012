package io.cardops.app.cli;

import java.io.PrintStream;
import java.time.LocalDate;

import io.cardops.jobs.JobName;
import io.cardops.jobs.support.JobRunner.RunResult;
import io.cardops.jobs.support.RunSummary;

/**
 * Prints a run's result the way cli.md says: any notice (a lock taken over from a dead
 * run), warnings and errors on standard error, then the summary line
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
			for (String line : result.message().split("\n")) {
				// Warnings go where the other warnings go (an output piped to a file
				// keeps the results only); a failed run's message is an error.
				boolean info = result.outcome().exitCode() == 0 && !line.startsWith("warning: ");
				PrintStream stream = info ? session.out() : session.err();
				stream.println(line);
			}
		}
		session.out().println(RunSummary.line(job.command(), date, result.outcome(), result.counts()));
		return result.outcome().exitCode();
	}

}
