package io.cardops.portal.ops;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.runs.RunFilter;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/runs}: the job runs as {@code cardops runs} shows them, with their steps
 * and, for a run still going, its progress. OPS only.
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Operations", description = "OPS only: runs, schedules, inbox rejects, the audit log")
public class RunsApiController {

	private final JobRuns runs;

	/**
	 * Creates the controller.
	 * @param runs the runs' read model
	 */
	public RunsApiController(JobRuns runs) {
		this.runs = runs;
	}

	/**
	 * The newest runs.
	 * @param job only this job
	 * @param status only this status
	 * @param date only runs for this business date
	 * @param limit how many
	 * @return the runs, newest first
	 */
	@GetMapping("/api/runs")
	@Operation(summary = "The newest job runs with their steps and progress (OPS)",
			description = "What `cardops runs` shows. Instants are ISO-8601 in Asia/Shanghai.")
	@ApiResponse(responseCode = "200", description = "the runs, newest first")
	@ApiResponse(responseCode = "400", description = "an unknown job or status, a bad date or limit")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public List<RunJson> list(
			@Parameter(description = "roster-import, card-events, reconcile, settle, expire-cards,"
					+ " open-renewal") @RequestParam(required = false) String job,
			@Parameter(description = "COMPLETED, NOOP, REJECTED, HELD, FAILED, RUNNING, DIED, STOPPED, ABANDONED,"
					+ " UNKNOWN") @RequestParam(required = false) String status,
			@Parameter(description = "the business date, YYYY-MM-DD") @RequestParam(required = false) String date,
			@Parameter(description = "at most this many, 1 to 500 (default 20)") @RequestParam(
					defaultValue = "20") int limit) {
		RunFilter filter = new RunFilter(OpsRequests.job(job), OpsRequests.status(status),
				OpsRequests.date("date", date), OpsRequests.size("limit", limit));
		return this.runs.recent(filter, true).stream().map(RunJson::of).toList();
	}

	/**
	 * One run.
	 * @param id the run
	 * @return the run with its steps
	 */
	@GetMapping("/api/runs/{id}")
	@Operation(summary = "One job run with its steps and progress (OPS)")
	@ApiResponse(responseCode = "200", description = "the run")
	@ApiResponse(responseCode = "404", description = "no such run")
	@ApiResponse(responseCode = "401", description = "not signed in")
	@ApiResponse(responseCode = "403", description = "not OPS")
	public RunJson one(@PathVariable long id) {
		return this.runs.find(id).map(RunJson::of).orElseThrow(() -> Problems.notFound("no run " + id));
	}

}
