package io.cardops.portal.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.cardops.portal.security.PortalUser;

/**
 * The landing page of the OPS role, {@code /ops}.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpsHomeController {

	/**
	 * The page.
	 * @param user who is signed in
	 * @param model the page's model
	 * @return the template
	 */
	@GetMapping("/ops")
	String home(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("user", user);
		return "ops/home";
	}

}
