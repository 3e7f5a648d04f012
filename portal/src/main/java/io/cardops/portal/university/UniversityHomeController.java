package io.cardops.portal.university;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.cardops.jobs.renewal.PublishedRenewalLists;
import io.cardops.jobs.roster.RosterUploads;
import io.cardops.jobs.roster.Uploader;
import io.cardops.portal.security.PortalUser;

/**
 * The landing page of the UNIVERSITY role, {@code /university}: the upload form, the
 * institution's uploads with their outcomes, and its renewal lists.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class UniversityHomeController {

	private final RosterUploads uploads;

	private final PublishedRenewalLists lists;

	/**
	 * Creates the controller.
	 * @param uploads the roster uploads
	 * @param lists the published renewal lists
	 */
	public UniversityHomeController(RosterUploads uploads, PublishedRenewalLists lists) {
		this.uploads = uploads;
		this.lists = lists;
	}

	/**
	 * The page.
	 * @param user who is signed in
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/university")
	String home(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("uploads", this.uploads.list(new Uploader(user.name(), "", user.institution()), null));
		model.addAttribute("renewalLists", this.lists.of(user.institution()));
		return "university/home";
	}

}
