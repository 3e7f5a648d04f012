package io.cardops.portal.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.cardops.portal.security.PortalUser;

/**
 * What the page layout (templates/layout.html) shows on every page: who is signed in.
 */
@ControllerAdvice
@ConditionalOnWebApplication(type = Type.SERVLET)
public class LayoutModel {

	/**
	 * The signed-in user for the header and the navigation.
	 * @param user who is signed in, or null on the login page
	 * @return the user, as {@code currentUser}
	 */
	@ModelAttribute("currentUser")
	PortalUser currentUser(@AuthenticationPrincipal PortalUser user) {
		return user;
	}

}
