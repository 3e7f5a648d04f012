package io.cardops.portal.ops;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

import io.cardops.jobs.runs.JobRuns;
import io.cardops.jobs.runs.RunView;

/**
 * The operations team's smaller pages: one run with its steps ({@code /ops/runs/{id}}),
 * and the audit log ({@code /ops/audit}); the exceptions are on the desk ({@code /desk}).
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpsPagesController {

	private static final int PAGE = 50;

	private final JobRuns runs;

	private final OpsRecords records;

	/**
	 * Creates the pages.
	 * @param runs the job runs
	 * @param records the audit log
	 */
	public OpsPagesController(JobRuns runs, OpsRecords records) {
		this.runs = runs;
		this.records = records;
	}

	/**
	 * One run.
	 * @param id the run
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/ops/runs/{id}")
	String run(@PathVariable long id, Model model) {
		RunView run = this.runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("run", OpsView.row(run));
		model.addAttribute("ended", OpsView.time(run.endedAt()));
		List<StepRow> steps = run.steps()
			.stream()
			.map((step) -> new StepRow(step.name(), step.status(), OpsView.time(step.startedAt()),
					OpsView.time(step.endedAt()), step.read(), step.written(), step.filtered(), step.skipped()))
			.toList();
		model.addAttribute("steps", steps);
		model.addAttribute("uncounted", steps.stream().anyMatch((step) -> !step.counted()));
		return "ops/run";
	}

	/**
	 * The audit log.
	 * @param user only this account's
	 * @param action only this action
	 * @param since only events since this date (or instant), as the API takes it
	 * @param page the page, from 0
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/ops/audit")
	String audit(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
			@RequestParam(required = false) String since, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("user", blank(user));
		model.addAttribute("action", blank(action));
		model.addAttribute("since", blank(since));
		OffsetDateTime from = null;
		try {
			from = RecordsApiController.since(blank(since));
		}
		catch (ErrorResponseException ex) {
			// said beside the filter, the value kept to correct; the log shown unfiltered
			// by it rather than silently
			model.addAttribute("sinceRefused", true);
		}
		model.addAttribute("result", this.records.audit(from, blank(user), blank(action), Math.max(page, 0), PAGE));
		return "ops/audit";
	}

	private static String blank(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * A step as the run's page shows it.
	 *
	 * @param name the step
	 * @param status its status
	 * @param started when it started
	 * @param ended when it ended
	 * @param read items read
	 * @param written items written
	 * @param filtered items filtered
	 * @param skipped items skipped
	 */
	record StepRow(String name, String status, String started, String ended, long read, long written, long filtered,
			long skipped) {

		/**
		 * Whether the step counted items: a step that does its work in one piece (a
		 * tasklet: a roster's load and apply, a file's settlement) counts none, and its
		 * zeros would read as nothing done; the page shows a dash and says where its
		 * counts are.
		 * @return true when any count is set
		 */
		public boolean counted() {
			return this.read + this.written + this.filtered + this.skipped > 0;
		}

	}

}
