package io.cardops.portal.rosters;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cardops.jobs.renewal.PublishedRenewalLists;
import io.cardops.jobs.renewal.PublishedRenewalLists.RenewalList;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/renewal-lists}: the renewal eligibility lists published for an institution
 * when each year's renewal window opened.
 */
@RestController
@RequestMapping("/api/renewal-lists")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Renewal lists",
		description = "Renewal eligibility lists (UNIVERSITY: its own institution's; OPS: every institution's)")
public class RenewalListsApiController {

	private final PublishedRenewalLists lists;

	private final RosterRequests requests;

	/**
	 * Creates the controller.
	 * @param lists the published lists
	 * @param requests who asks and the audit
	 */
	public RenewalListsApiController(PublishedRenewalLists lists, RosterRequests requests) {
		this.lists = lists;
		this.requests = requests;
	}

	/**
	 * The lists, newest year first.
	 * @param institution OPS: only this institution's
	 * @param user who is signed in
	 * @return the lists
	 */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Renewal eligibility lists, newest year first (UNIVERSITY: its own; OPS: all or one"
			+ " institution's)")
	@ApiResponse(responseCode = "200", description = "The lists (year, file, rows, published_at)")
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	public List<RenewalListJson> list(@Parameter(description = "OPS: an institution code") @RequestParam(
			name = "institution", required = false) String institution, @AuthenticationPrincipal PortalUser user) {
		String whose = RosterRequests.institutionCode(institution);
		if (user.role() == Role.UNIVERSITY) {
			if (whose != null && !whose.equals(user.institution())) {
				return List.of();
			}
			return this.lists.of(user.institution()).stream().map((list) -> RenewalListJson.of(list, false)).toList();
		}
		List<RenewalList> found = (whose != null) ? this.lists.of(whose) : this.lists.ofEvery();
		return found.stream().map((list) -> RenewalListJson.of(list, true)).toList();
	}

	/**
	 * One year's list, as published.
	 * @param year the year
	 * @param institution OPS: whose list
	 * @param user who is signed in
	 * @param request the request
	 * @return the file's bytes
	 */
	// No produces: text/csv whatever the client's Accept says, as the
	// rejects file (RostersApiController.rejects).
	@GetMapping(path = "/{year}")
	@Operation(summary = "One year's renewal eligibility list, byte for byte as published (UNIVERSITY: its own;"
			+ " OPS: with ?institution=CODE)")
	@ApiResponse(responseCode = "200", description = "The file (text/csv)", content = @Content(mediaType = "text/csv"))
	@ApiResponse(responseCode = "400", description = "OPS without ?institution",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No list of that year for the institution",
			content = @Content(mediaType = RostersApiController.PROBLEM,
					schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<byte[]> file(@PathVariable int year,
			@Parameter(description = "OPS: an institution code") @RequestParam(name = "institution",
					required = false) String institution,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return download(this.lists, this.requests, year, institution, user, request);
	}

	static ResponseEntity<byte[]> download(PublishedRenewalLists lists, RosterRequests requests, int year,
			String institution, PortalUser user, HttpServletRequest request) {
		String whose = RosterRequests.institutionCode(institution);
		if (user.role() == Role.UNIVERSITY) {
			if (whose != null && !whose.equals(user.institution())) {
				throw notFound(requests, user, request, year);
			}
			whose = user.institution();
		}
		else if (whose == null) {
			throw Problems.badRequest("name the institution: ?institution=CODE");
		}
		RenewalList list = lists.of(whose, year).orElseThrow(() -> notFound(requests, user, request, year));
		byte[] bytes;
		try {
			bytes = lists.bytes(list);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read a published renewal list", ex);
		}
		requests.auditDownload(user, request, "renewal-list.download", list.file(), null);
		return ResponseEntity.ok()
			.contentType(RostersApiController.TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(list.file()).build().toString())
			.body(bytes);
	}

	private static RuntimeException notFound(RosterRequests requests, PortalUser user, HttpServletRequest request,
			int year) {
		requests.audit(user, request, "renewal-list.download", "renewal list " + year, RosterRequests.REFUSED,
				"not found");
		return Problems.notFound("no renewal list of " + year);
	}

}
