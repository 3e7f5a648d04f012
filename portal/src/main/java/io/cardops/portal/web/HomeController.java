package io.cardops.portal.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.cardops.portal.security.PortalUser;
import io.cardops.portal.security.RefusedSignIn;
import io.cardops.portal.security.SessionAccountCheck;

/**
 * The landing address {@code /}: each role goes to its own page; the login page and the
 * sign-out page.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
public class HomeController {

	/**
	 * Sends a signed-in user to the page of their role.
	 * @param user who is signed in
	 * @return the redirect
	 */
	@GetMapping("/")
	String home(@AuthenticationPrincipal PortalUser user) {
		return switch (user.role()) {
			case UNIVERSITY -> "redirect:/university";
			case FINANCE -> "redirect:/finance";
			case OPS -> "redirect:/ops";
		};
	}

	/**
	 * The login form (Spring Security reads its POST), with the name of a sign-in just
	 * refused filled in again, or why the last session ended.
	 * @param request the request
	 * @param model the page's model
	 * @return the login page
	 */
	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		model.addAttribute("signInName", RefusedSignIn.takeName(request));
		model.addAttribute("sessionEnded", SessionAccountCheck.takeEnded(request));
		return "login";
	}

	/**
	 * The sign-out page, for an address typed or bookmarked: signing out is a POST with
	 * the form's CSRF token (Spring Security reads it), so a GET asks first. Signed out
	 * already, it leads to the sign-in.
	 * @param user who is signed in, or null
	 * @return the page, or the redirect
	 */
	@GetMapping("/logout")
	String logout(@AuthenticationPrincipal PortalUser user) {
		return (user != null) ? "logout" : "redirect:/login";
	}

}
