package io.cardops.jobs.cards;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.cardops.jobs.JobName;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.support.JobRunListener;
import io.cardops.jobs.support.RunContext;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.jobs.support.StepResults;

/**
 * The card-events job: {@value #APPLY_STEP} applies a date's card-event files,
 * {@value #HOTLIST_STEP} publishes the blocklist. Each step is one transaction; a failed
 * hotlist step restarts alone.
 */
@Configuration(proxyBeanMethods = false)
public class CardEventsJobConfiguration {

	/** Applies the card-event files of the date. */
	public static final String APPLY_STEP = "applyCardEventsStep";

	/** Publishes the hotlist. */
	public static final String HOTLIST_STEP = "publishHotlistStep";

	private static final String COUNTS = "cards.counts";

	private static final String FILES = "cards.files";

	@Bean
	Job cardEventsJob(JobRepository jobRepository, Step applyCardEventsStep, Step publishHotlistStep,
			JobRunListener runListener) {
		return new JobBuilder(JobName.CARD_EVENTS.batchName(), jobRepository).listener(runListener)
			.start(applyCardEventsStep)
			.next(publishHotlistStep)
			.build();
	}

	@Bean
	Step applyCardEventsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CardEventsService cards, StepResults results) {
		return new StepBuilder(APPLY_STEP, jobRepository).tasklet((contribution, chunk) -> {
			results.record(chunk, () -> {
				CardEventsService.Applied applied = cards.apply(RunContext.date(chunk));
				return Map.of(FILES, Integer.toString(applied.files()), COUNTS,
						"files=" + applied.files() + " files_waiting=" + applied.waiting() + " files_rejected="
								+ applied.filesRejected() + " events=" + applied.events() + " applied="
								+ applied.applied() + " rejected=" + applied.rejected() + " issued=" + applied.issued()
								+ " renewed=" + applied.renewed() + " reported_lost=" + applied.reportedLost()
								+ " returned=" + applied.returned());
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step publishHotlistStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			HotlistService hotlist, InboxService inbox, StepResults results) {
		return new StepBuilder(HOTLIST_STEP, jobRepository).tasklet((contribution, chunk) -> {
			results.report(chunk, () -> {
				HotlistService.Publication publication = hotlist.publish(RunContext.date(chunk));
				Map<String, String> applied = results.of(chunk, APPLY_STEP);
				boolean nothingNew = Integer.parseInt(applied.getOrDefault(FILES, "0")) == 0
						&& !publication.published();
				RunSummary summary = RunSummary.of(nothingNew ? RunOutcome.NOOP : RunOutcome.COMPLETED)
					.withPairs(applied.get(COUNTS))
					.with("hotlist_version", publication.version())
					.with("hotlist_published", publication.published() ? "Y" : "N")
					.with("blocked", publication.blocked())
					.with("newly_blocked", publication.added());
				String warnings = inbox.warnings(RunContext.date(chunk), List.of(CardEventsService.KIND));
				return (warnings != null) ? summary.withMessage(warnings) : summary;
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
