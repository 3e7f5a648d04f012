package io.cardops.portal.rosters;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.cardops.domain.identity.IdNumbers;
import io.cardops.domain.text.VisibleText;
import io.cardops.jobs.renewal.PublishedRenewalLists;
import io.cardops.jobs.roster.RosterUpload;
import io.cardops.jobs.roster.RosterUploadException;
import io.cardops.jobs.roster.RosterUploads;
import io.cardops.portal.security.PortalUser;

/**
 * The roster pages: the university's upload form and downloads (its landing page is
 * {@code /university}), and the operations' list of every institution's uploads with the
 * force button, {@code /ops/rosters}.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class RosterPagesController {

	private final RosterUploads uploads;

	private final PublishedRenewalLists lists;

	private final RosterRequests requests;

	/**
	 * Creates the controller.
	 * @param uploads the roster uploads
	 * @param lists the published renewal lists
	 * @param requests who asks, the audit and the refusals
	 */
	public RosterPagesController(RosterUploads uploads, PublishedRenewalLists lists, RosterRequests requests) {
		this.uploads = uploads;
		this.lists = lists;
		this.requests = requests;
	}

	/**
	 * The upload form's target: imports the file and shows the landing page again with
	 * its outcome.
	 * @param file the file
	 * @param charset the declared charset
	 * @param user who is signed in
	 * @param request the request
	 * @param redirect the message for the next page
	 * @return the redirect
	 */
	@PostMapping("/university/rosters")
	String upload(@RequestPart(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "charset", required = false) String charset, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request, RedirectAttributes redirect) {
		if ("GB18030".equalsIgnoreCase(charset)) {
			// The form keeps the charset chosen: after a refusal (a name to correct) the
			// file is sent again as it was saved, not as UTF-8.
			redirect.addFlashAttribute("uploadCharset", "GB18030");
		}
		if (file == null
				|| file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
			this.requests.audit(user, request, "roster.upload", "(no file part)", RosterRequests.REFUSED, null);
			redirect.addFlashAttribute("uploadError", "rosters.error.noFile");
			return "redirect:/university";
		}
		if (this.requests.refusedFileParts(user, request) > 0) {
			redirect.addFlashAttribute("uploadError", "rosters.error.oneFile");
			return "redirect:/university";
		}
		try (InputStream in = file.getInputStream()) {
			RosterUpload upload = this.uploads.accept(in, file.getOriginalFilename(), charset,
					this.requests.uploader(user, request));
			this.requests.audit(user, request, "roster.upload", upload.file(), upload.status(),
					"upload " + upload.id());
			// as text: a number would be shown with a thousands separator
			redirect.addFlashAttribute("uploadedId", String.valueOf(upload.id()));
			redirect.addFlashAttribute("uploadedFile", upload.file());
			redirect.addFlashAttribute("uploadedStatus", upload.status());
			if ("COMPLETED".equals(upload.status()) && upload.rejected() != null && upload.rejected() > 0) {
				// applied without some of its rows: the message says so, not only its row
				redirect.addFlashAttribute("uploadedRejected", String.valueOf(upload.rejected()));
				redirect.addFlashAttribute("uploadedRows", String.valueOf(upload.rows()));
			}
		}
		catch (RosterUploadException ex) {
			this.requests.audit(user, request, "roster.upload", String.valueOf(file.getOriginalFilename()),
					RosterRequests.REFUSED, ex.getMessage());
			redirect.addFlashAttribute("uploadError", errorKey(ex));
			String sent = file.getOriginalFilename();
			if (ex instanceof RosterUploadException.BadName && sent != null && !sent.isBlank()) {
				// the message names the file: "ucas_roster.csv is not a roster name"
				// (an identity number in it masked, as on every page, and control and
				// invisible characters: a direction override would turn the sentence)
				redirect.addFlashAttribute("uploadErrorFile", VisibleText.shown(IdNumbers.redact(sent), 77));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the uploaded part", ex);
		}
		return "redirect:/university";
	}

	private static String errorKey(RosterUploadException refusal) {
		return "rosters.error." + refusal.getClass().getSimpleName();
	}

	/**
	 * An upload's rejects file.
	 * @param id the upload
	 * @param user who is signed in
	 * @param request the request
	 * @return the bytes
	 */
	@GetMapping("/university/rosters/{id}/rejects")
	ResponseEntity<byte[]> universityRejects(@PathVariable long id, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return page(() -> RostersApiController.rejectsOf(this.uploads, this.requests, id, user, request));
	}

	/**
	 * A renewal list of the university's institution.
	 * @param year the year
	 * @param user who is signed in
	 * @param request the request
	 * @return the bytes
	 */
	@GetMapping("/university/renewal-lists/{year}")
	ResponseEntity<byte[]> renewalList(@PathVariable int year, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return page(() -> RenewalListsApiController.download(this.lists, this.requests, year, null, user, request));
	}

	/**
	 * Every institution's uploads, newest first, with the force button on held ones.
	 * @param institution only this institution's
	 * @param model the page's model
	 * @param user who is signed in
	 * @param request the request
	 * @return the template
	 */
	@GetMapping("/ops/rosters")
	String opsRosters(@RequestParam(name = "institution", required = false) String institution, Model model,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		String only = RosterRequests.institutionCode(institution);
		model.addAttribute("institution", only);
		List<RosterUpload> listed = this.uploads.list(this.requests.uploader(user, request), only);
		model.addAttribute("uploads", listed);
		// A refused force is said in its upload's form while the upload still offers one;
		// otherwise (a later roster superseded it meanwhile) at the top of the page.
		Object refused = (model.getAttribute("forceErrorId") != null) ? model.getAttribute("forceErrorId")
				: model.getAttribute("forceUnconfirmed");
		if (refused != null
				&& listed.stream().anyMatch((upload) -> upload.forceable() && refused.equals(upload.id()))) {
			model.addAttribute("forceRefusedHere", refused);
		}
		model.addAttribute("renewalLists", (only != null) ? this.lists.of(only) : this.lists.ofEvery());
		return "ops/rosters";
	}

	/**
	 * Forces a held upload, once the box that names the students it drops is ticked (the
	 * form requires it; a request without it applies nothing and says so).
	 * @param id the upload
	 * @param confirm {@code yes} when the box was ticked
	 * @param user who is signed in
	 * @param request the request
	 * @param redirect the message for the next page
	 * @return the redirect
	 */
	@PostMapping("/ops/rosters/{id}/force")
	String force(@PathVariable long id, @RequestParam(name = "confirm", required = false) String confirm,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request, RedirectAttributes redirect) {
		if (!"yes".equals(confirm)) {
			redirect.addFlashAttribute("forceUnconfirmed", id);
			return "redirect:/ops/rosters#force-" + id;
		}
		try {
			redirect.addFlashAttribute("forcedId",
					RostersApiController.forceAs(this.uploads, this.requests, id, user, request).id());
		}
		catch (RosterUploadException ex) {
			// (the operator's words: the university's say to upload again)
			redirect.addFlashAttribute("forceError", (ex instanceof RosterUploadException.ImportRunning)
					? "rosters.forceError.ImportRunning" : errorKey(ex));
			redirect.addFlashAttribute("forceErrorId", id);
			return "redirect:/ops/rosters#force-" + id;
		}
		return "redirect:/ops/rosters";
	}

	/**
	 * An upload's rejects file.
	 * @param id the upload
	 * @param user who is signed in
	 * @param request the request
	 * @return the bytes
	 */
	@GetMapping("/ops/rosters/{id}/rejects")
	ResponseEntity<byte[]> opsRejects(@PathVariable long id, @AuthenticationPrincipal PortalUser user,
			HttpServletRequest request) {
		return page(() -> RostersApiController.rejectsOf(this.uploads, this.requests, id, user, request));
	}

	/**
	 * A renewal list of an institution.
	 * @param year the year
	 * @param institution whose
	 * @param user who is signed in
	 * @param request the request
	 * @return the bytes
	 */
	@GetMapping("/ops/renewal-lists/{year}")
	ResponseEntity<byte[]> opsRenewalList(@PathVariable int year,
			@RequestParam(name = "institution", required = false) String institution,
			@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		return page(
				() -> RenewalListsApiController.download(this.lists, this.requests, year, institution, user, request));
	}

	/**
	 * A download for a page: a refusal shows the error page with its status rather than a
	 * problem document.
	 */
	private static ResponseEntity<byte[]> page(Supplier<ResponseEntity<byte[]>> download) {
		try {
			return download.get();
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == 400) {
				// the error page says what to change (name the institution), as the API
				throw ex;
			}
			throw new ResponseStatusException(ex.getStatusCode());
		}
	}

}
