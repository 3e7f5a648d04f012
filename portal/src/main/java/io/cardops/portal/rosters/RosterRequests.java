package io.cardops.portal.rosters;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import io.cardops.jobs.audit.Actor;
import io.cardops.jobs.audit.AuditLog;
import io.cardops.jobs.roster.RosterUploadException;
import io.cardops.jobs.roster.Uploader;
import io.cardops.portal.account.Role;
import io.cardops.portal.security.PortalUser;
import io.cardops.portal.web.Problems;

/**
 * What the roster endpoints share: who asks (as the roster service knows them), the audit
 * of every upload, force and download, and each refusal as its HTTP status.
 */
@Component
@ConditionalOnWebApplication(type = Type.SERVLET)
public class RosterRequests {

	/** The audit outcome of a request refused before anything was done. */
	static final String REFUSED = "REFUSED";

	private final AuditLog audit;

	/**
	 * Creates the helper.
	 * @param audit the audit log
	 */
	public RosterRequests(AuditLog audit) {
		this.audit = audit;
	}

	/**
	 * The roster service's view of a signed-in user: a university's account is bound to
	 * its institution, the issuer's operations to none.
	 * @param user who is signed in
	 * @param request the request (its client address)
	 * @return the uploader
	 */
	Uploader uploader(PortalUser user, HttpServletRequest request) {
		return new Uploader(user.name(), request.getRemoteAddr(),
				(user.role() == Role.UNIVERSITY) ? user.institution() : null);
	}

	/**
	 * Appends to the audit log.
	 * @param user who
	 * @param request from where
	 * @param action for example {@code roster.upload}
	 * @param object what
	 * @param outcome how it ended
	 * @param detail particulars, or null
	 */
	void audit(PortalUser user, HttpServletRequest request, String action, String object, String outcome,
			String detail) {
		this.audit.record(new Actor(user.name(), request.getRemoteAddr()), action, printable(object), outcome,
				(detail != null) ? printable(detail) : null);
	}

	/**
	 * Appends a download to the audit log, unless the request was a HEAD: asked whether
	 * the file is there, nothing sent, not a download.
	 * @param user who
	 * @param request from where, and how
	 * @param action for example {@code roster.rejects-download}
	 * @param file the file sent
	 * @param detail particulars, or null
	 */
	void auditDownload(PortalUser user, HttpServletRequest request, String action, String file, String detail) {
		if (!HttpMethod.HEAD.matches(request.getMethod())) {
			audit(user, request, action, file, "OK", detail);
		}
	}

	/**
	 * A refusal of the roster service as the problem the API answers.
	 * @param refusal the refusal
	 * @return the problem to throw
	 */
	static ErrorResponseException problem(RosterUploadException refusal) {
		return Problems.problem(status(refusal), refusal.getMessage());
	}

	/**
	 * The HTTP status of a refusal.
	 * @param refusal the refusal
	 * @return 400, 403, 404, 409 or 413
	 */
	static HttpStatus status(RosterUploadException refusal) {
		if (refusal instanceof RosterUploadException.BadName || refusal instanceof RosterUploadException.BadCharset) {
			return HttpStatus.BAD_REQUEST;
		}
		if (refusal instanceof RosterUploadException.ForeignInstitution) {
			return HttpStatus.FORBIDDEN;
		}
		if (refusal instanceof RosterUploadException.TooLarge) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		if (refusal instanceof RosterUploadException.NotFound) {
			return HttpStatus.NOT_FOUND;
		}
		return HttpStatus.CONFLICT;
	}

	/**
	 * Refuses an upload that carries more than one part named {@code file} (a second one
	 * would otherwise be dropped without a word), recording the refusal in the audit log.
	 * @param user who sent it
	 * @param request the request
	 * @return how many file parts it carries when it is refused, 0 when it is not
	 */
	int refusedFileParts(PortalUser user, HttpServletRequest request) {
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		int parts = (multipart != null) ? multipart.getFiles("file").size() : 0;
		if (parts <= 1) {
			return 0;
		}
		audit(user, request, "roster.upload", "(" + parts + " file parts)", REFUSED, null);
		return parts;
	}

	/**
	 * An institution code as a filter asks for it: partner codes are upper case, so ucas
	 * finds UCAS, as the desk's partner filter does.
	 * @param institution the value, or null
	 * @return the code, or null when none was given
	 */
	static String institutionCode(String institution) {
		return (institution != null && !institution.isBlank()) ? institution.strip().toUpperCase(Locale.ROOT) : null;
	}

	/** A client's text as the audit keeps it: no control characters. */
	private static String printable(String text) {
		return (text != null) ? text.replaceAll("\\p{Cntrl}", "?") : "";
	}

}
