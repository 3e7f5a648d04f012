package io.cardops.jobs.roster;

import io.cardops.readers.roster.RosterFileName;

/**
 * Why a roster upload, a force or a query was refused; each kind maps to one HTTP status
 * in the portal. Messages are meant for the client and hold no identity number.
 */
public abstract class RosterUploadException extends RuntimeException {

	RosterUploadException(String message) {
		super(message);
	}

	/** The file name is not a roster name (400). */
	public static final class BadName extends RosterUploadException {

		BadName(String name) {
			super("the file name must be roster_<INSTITUTION>_<YYYYMMDD>.csv"
					+ ((name == null || name.isBlank()) ? "; none was sent"
							: RosterFileName.impossibleDate(name)
								.map((digits) -> ", the date a real one of the calendar (" + digits + " is none)")
								.orElse("")));
		}

	}

	/** The declared charset is not a roster charset (400). */
	public static final class BadCharset extends RosterUploadException {

		BadCharset() {
			super("charset must be UTF-8 or GB18030");
		}

	}

	/** A university's account sent a file of another institution (403). */
	public static final class ForeignInstitution extends RosterUploadException {

		ForeignInstitution() {
			super("this account may upload only its own institution's rosters");
		}

	}

	/** The upload is larger than {@code cardops.http.max-upload} (413). */
	public static final class TooLarge extends RosterUploadException {

		TooLarge(long limit) {
			super("the upload is larger than " + limit + " bytes, the most accepted");
		}

	}

	/** An import of the same institution is still running (409). */
	public static final class ImportRunning extends RosterUploadException {

		ImportRunning(String institution, boolean forcing) {
			// (a force sends no file: the operator forces it again)
			super("a roster import of " + institution + " is still running; "
					+ (forcing ? "force the upload again" : "send the file again") + " when it has finished");
		}

	}

	/** The upload is not the institution's latest held upload (409). */
	public static final class NotForceable extends RosterUploadException {

		NotForceable(long id, String why) {
			super("upload " + id + " cannot be forced: " + why);
		}

	}

	/** No such upload, or not one the asker may see (404). */
	public static final class NotFound extends RosterUploadException {

		NotFound(String what) {
			super(what + " not found");
		}

	}

}
