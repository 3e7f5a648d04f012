package io.cardops.portal.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.cardops.domain.desk.CaseAction;
import io.cardops.domain.desk.CaseActionRefusedException;
import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.desk.ExceptionDesk;

/**
 * A desk action refused for the account's role (a UNIVERSITY account, before the desk
 * sees the request) is in the audit log as every other refused desk action is (http.md,
 * "Audit"): the security filters answer it, so they record it.
 */
final class DeskRoleRefusals {

	private static final Pattern ACTION = Pattern.compile("^(?:/api/exceptions|/desk)/([0-9]{1,18})/([a-z-]{1,32})$");

	private final ObjectProvider<ExceptionDesk> desk;

	DeskRoleRefusals(ObjectProvider<ExceptionDesk> desk) {
		this.desk = desk;
	}

	/**
	 * Records a refused request when it is a desk action posted by a signed-in account.
	 * @param request the refused request
	 */
	void record(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return;
		}
		Matcher matched = ACTION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		ExceptionDesk exceptions = this.desk.getIfAvailable();
		if (!matched.matches() || signedIn == null || !signedIn.isAuthenticated() || exceptions == null) {
			return;
		}
		CaseAction action;
		try {
			action = CaseAction.parse(matched.group(2));
		}
		catch (CaseActionRefusedException ex) {
			return;
		}
		String from = (request.getRemoteAddr() != null) ? request.getRemoteAddr() : "unknown";
		exceptions.recordRefusal(Long.parseLong(matched.group(1)), action, new Actor(signedIn.getName(), from),
				"the account's role may not work the exception desk (FINANCE and OPS do)");
	}

}
