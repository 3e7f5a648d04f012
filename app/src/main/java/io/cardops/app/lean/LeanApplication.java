package io.cardops.app.lean;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.cardops.jobs.desk.DeskCases;
import io.cardops.jobs.settle.SettlementHistory;
import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.support.JobRunRepository;
import io.cardops.jobs.support.JobsConfiguration;
import io.cardops.jobs.trace.CardTraceService;

/**
 * The application of the commands that only read the database ({@code runs},
 * {@code trace}, {@code exceptions list|show|aging}): the data source, its
 * {@code JdbcClient} and the repositories those commands read, with the same settings as
 * the full application. Without Spring Batch, the jobs, Quartz, metrics and the web
 * server it starts in a fraction of the time (docs/benchmarks.md, "Start-up"). A command
 * that runs a job opens the full application; a read-only command that needs another bean
 * adds it here.
 *
 * <p>
 * Deliberately not a {@code @Configuration}: the full application scans
 * {@code io.cardops} for components, and would register the beans imported here a second
 * time.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		JdbcClientAutoConfiguration.class })
@Import({ JobsConfiguration.class, JobRunRepository.class, JobRuns.class, SettlementHistory.class,
		CardTraceService.class, DeskCases.class })
public class LeanApplication {

}
