package io.cardops.schedules.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.cardops.jobs.JobName;
import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.inbox.InboxService;
import io.cardops.jobs.reference.ReferenceDataService;
import io.cardops.jobs.support.CardopsProperties;
import io.cardops.jobs.support.Failures;
import io.cardops.jobs.support.JobRunListener;
import io.cardops.jobs.support.JobRunner;
import io.cardops.jobs.support.JobRunner.RunRefusedException;
import io.cardops.jobs.support.JobRunner.RunResult;
import io.cardops.jobs.support.RunContext;
import io.cardops.jobs.support.RunOutcome;
import io.cardops.jobs.support.RunSummary;
import io.cardops.readers.csv.InboundFileException;

/**
 * The nightly chain as a Spring Batch job, {@code nightlyChainJob}: one step per
 * configured {@link ChainStep} ({@code cardops.chain.steps}, in order), each running its
 * job through {@link JobRunner} ({@link ChainJobStep}). A step whose job failed fails the
 * chain; a restart (the same date triggered again) runs the failed step again, and its
 * job restarts where it stopped. A rejected or held input (a bad roster, a partner file
 * refused whole) is reported but does not stop the chain; a missing inbox folder fails
 * the first step that reads it, rather than passing for a night without files.
 *
 * <p>
 * The chain's jobs run inside its execution, in the thread that launched it, so the card
 * ledger's run lock its launch took ({@link JobName#writesCardLedger()}) covers every one
 * of them.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyChainConfiguration {

	@Bean
	Job nightlyChainJob(JobRepository repository, JobRunListener runListener, ScheduleSettings settings,
			NightlyChainSteps steps) {
		List<ChainStep> chain = settings.chain().steps();
		if (chain.isEmpty()) {
			throw new IllegalStateException(
					"cardops.chain.steps names no step; list some of reference, rosters, card-events, reconcile, settle");
		}
		SimpleJobBuilder job = new JobBuilder(JobName.NIGHTLY_CHAIN.batchName(), repository).listener(runListener)
			.listener(new ChainSummary())
			.start(steps.step(chain.get(0)));
		for (ChainStep step : chain.subList(1, chain.size())) {
			job = job.next(steps.step(step));
		}
		return job.build();
	}

	@Bean
	NightlyChainSteps nightlyChainSteps(JobRepository repository, ObjectProvider<JobRunner> jobs,
			ReferenceDataService reference, RosterArrivals rosters, DeskCases desk, ScheduleSettings settings,
			CardopsProperties properties, @Value("${cardops.error-log:" + Failures.DEFAULT_LOG + "}") Path errorLog) {
		return new NightlyChainSteps(repository, jobs, reference, rosters, desk, settings, properties, errorLog);
	}

	/**
	 * Reports the chain's counts when it ends
	 * ({@code runs=... rejected=... held=... files_rejected=...}): listed after the run
	 * listener, so its {@code afterJob} comes first.
	 */
	static final class ChainSummary implements JobExecutionListener {

		@Override
		public void afterJob(JobExecution execution) {
			ExecutionContext context = execution.getExecutionContext();
			RunSummary summary = RunSummary.of(RunOutcome.COMPLETED)
				.with("runs", context.getInt(ChainJobStep.RUNS, 0))
				.with("rejected", context.getInt(ChainJobStep.key(RunOutcome.REJECTED), 0))
				.with("held", context.getInt(ChainJobStep.key(RunOutcome.HELD), 0))
				.with("files_rejected", context.getInt(ChainJobStep.FILES_REJECTED, 0));
			if (context.containsKey(ChainJobStep.NOTES)) {
				summary = summary.withMessage(context.getString(ChainJobStep.NOTES));
			}
			RunContext.report(execution, summary);
		}

	}

	/**
	 * The steps of the chain, and how each runs its jobs.
	 */
	static final class NightlyChainSteps {

		private final JobRepository repository;

		private final ObjectProvider<JobRunner> jobs;

		private final ReferenceDataService reference;

		private final RosterArrivals rosters;

		private final DeskCases desk;

		private final ScheduleSettings settings;

		private final CardopsProperties properties;

		private final Path errorLog;

		NightlyChainSteps(JobRepository repository, ObjectProvider<JobRunner> jobs, ReferenceDataService reference,
				RosterArrivals rosters, DeskCases desk, ScheduleSettings settings, CardopsProperties properties,
				Path errorLog) {
			this.repository = repository;
			this.jobs = jobs;
			this.reference = reference;
			this.rosters = rosters;
			this.desk = desk;
			this.settings = settings;
			this.properties = properties;
			this.errorLog = errorLog;
		}

		Step step(ChainStep step) {
			ChainJobStep.Work work = switch (step) {
				case REFERENCE -> this::reference;
				case ROSTERS -> this::rosters;
				// Settles the date, then every earlier date with a release approved on
				// the exception desk since its latest version (desk.md, "What a release
				// changes"), oldest first, as `cardops run settle --date` would. A date
				// that fails to settle again stops the chain like any failed step, and
				// is tried again on the next run.
				case SETTLE -> (date, report) -> {
					List<LocalDate> dates = new ArrayList<>(List.of(date));
					this.desk.datesToResettle()
						.stream()
						.filter((earlier) -> earlier.isBefore(date))
						.forEach(dates::add);
					return each(step, dates, report);
				};
				default -> (date, report) -> each(step, List.of(date), report);
			};
			return new ChainJobStep(step.id(), this.repository, work);
		}

		/**
		 * Runs a step's job for each date, in order, stopping at the first that fails.
		 */
		private StepResult each(ChainStep step, List<LocalDate> dates, Consumer<StepResult> report) {
			for (LocalDate day : dates) {
				StepResult result = runJob(step.id(), step.job(), day, Map.of("date", day.toString()));
				report.accept(result);
				if (result.outcome() == RunOutcome.FAILED) {
					return result;
				}
			}
			return null;
		}

		/**
		 * Runs one job, restarting it when its last run for the same parameters failed.
		 */
		private StepResult runJob(String step, JobName job, LocalDate date, Map<String, String> parameters) {
			try {
				RunResult result = this.jobs.getObject().run(job, parameters);
				return new StepResult(step, result.outcome(),
						RunSummary.line(job.command(), date, result.outcome(), result.counts()), result.message());
			}
			catch (RunRefusedException ex) {
				return new StepResult(step, RunOutcome.FAILED,
						RunSummary.line(job.command(), date, RunOutcome.FAILED, ""), ex.getMessage());
			}
			catch (IllegalStateException ex) {
				return new StepResult(step, RunOutcome.FAILED,
						RunSummary.line(job.command(), date, RunOutcome.FAILED, ""),
						Failures.explain(ex, job.command() + " " + date, this.errorLog));
			}
		}

		private StepResult reference(LocalDate date, Consumer<StepResult> report) {
			Path folder = referenceDir();
			StepResult result;
			String name = ChainStep.REFERENCE.id();
			if (!Files.isDirectory(folder)) {
				result = new StepResult(name, RunOutcome.FAILED,
						ReferenceDataService.Loaded.line(RunOutcome.FAILED, folder), missing(folder));
			}
			else {
				try {
					ReferenceDataService.Loaded loaded = this.reference.load(folder);
					result = new StepResult(name, RunOutcome.COMPLETED, loaded.line(folder),
							loaded.warnings().isEmpty() ? null : String.join("; ", loaded.warnings()));
				}
				catch (InboundFileException ex) {
					// The reference data in force stays; the chain goes on with it.
					result = new StepResult(name, RunOutcome.REJECTED,
							ReferenceDataService.Loaded.line(RunOutcome.REJECTED, folder),
							ex.getMessage() + " (nothing of the folder was loaded; the reference data in force stays)");
				}
				catch (UncheckedIOException ex) {
					result = new StepResult(name, RunOutcome.FAILED,
							ReferenceDataService.Loaded.line(RunOutcome.FAILED, folder),
							Failures.explain(ex, "the nightly chain's reference step", this.errorLog));
				}
			}
			report.accept(result);
			return (result.outcome() == RunOutcome.FAILED) ? result : null;
		}

		/**
		 * Why the reference folder is missing: the whole inbox, when the folder is the
		 * inbox's.
		 */
		private String missing(Path folder) {
			Optional<String> inbox = (this.settings.chain().referenceDir() != null) ? Optional.empty()
					: InboxService.folderProblem(this.properties.inbox());
			return inbox.orElse("reference folder not found: " + folder
					+ " (put partners.csv and fare_rules.csv there, or set cardops.chain.reference-dir)");
		}

		private Path referenceDir() {
			Path configured = this.settings.chain().referenceDir();
			return (configured != null) ? configured : this.properties.inbox().resolve("reference");
		}

		private StepResult rosters(LocalDate date, Consumer<StepResult> report) {
			String name = ChainStep.ROSTERS.id();
			List<RosterArrivals.Upload> uploads;
			try {
				uploads = this.rosters.notImported(date);
			}
			catch (IOException ex) {
				StepResult result = new StepResult(name, RunOutcome.FAILED, "job=roster-import status=FAILED",
						Failures.explain(ex, "the nightly chain's roster step (listing the inbox)", this.errorLog));
				report.accept(result);
				return result;
			}
			catch (InboxService.MissingInboxException ex) {
				StepResult result = new StepResult(name, RunOutcome.FAILED, "job=roster-import status=FAILED",
						ex.getMessage());
				report.accept(result);
				return result;
			}
			for (RosterArrivals.Upload upload : uploads) {
				StepResult result = withCharsetSetting(runJob(name, JobName.ROSTER_IMPORT, upload.request().fileDate(),
						upload.request().toParameters()), upload);
				report.accept(result);
				if (result.outcome() == RunOutcome.FAILED) {
					return result;
				}
			}
			return null;
		}

		/**
		 * A roster the chain rejected for bytes not valid in its charset: the reason
		 * written for the university (send it again declaring its charset) is followed by
		 * the operator's own remedy, the institution's charset setting.
		 */
		private static StepResult withCharsetSetting(StepResult result, RosterArrivals.Upload upload) {
			if (result.outcome() != RunOutcome.REJECTED || result.message() == null
					|| !result.message().contains("bytes not valid in")) {
				return result;
			}
			String institution = upload.request().institution();
			String other = upload.request().charset().equals(StandardCharsets.UTF_8) ? "GB18030" : "UTF-8";
			// A code with an underscore binds only in the bracket form (operations.md).
			String setting = institution.contains("_") ? "cardops.roster.charset[" + institution + "]"
					: "cardops.roster.charset." + institution;
			return new StepResult(result.step(), result.outcome(), result.line(),
					result.message() + " (the nightly chain read it as " + upload.request().charset().name() + ": if "
							+ institution + " sends " + other + ", set " + setting + "=" + other + ")");
		}

	}

}
