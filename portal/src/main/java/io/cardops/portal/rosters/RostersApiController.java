package io.cardops.portal.rosters;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.cardops.jobs.roster.RosterUpload;
import io.cardops.jobs.roster.RosterUploadException;
import io.cardops.jobs.roster.RosterUploads;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;

/**
 * {@code /api/rosters}: a university uploads its rosters and learns what became of them;
 * the issuer's operations see every institution's and force a held one.
 */
@RestController
@RequestMapping("/api/rosters")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Tag(name = "Rosters", description = "Roster uploads (UNIVERSITY: its own institution's; OPS: every institution's)")
public class RostersApiController {

	/** The media type of a refusal. */
	static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	/** The media type of a rejects file. */
	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

	private final RosterUploads uploads;

	private final RosterRequests requests;

	/**
	 * Creates the controller.
	 * @param uploads the roster uploads
	 * @param requests who asks, the audit and the refusals
	 */
	public RostersApiController(RosterUploads uploads, RosterRequests requests) {
		this.uploads = uploads;
		this.requests = requests;
	}

	/**
	 * Uploads one roster file and imports it.
	 * @param file the CSV
	 * @param charset UTF-8 (default) or GB18030
	 * @param user who is signed in
	 * @param request the request
	 * @return 201 with the upload as judged
	 */
	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Upload a roster (UNIVERSITY for its institution, OPS for any)",
			description = "Part `file` named roster_<INSTITUTION>_<YYYYMMDD>.csv, optional part `charset` (UTF-8 or"
					+ " GB18030). Imported at once by the roster-import job; the answer carries its outcome.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = RosterUploadForm.class))))
	@ApiResponse(responseCode = "201", description = "Received and judged (COMPLETED, NOOP, REJECTED, HELD, FAILED)")
	@ApiResponse(responseCode = "400", description = "No file part, a name that is not a roster name, a bad charset",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS, or another institution's file",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "An import of the same institution is still running",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "Larger than cardops.http.max-upload",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<RosterJson> upload(
			@Parameter(hidden = true) @RequestPart(name = "file", required = false) MultipartFile file,
			@Parameter(hidden = true) @RequestParam(name = "charset", required = false) String charset,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		if (file == null) {
			this.requests.audit(user, request, "roster.upload", "(no file part)", RosterRequests.REFUSED, null);
			// A part named file without a filename is read as a form field, not a file.
			throw Problems.badRequest((request.getParameter("file") != null)
					? "the part named file is not a file: it has no filename in its Content-Disposition; send the"
							+ " roster as a file (curl -F file=@roster_CODE_YYYYMMDD.csv)"
					: "the request has no part named file");
		}
		int parts = this.requests.refusedFileParts(user, request);
		if (parts > 0) {
			throw Problems.badRequest("the request has " + parts + " parts named file: send one roster per upload");
		}
		RosterUpload upload;
		try (InputStream in = file.getInputStream()) {
			upload = this.uploads.accept(in, file.getOriginalFilename(), charset,
					this.requests.uploader(user, request));
		}
		catch (RosterUploadException ex) {
			this.requests.audit(user, request, "roster.upload", String.valueOf(file.getOriginalFilename()),
					RosterRequests.REFUSED, ex.getMessage());
			throw RosterRequests.problem(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the uploaded part", ex);
		}
		this.requests.audit(user, request, "roster.upload", upload.file(), upload.status(), "upload " + upload.id());
		return ResponseEntity.created(URI.create("/api/rosters/" + upload.id())).body(RosterJson.of(upload));
	}

	/**
	 * The uploads, newest first.
	 * @param institution only this institution's
	 * @param user who is signed in
	 * @param request the request
	 * @return the uploads
	 */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List uploads, newest first (UNIVERSITY: its own; OPS: all, or one institution's)")
	@ApiResponse(responseCode = "200", description = "The uploads")
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	public List<RosterJson> list(
			@Parameter(description = "an institution code") @RequestParam(name = "institution",
					required = false) String institution,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return this.uploads.list(this.requests.uploader(user, request), RosterRequests.institutionCode(institution))
			.stream()
			.map(RosterJson::of)
			.toList();
	}

	/**
	 * One upload.
	 * @param id the upload
	 * @param user who is signed in
	 * @param request the request
	 * @return the upload
	 */
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "One upload (UNIVERSITY: its own; OPS: any)")
	@ApiResponse(responseCode = "200", description = "The upload")
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such upload, or another institution's",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	public RosterJson get(@PathVariable long id, @AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		try {
			return RosterJson.of(this.uploads.get(id, this.requests.uploader(user, request)));
		}
		catch (RosterUploadException ex) {
			throw RosterRequests.problem(ex);
		}
	}

	/**
	 * The rejects file of an upload, as published in the outbox.
	 * @param id the upload
	 * @param user who is signed in
	 * @param request the request
	 * @return the bytes
	 */
	// No produces: the file is text/csv whatever the client's Accept says, as a
	// settlement
	// file is (a client that always sends Accept: application/json got 406, and 406 for
	// an
	// upload that does not exist instead of 404).
	@GetMapping(path = "/{id}/rejects")
	@Operation(summary = "The rejects file of an upload, byte for byte as published (UNIVERSITY: its own; OPS: any)")
	@ApiResponse(responseCode = "200", description = "The rejects file (text/csv)",
			content = @Content(mediaType = "text/csv"))
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not UNIVERSITY or OPS",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such upload, another institution's, or no rejects",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<byte[]> rejects(@PathVariable long id, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return rejectsOf(this.uploads, this.requests, id, user, request);
	}

	static ResponseEntity<byte[]> rejectsOf(RosterUploads uploads, RosterRequests requests, long id, PortalUser user,
			HttpServletRequest request) {
		RosterUpload upload;
		byte[] bytes;
		try {
			upload = uploads.get(id, requests.uploader(user, request));
			bytes = uploads.rejects(id, requests.uploader(user, request));
		}
		catch (RosterUploadException ex) {
			requests.audit(user, request, "roster.rejects-download", "upload " + id, RosterRequests.REFUSED,
					ex.getMessage());
			throw RosterRequests.problem(ex);
		}
		requests.auditDownload(user, request, "roster.rejects-download", upload.rejectsFile(), "upload " + id);
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(upload.rejectsFile()).build().toString())
			.body(bytes);
	}

	/**
	 * Applies a held upload as {@code --force} does.
	 * @param id the upload
	 * @param user who is signed in
	 * @param request the request
	 * @return the upload as judged again
	 */
	@PostMapping(path = "/{id}/force", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Apply a held upload as --force does (OPS only)")
	@ApiResponse(responseCode = "200", description = "Applied; the upload as judged again, with who forced it")
	@ApiResponse(responseCode = "401", description = "No credentials",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Not OPS",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such upload",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Not the institution's latest HELD upload, or an import runs",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	public RosterJson force(@PathVariable long id, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		try {
			return RosterJson.of(forceAs(this.uploads, this.requests, id, user, request));
		}
		catch (RosterUploadException ex) {
			throw RosterRequests.problem(ex);
		}
	}

	/**
	 * Forces a held upload as the account, auditing the outcome.
	 * @throws RosterUploadException when the upload cannot be forced (audited; the API
	 * answers it as a problem, the page in its language)
	 */
	static RosterUpload forceAs(RosterUploads uploads, RosterRequests requests, long id, PortalUser user,
			HttpServletRequest request) {
		if (user.role() != Role.OPS) {
			requests.audit(user, request, "roster.force", "upload " + id, RosterRequests.REFUSED, "not OPS");
			throw Problems.forbidden("only the issuer's operations may force a held roster");
		}
		try {
			RosterUpload forced = uploads.force(id, requests.uploader(user, request));
			requests.audit(user, request, "roster.force", forced.file(), forced.status(), "upload " + id);
			return forced;
		}
		catch (RosterUploadException ex) {
			requests.audit(user, request, "roster.force", "upload " + id, RosterRequests.REFUSED, ex.getMessage());
			throw ex;
		}
	}

}
